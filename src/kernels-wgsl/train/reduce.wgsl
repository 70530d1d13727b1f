// Deterministic workgroup reductions for the training kernel: every invocation contributes a
// partial (summed over a fixed stride of indices), then fixed groups of 16 are summed in
// order, so the same inputs always give the same bits. Integer counters use atomics.

const REDUCE_FAN: u32 = 16u;

var<workgroup> reducePartials: array<vec4<f32>, WORKGROUP_SIZE>;
var<workgroup> reduceLanes: array<vec4<f32>, WORKGROUP_SIZE>;
var<workgroup> broadcastWord: u32;

/** Σ over the workgroup of each invocation's `v`, returned to all (uniform). */
fn workgroupSum(v: vec4<f32>) -> vec4<f32> {
  workgroupBarrier();
  reducePartials[lid] = v;
  workgroupBarrier();
  let lanes = (WORKGROUP_SIZE + REDUCE_FAN - 1u) / REDUCE_FAN;
  if (lid < lanes) {
    var acc = vec4<f32>(0.0);
    for (var i = lid * REDUCE_FAN; i < min(WORKGROUP_SIZE, (lid + 1u) * REDUCE_FAN); i++) {
      acc += reducePartials[i];
    }
    reduceLanes[lid] = acc;
  }
  workgroupBarrier();
  if (lid == 0u) {
    var total = reduceLanes[0];
    for (var i = 1u; i < lanes; i++) {
      total += reduceLanes[i];
    }
    reduceLanes[0] = total;
  }
  return workgroupUniformLoad(&reduceLanes[0]);
}

/** The value of a workgroup atomic once every invocation has reached this point (uniform). */
fn uniformAtomic(p: ptr<workgroup, atomic<u32>>) -> u32 {
  workgroupBarrier();
  if (lid == 0u) {
    broadcastWord = atomicLoad(p);
  }
  return workgroupUniformLoad(&broadcastWord);
}
