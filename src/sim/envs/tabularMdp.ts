// A finite-horizon tabular MDP with a softmax policy per state (science.md §3.3): exact
// visitation, return and advantages by dynamic programming, and an episode sampler.
// chain.ts and gridworld.ts describe their MDPs with it; it is not an env on its own.
import { BatchBuilder, drawIndex } from '../batch';
import { RngStream, streamKey, uniform } from '../rng';
import { sampleFromProbs } from '../softmax';
import type { Environment, ExactEval, RolloutRequest } from '../types';
import { exp } from '../portableMath';
import { probsTable } from '../policy';

/** Outcomes of taking an action in a state: next states, probabilities, rewards. */
export interface Outcomes {
  next: number[];
  prob: number[];
  reward: number[];
}

export interface MdpModel {
  type: string;
  states: number;
  actions: number;
  start: number;
  horizon: number;
  terminal: boolean[];
  /** outcomes[s·A + a]. */
  outcomes: Outcomes[];
  stateLabel(s: number): string;
  actionLabels: readonly string[];
}

/** An environment built from an MdpModel, which it exposes (the GPU kernel's tables come from it). */
export interface MdpEnvironment extends Environment {
  readonly mdp: MdpModel;
}

export function isMdpEnvironment(env: Environment): env is MdpEnvironment {
  return 'mdp' in env;
}

/** Mean reward Σ_i p_i r_i of each (s, a), the term of J and Q. */
export function meanRewards(m: MdpModel): number[] {
  return m.outcomes.map((o) => o.prob.reduce((acc, p, i) => acc + p * o.reward[i], 0));
}

export function createMdpEnvironment(m: MdpModel): MdpEnvironment {
  const { states: S, actions: A, horizon: H } = m;
  const meanReward = meanRewards(m);

  /** μ_h(s) for h = 0..H−1: probability of being in non-terminal s at time h. */
  function occupancy(probs: Float64Array): Float64Array[] {
    const mu: Float64Array[] = [];
    let cur = new Float64Array(S);
    cur[m.start] = 1;
    for (let h = 0; h < H; h++) {
      for (let s = 0; s < S; s++) if (m.terminal[s]) cur[s] = 0;
      mu.push(cur);
      const next = new Float64Array(S);
      for (let s = 0; s < S; s++) {
        if (cur[s] === 0) continue;
        for (let a = 0; a < A; a++) {
          const pa = cur[s] * probs[s * A + a];
          if (pa === 0) continue;
          const o = m.outcomes[s * A + a];
          for (let i = 0; i < o.next.length; i++) next[o.next[i]] += pa * o.prob[i];
        }
      }
      cur = next;
    }
    return mu;
  }

  return {
    type: m.type,
    mdp: m,
    shape: { rows: S, actions: A },
    groups: 1,
    maxLength: H,
    initialLogits: () => new Float64Array(S * A),
    evaluate(logp, probs = probsTable(logp)): ExactEval {
      const mu = occupancy(probs);
      const d = new Float64Array(S);
      let j = 0;
      for (const muH of mu) {
        for (let s = 0; s < S; s++) {
          if (muH[s] === 0) continue;
          d[s] += muH[s];
          for (let a = 0; a < A; a++) j += muH[s] * probs[s * A + a] * meanReward[s * A + a];
        }
      }
      return { reward: j, visitation: d, metrics: {} };
    },
    advantage(logp, ev) {
      // Time-dependent Q_h, V_h by backward induction; A(s,a) = Σ_h μ_h(s)(Q_h − V_h) / d(s).
      const mu = occupancy(probsTable(logp));
      const adv = new Float64Array(S * A);
      let vNext = new Float64Array(S);
      const q = new Float64Array(A);
      for (let h = H - 1; h >= 0; h--) {
        const v = new Float64Array(S);
        for (let s = 0; s < S; s++) {
          if (m.terminal[s]) continue;
          for (let a = 0; a < A; a++) {
            const o = m.outcomes[s * A + a];
            let qa = meanReward[s * A + a];
            for (let i = 0; i < o.next.length; i++) qa += o.prob[i] * vNext[o.next[i]];
            q[a] = qa;
            v[s] += exp(logp[s * A + a]) * qa;
          }
          if (mu[h][s] > 0) for (let a = 0; a < A; a++) adv[s * A + a] += mu[h][s] * (q[a] - v[s]);
        }
        vNext = v;
      }
      for (let s = 0; s < S; s++) {
        for (let a = 0; a < A; a++) adv[s * A + a] = ev.visitation[s] > 0 ? adv[s * A + a] / ev.visitation[s] : 0;
      }
      return adv;
    },
    rollout(req: RolloutRequest) {
      const b = new BatchBuilder(req.groupIds, req.groupSize, H);
      const sampleStream = streamKey(req.run, RngStream.SAMPLE);
      const envStream = streamKey(req.run, RngStream.REWARD);
      const probs = req.samplingProbs ?? probsTable(req.samplingLogp);
      const n = req.groupIds.length * req.groupSize;
      for (let j = 0; j < n; j++) {
        let s = m.start;
        let ret = 0;
        for (let t = 0; t < H && !m.terminal[s]; t++) {
          const idx = drawIndex(j, t, H);
          const a = sampleFromProbs(probs, uniform(req.seed, sampleStream, req.step, idx), A, s * A);
          b.pushToken(s, a, req.samplingLogp[s * A + a]);
          const o = m.outcomes[s * A + a];
          const u = uniform(req.seed, envStream, req.step, idx);
          let pick = o.next.length - 1;
          for (let i = 0, acc = 0; i < o.next.length; i++) {
            acc += o.prob[i];
            if (u < acc) {
              pick = i;
              break;
            }
          }
          ret += o.reward[pick];
          s = o.next[pick];
        }
        b.endTrajectory(ret);
      }
      return b.finish();
    },
    rowLabel: (row) => m.stateLabel(row),
    actionLabel: (a) => m.actionLabels[a] ?? `action ${a + 1}`,
  };
}
