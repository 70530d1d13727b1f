// Deterministic workgroup reductions for the training kernel: every invocation contributes a
// partial (summed over a fixed stride of indices), then fixed groups of 16 are summed in
// order, so the same inputs always give the same bits. Integer counters use atomics; an
// exclusive prefix sum over invocations compacts lists in index order.

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

/** Σ x / Σ w over the workgroup of each invocation's part = (x, w); 0 when Σ w is 0 (uniform). */
fn workgroupRatio(part: vec2<f32>) -> f32 {
  let total = workgroupSum(vec4<f32>(part, 0.0, 0.0));
  return select(0.0, total.x / total.y, total.y > 0.0);
}

/** The value of a workgroup atomic once every invocation has reached this point (uniform). */
fn uniformAtomic(p: ptr<workgroup, atomic<u32>>) -> u32 {
  workgroupBarrier();
  if (lid == 0u) {
    broadcastWord = atomicLoad(p);
  }
  return workgroupUniformLoad(&broadcastWord);
}

var<workgroup> prefixCounts: array<u32, WORKGROUP_SIZE>;

/** This invocation's share [x, y) of n items: contiguous, so invocation order is item order. */
fn contiguousRange(n: u32) -> vec2<u32> {
  let per = (n + WORKGROUP_SIZE - 1u) / WORKGROUP_SIZE;
  let first = min(n, lid * per);
  return vec2<u32>(first, min(n, first + per));
}

/** (Σ of `count` over the invocations before this one, Σ over all of them). */
fn exclusivePrefix(count: u32) -> vec2<u32> {
  workgroupBarrier();
  prefixCounts[lid] = count;
  workgroupBarrier();
  var before = 0u;
  var total = 0u;
  for (var i = 0u; i < WORKGROUP_SIZE; i++) {
    before += select(0u, prefixCounts[i], i < lid);
    total += prefixCounts[i];
  }
  return vec2<u32>(before, total);
}
