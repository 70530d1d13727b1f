// Builds a Batch (types.ts) trajectory by trajectory. Every environment's sampler uses it,
// so the struct-of-arrays layout and the draw-index convention live in one place.
import type { Batch } from './types';

/**
 * Draw index of token t of trajectory j: j·maxLength + t. The WGSL samplers use the same
 * formula, so the same (seed, run, step) gives the same uniforms on every backend.
 */
export function drawIndex(trajectory: number, token: number, maxLength: number): number {
  return trajectory * maxLength + token;
}

export class BatchBuilder {
  private readonly rows: Int32Array;
  private readonly actions: Int32Array;
  private readonly logps: Float64Array;
  private readonly reward: Float64Array;
  private readonly correct: Uint8Array;
  private readonly offsets: Int32Array;
  private tokens = 0;
  private trajectories = 0;

  constructor(
    private readonly groupIds: Int32Array,
    private readonly groupSize: number,
    maxLength: number,
  ) {
    const n = groupIds.length * groupSize;
    this.rows = new Int32Array(n * maxLength);
    this.actions = new Int32Array(n * maxLength);
    this.logps = new Float64Array(n * maxLength);
    this.reward = new Float64Array(n);
    this.correct = new Uint8Array(n);
    this.offsets = new Int32Array(n + 1);
  }

  pushToken(row: number, action: number, logpBehaviour: number): void {
    this.rows[this.tokens] = row;
    this.actions[this.tokens] = action;
    this.logps[this.tokens] = logpBehaviour;
    this.tokens++;
  }

  endTrajectory(reward: number, correct = false): void {
    this.reward[this.trajectories] = reward;
    this.correct[this.trajectories] = correct ? 1 : 0;
    this.trajectories++;
    this.offsets[this.trajectories] = this.tokens;
  }

  finish(): Batch {
    return {
      groupIds: this.groupIds,
      groupSize: this.groupSize,
      reward: this.reward,
      correct: this.correct,
      tokenOffset: this.offsets,
      row: this.rows.subarray(0, this.tokens),
      action: this.actions.subarray(0, this.tokens),
      logpBehaviour: this.logps.subarray(0, this.tokens),
    };
  }
}

/** One batch of the listed groups of other batches (same group size), in list order. */
export function selectGroups(picks: readonly { batch: Batch; group: number }[]): Batch {
  const G = picks.length > 0 ? picks[0].batch.groupSize : 1;
  const maxTokens = picks.reduce((s, p) => s + p.batch.tokenOffset[(p.group + 1) * G] - p.batch.tokenOffset[p.group * G], 0);
  const b = new BatchBuilder(Int32Array.from(picks, (p) => p.batch.groupIds[p.group]), G, picks.length > 0 ? Math.ceil(maxTokens / (picks.length * G)) : 0);
  for (const { batch, group } of picks) {
    for (let j = group * G; j < (group + 1) * G; j++) {
      for (let i = batch.tokenOffset[j]; i < batch.tokenOffset[j + 1]; i++) b.pushToken(batch.row[i], batch.action[i], batch.logpBehaviour[i]);
      b.endTrajectory(batch.reward[j], batch.correct[j] === 1);
    }
  }
  return b.finish();
}
