// Clip-higher on the GPU (clipHigher.ts; DAPO, arXiv 2503.14476): the clip range of every
// epoch is [1 − ε_low, 1 + ε_high], the last clip-higher's bounds (each sets them in list order).

struct ClipHigherParams {
  epsLow: f32,
  epsHigh: f32,
}

fn clipHigher_clipBounds(epoch: u32, bounds: vec2<f32>) -> vec2<f32> {
  return vec2<f32>(stageParams.clipHigher.epsLow, stageParams.clipHigher.epsHigh);
}
