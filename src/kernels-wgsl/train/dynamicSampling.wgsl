// DAPO's dynamic sampling on the GPU (dynamicSampling.ts documents the draw scheme this follows):
// draw d of step t rolls out the prompts of step t + d at RNG counter t + d·2^20; draws stop once
// B non-flat groups were kept or maxDraws draws were made; the batch is the first B kept groups
// and, when the draws ran out, the earliest flat ones, in (draw, group) order. Only each group's
// flatness is kept between draws: the chosen groups are sampled again (the counters make that
// the same draw) into the batch.

/** Counter offset between consecutive draws of one step (dynamicSampling.ts DRAW_COUNTER_STRIDE). */
const DRAW_COUNTER_STRIDE: u32 = 1048576u;

struct DrawnBatch {
  /** Draw 0's (Σ reward, Σ pass@1, Σ pass@k, flat groups): the step's batch statistics. */
  first: vec4<f32>,
  /** Non-flat groups in the batch. */
  kept: u32,
  /** Groups rolled out over all draws. */
  prompts: u32,
}

/** Rolls out trajectory j of draw d of `step` into batch slot `slot`. */
fn sampleDrawn(step: u32, d: u32, j: u32, slot: u32) {
  sampleTrajectory(slot, groupPrompt(j / params.groupSize, step + d), step + d * DRAW_COUNTER_STRIDE, j);
}

/** Samples the batch of `step` by dynamic sampling (params.dynamicDraws = maxDraws). */
fn dynamicRollout(step: u32) -> DrawnBatch {
  let B = params.batchGroups;
  let G = params.groupSize;
  // Per (draw, group) 1 where the group was kept, then the batch's picks as draw·B + group.
  let keptFlags = sBase + params.drawsOffset;
  let picks = keptFlags + params.dynamicDraws * B;
  var drawn = DrawnBatch(vec4<f32>(0.0), 0u, 0u);
  stepTokens = B * G * params.maxLength;
  var kept = 0u;
  var d = 0u;
  loop {
    if (d >= params.dynamicDraws || kept >= B) {
      break;
    }
    for (var j = lid; j < B * G; j += WORKGROUP_SIZE) {
      sampleDrawn(step, d, j, j);
    }
    storageBarrier();
    var part = vec4<f32>(0.0);
    for (var g = lid; g < B; g += WORKGROUP_SIZE) {
      let stats = groupStats(g);
      scratch[keptFlags + d * B + g] = 1.0 - stats.w;
      part += stats;
    }
    let total = workgroupSum(part);
    if (d == 0u) {
      drawn.first = total;
    }
    kept += B - u32(total.w);
    d++;
  }
  drawn.kept = min(kept, B);
  drawn.prompts = d * B;
  storageBarrier();
  // The first B kept groups and the first B − kept flat ones, in (draw, group) order.
  if (lid == 0u) {
    var keptSeen = 0u;
    var flatSeen = 0u;
    var at = 0u;
    for (var k = 0u; k < d * B && at < B; k++) {
      var take = false;
      if (scratch[keptFlags + k] > 0.5) {
        take = keptSeen < B;
        keptSeen++;
      } else {
        take = flatSeen < B - drawn.kept;
        flatSeen++;
      }
      if (take) {
        scratch[picks + at] = f32(k);
        at++;
      }
    }
  }
  storageBarrier();
  for (var slot = lid; slot < B * G; slot += WORKGROUP_SIZE) {
    let k = u32(scratch[picks + slot / G]);
    sampleDrawn(step, k / B, (k % B) * G + slot % G, slot);
  }
  storageBarrier();
  return drawn;
}
