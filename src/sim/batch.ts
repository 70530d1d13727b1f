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
