// Entropy bonus on the GPU (entropyBonus.ts): maximise J + β·H, whose natural-form ascent
// direction at a visited row is u = −β(log π + H) (science.md §4). Instances add up: β = Σ β_i.

struct EntropyBonusParams {
  coef: f32,
}

fn entropyBonus_rowDirection(s: u32, a: u32, lp: f32, stats: RowStats) -> f32 {
  return -stageParams.entropyBonus.coef * (lp + stats.h);
}
