// Fills a buffer with RNG output for one (seed, stream, counter) and a range of indices:
// per index the two Threefry words, the uniform and the normal (as f32 bits). The test
// harness for rng.wgsl, which is prepended to this file.

struct RngFillParams {
  seed: u32,
  stream: u32,
  counter: u32,
  indexStart: u32,
  count: u32,
}

@group(0) @binding(0) var<uniform> params: RngFillParams;
@group(0) @binding(1) var<storage, read_write> out: array<vec4<u32>>;

@compute @workgroup_size(64)
fn fillRng(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if (i >= params.count) {
    return;
  }
  let index = params.indexStart + i;
  let w = threefry2x32(params.seed, params.stream, params.counter, index);
  let u = uniform01(params.seed, params.stream, params.counter, index);
  let n = normal01(params.seed, params.stream, params.counter, index);
  out[i] = vec4<u32>(w.x, w.y, bitcast<u32>(u), bitcast<u32>(n));
}
