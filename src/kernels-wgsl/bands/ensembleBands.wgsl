// Ensemble mean and 10/50/90% quantiles over runs (ensemble.ts band, Hyndman–Fan type 7), per
// step and metric, from the training kernel's StepMetrics slots: one workgroup per (slot,
// field) gathers the runs with a record at that step, sorts them in workgroup memory (bitonic)
// and reduces in a fixed order, so the same records always give the same bits. Only four
// numbers per step and metric go back to the host.

const BAND_WORKGROUP: u32 = 64u;
const MAX_BAND_RUNS: u32 = 2048u;
const F32_MAX: f32 = 0x1.fffffep+127f;

struct BandParams {
  runCount: u32,
  slotsPerRun: u32,
  wordsPerRecord: u32,
  blockStart: u32,
  /** Words of one RunState, and where its stepsDone sits in them (train/layout.ts RUN_STATE). */
  runStateWords: u32,
  stepsDoneWord: u32,
}

@group(0) @binding(0) var<uniform> bandParams: BandParams;
/** The chunk's StepMetrics slots as words, run-major (train/layout.wgsl). */
@group(0) @binding(1) var<storage, read> metricWords: array<f32>;
/** The chunk's RunStates as words (train/layout.wgsl RunState). */
@group(0) @binding(2) var<storage, read> runStateWords: array<u32>;
/** Per (slot, field): (mean, q10, q50, q90). */
@group(0) @binding(3) var<storage, read_write> bands: array<vec4<f32>>;

var<workgroup> values: array<f32, MAX_BAND_RUNS>;
var<workgroup> valueCount: atomic<u32>;
var<workgroup> sharedCount: u32;
var<workgroup> partialSums: array<f32, BAND_WORKGROUP>;

/** Type-7 quantile of the first n sorted values. */
fn sortedQuantile(n: u32, q: f32) -> f32 {
  let pos = f32(n - 1u) * q;
  let lo = u32(floor(pos));
  let hi = min(n - 1u, lo + 1u);
  return values[lo] + (values[hi] - values[lo]) * (pos - f32(lo));
}

@compute @workgroup_size(BAND_WORKGROUP)
fn ensembleBands(@builtin(workgroup_id) workgroup: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let slot = workgroup.x;
  let field = workgroup.y;
  let step = bandParams.blockStart + slot;
  // A run has a record at `step` when it completed the step (diverged runs stop short).
  for (var r = lid; r < bandParams.runCount; r += BAND_WORKGROUP) {
    if (step < runStateWords[bandParams.runStateWords * r + bandParams.stepsDoneWord]) {
      values[atomicAdd(&valueCount, 1u)] = metricWords[(r * bandParams.slotsPerRun + slot) * bandParams.wordsPerRecord + field];
    }
  }
  workgroupBarrier();
  if (lid == 0u) {
    sharedCount = atomicLoad(&valueCount);
  }
  let n = workgroupUniformLoad(&sharedCount);
  var size = 1u;
  while (size < n) {
    size <<= 1u;
  }
  for (var i = n + lid; i < size; i += BAND_WORKGROUP) {
    values[i] = F32_MAX;
  }
  workgroupBarrier();
  // Bitonic sort of `size` values, ascending (the padding ends up last; records are finite).
  for (var k = 2u; k <= size; k <<= 1u) {
    for (var j = k >> 1u; j > 0u; j >>= 1u) {
      for (var i = lid; i < size; i += BAND_WORKGROUP) {
        let l = i ^ j;
        if (l > i) {
          let a = values[i];
          let b = values[l];
          if ((a > b) == ((i & k) == 0u)) {
            values[i] = b;
            values[l] = a;
          }
        }
      }
      workgroupBarrier();
    }
  }
  var sum = 0.0;
  for (var i = lid; i < n; i += BAND_WORKGROUP) {
    sum += values[i];
  }
  partialSums[lid] = sum;
  workgroupBarrier();
  if (lid == 0u) {
    var out = vec4<f32>(0.0);
    if (n > 0u) {
      var total = 0.0;
      for (var i = 0u; i < BAND_WORKGROUP; i++) {
        total += partialSums[i];
      }
      out = vec4<f32>(total / f32(n), sortedQuantile(n, 0.1), sortedQuantile(n, 0.5), sortedQuantile(n, 0.9));
    }
    bands[slot * bandParams.wordsPerRecord + field] = out;
  }
}
