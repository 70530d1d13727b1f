// The tabular MDPs (chain, gridworld: tabularMdp.ts) on the GPU: their tables for the training
// kernel (rollout.wgsl mdpRollout, evaluate.wgsl mdpVisitation), and the field rule that keeps
// on the CPU the rewards whose float32 returns would group episodes differently from float64.
import type { ExperimentConfig } from '../../sim/config';
import { envSpec } from '../../sim/envs';
import { isMdpEnvironment, meanRewards, type MdpModel } from '../../sim/envs/tabularMdp';
import type { EnvSpec } from '../../sim/types';
import { sampledOnly, type FieldRule } from './fieldModel';

/** Where each part of an MDP's table sits (TrainParams fields of the same names). */
export interface MdpTableOffsets {
  meansOffset: number;
  mdpStart: number;
  outcomeStartOffset: number;
  outcomeOffset: number;
  terminalOffset: number;
  incomingStartOffset: number;
  incomingOffset: number;
}

/** u < acc for a 24-bit uniform u = bits·2^-24  ⇔  bits < ceil(acc·2^24) (acc·2^24 is exact in float64). */
function drawThreshold(acc: number): number {
  return Math.min(2 ** 24, Math.max(0, Math.ceil(acc * 2 ** 24)));
}

/**
 * The MDP as u32 words (layout.wgsl TrainParams documents the parts). The outcome thresholds
 * take the CPU's cumulative sums in float64 and its order, so the GPU picks the same next
 * state from the same uniform; incoming transitions leave out terminal sources (the
 * occupancy never leaves a terminal state).
 */
export function mdpTable(m: MdpModel): { table: Uint32Array<ArrayBuffer>; offsets: MdpTableOffsets } {
  const T = m.states * m.actions;
  const means = meanRewards(m);
  const outcomeStart = [0];
  const outcomes: number[] = [];
  /** Reward and probability words of the outcomes, written as f32 once the table exists. */
  const floatsAt: [number, number][] = [];
  const incoming: [number, number][][] = Array.from({ length: m.states }, () => []);
  m.outcomes.forEach((o, bin) => {
    let acc = 0;
    o.next.forEach((next, i) => {
      acc += o.prob[i];
      floatsAt.push([outcomes.length + 2, o.reward[i]], [outcomes.length + 3, o.prob[i]]);
      outcomes.push(next, drawThreshold(acc), 0, 0); // OUTCOME_WORDS words
      if (!m.terminal[Math.floor(bin / m.actions)]) incoming[next].push([bin, o.prob[i]]);
    });
    outcomeStart.push(outcomeStart[outcomeStart.length - 1] + o.next.length);
  });
  const incomingStart = [0];
  for (const list of incoming) incomingStart.push(incomingStart[incomingStart.length - 1] + list.length);
  const offsets: MdpTableOffsets = { meansOffset: 0, mdpStart: m.start, outcomeStartOffset: T, outcomeOffset: 0, terminalOffset: 0, incomingStartOffset: 0, incomingOffset: 0 };
  offsets.outcomeOffset = offsets.outcomeStartOffset + outcomeStart.length;
  offsets.terminalOffset = offsets.outcomeOffset + outcomes.length;
  offsets.incomingStartOffset = offsets.terminalOffset + m.states;
  offsets.incomingOffset = offsets.incomingStartOffset + incomingStart.length;
  const table = new Uint32Array(offsets.incomingOffset + 2 * incomingStart[m.states]);
  const floats = new Float32Array(table.buffer);
  floats.set(means, offsets.meansOffset);
  table.set(outcomeStart, offsets.outcomeStartOffset);
  table.set(outcomes, offsets.outcomeOffset);
  for (const [at, value] of floatsAt) floats[offsets.outcomeOffset + at] = value;
  table.set(m.terminal.map((t) => (t ? 1 : 0)), offsets.terminalOffset);
  table.set(incomingStart, offsets.incomingStartOffset);
  incoming.flat().forEach(([bin, p], e) => {
    table[offsets.incomingOffset + 2 * e] = bin;
    floats[offsets.incomingOffset + 2 * e + 1] = p;
  });
  return { table, offsets };
}

const FLOAT32_MIN_NORMAL = 2 ** -126;

/** A reward of the MDP that is not a float32 number (the kernel holds rewards in float32), in words. */
function mdpRewardNumberProblem(m: MdpModel): string | undefined {
  for (const r of new Set(m.outcomes.flatMap((o) => Array.from(o.reward)))) {
    const f = Math.fround(r);
    if (r !== 0 && (Math.abs(f) < FLOAT32_MIN_NORMAL || !Number.isFinite(f))) return `reward ${r} is not a float32 number (the GPU computes in float32)`;
  }
  return undefined;
}

/**
 * Why the GPU's float32 returns could tell episodes apart differently from the CPU's float64
 * ones, or undefined. A group whose returns are all equal has no gradient and counts in
 * zeroStdFrac, so two returns must be equal in float32 exactly when they are in float64.
 * An episode's transitions into non-terminal states pay one running reward (or 0) and the last
 * may pay a terminal one, so every return is k running rewards added in turn, then perhaps a
 * terminal reward (k < horizon); without one, k is the horizon unless some transitions pay 0.
 * All of these are compared (a superset of the reachable ones).
 */
export function mdpReturnsProblem(m: MdpModel): string | undefined {
  const problem = mdpRewardNumberProblem(m);
  if (problem) return problem;
  const running = new Set<number>();
  const final = new Set<number>();
  m.outcomes.forEach((o) => o.next.forEach((next, i) => (m.terminal[next] ? final : running).add(o.reward[i])));
  const zeroRunning = running.delete(0);
  if (running.size > 1) return 'the transitions into non-terminal states pay different rewards, whose float32 sums the GPU cannot check against float64';
  const r = [...running][0] ?? 0;
  const byDouble = new Map<number, number>();
  const byFloat = new Map<number, number>();
  let [sum64, sum32] = [0, 0];
  for (let k = 0; k <= m.horizon; k++) {
    const ends = k < m.horizon ? [...final] : [];
    for (const f of zeroRunning || k === m.horizon ? [undefined, ...ends] : ends) {
      const [d, s] = f === undefined ? [sum64, sum32] : [sum64 + f, Math.fround(sum32 + Math.fround(f))];
      if (!Number.isFinite(s)) return `a return of ${k} rewards overflows float32`;
      const clash = (byDouble.get(d) ?? s) !== s ? 'equal in float64 but not in float32' : (byFloat.get(s) ?? d) !== d ? 'equal in float32 but not in float64' : undefined;
      if (clash) return `two episode returns are ${clash} (the GPU sums returns in float32)`;
      byDouble.set(d, s);
      byFloat.set(s, d);
    }
    sum64 += r;
    sum32 = Math.fround(sum32 + Math.fround(r));
  }
  return undefined;
}

/** Whether the config's env is a tabular MDP (chain, gridworld). */
export function isMdpConfig(config: ExperimentConfig): boolean {
  return isMdpEnvironment((envSpec(config.env.type) as EnvSpec).create(config.env, config.seed));
}

/**
 * The rule of an MDP's reward fields: the config's env, built, has float32 rewards and, where
 * episodes are sampled, returns float32 groups as float64 does (exact mode groups none).
 */
export function mdpRewards(paths: string): FieldRule {
  return (_value, config: ExperimentConfig) => {
    const env = (envSpec(config.env.type) as EnvSpec).create(config.env, config.seed);
    const check = config.algorithm.mode === 'exact' ? mdpRewardNumberProblem : mdpReturnsProblem;
    const problem = isMdpEnvironment(env) ? check(env.mdp) : undefined;
    return problem && `${paths}: ${problem}; this MDP runs on the CPU`;
  };
}

/**
 * algorithm.lossAggMode on an MDP: the kernel divides every token by one constant (plan.ts
 * tokenDivisor), which only seq-mean-token-sum's G is when episodes vary in length.
 */
export const mdpLossAggMode: FieldRule = sampledOnly((mode, config) =>
  mode !== 'seq-mean-token-sum' && isMdpConfig(config) ? `algorithm.lossAggMode = ${String(mode)} on an MDP divides by episode lengths the GPU kernel does not model (only seq-mean-token-sum runs on the GPU there)` : undefined,
);

/** algorithm.dynamicSampling on an MDP: dynamicRollout samples bandit and token trajectories (sampleTrajectory), not MDP episodes. */
export const mdpDynamicSampling: FieldRule = sampledOnly((on, config) => (on === true && isMdpConfig(config) ? 'algorithm.dynamicSampling on an MDP is not on the GPU (the kernel redraws bandit and token groups, not MDP episodes)' : undefined));
