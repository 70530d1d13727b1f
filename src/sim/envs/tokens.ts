// Token-sequence RLVR task, the LLM analogue (science.md §3.4). P prompts, vocabulary V,
// answers of length L; the policy has a logits row per (prompt, position, previous token).
// A verifier accepts a few sequences per prompt, of different prior probability under a
// peaked Zipf "pretrained" init. Exact reward, visitation and advantages come from sums
// over the correct answers, so nothing enumerates V^L.
import { z } from 'zod';
import { BatchBuilder, drawIndex } from '../batch';
import { RngStream, streamKey, uniform } from '../rng';
import { logSoftmax, sampleFromProbs } from '../softmax';
import type { EnvSpec, Environment, ExactEval, RolloutRequest } from '../types';
import { integerPower } from '../integerPower';
import { exp, log } from '../portableMath';
import { probsTable } from '../policy';
import { maxOf } from '../arrays';

const schema = z
  .strictObject({
    type: z.literal('tokens'),
    prompts: z.number().int().min(1).max(1024).default(16),
    vocab: z.number().int().min(1).max(256).default(8),
    length: z.number().int().min(1).max(32).default(4),
    /** Correct answers per prompt (fewer if the space is too small to hold them distinct). */
    answers: z.number().int().min(1).max(64).default(3),
    /** Zipf exponent s of the pretrained init: the rank-r token gets logit −s·ln r. */
    zipf: z.number().min(0).max(10).default(2),
    /** 0: every prompt's answers sit near the mode; 1: late prompts' answers are rare. */
    hardness: z.number().min(0).max(1).default(0.8),
    /** k of pass@k. */
    passK: z.number().int().min(1).max(1024).default(4),
    /**
     * Share the rows of positions ≥ 2 across prompts (only the first token sees the prompt),
     * so that, as in an LLM's shared weights, collapse on easy prompts reaches hard ones.
     */
    sharedSuffix: z.boolean().default(false),
    /**
     * Reward of answer j (the last value repeats). Answer 0 is the most likely one, so e.g.
     * [0.5, 1] makes it a partial-credit decoy that an early collapse settles on, while the
     * rarer full-credit answers still wait to be found. Default: every answer scores 1.
     */
    answerRewards: z.array(z.number().finite().min(0)).min(1).max(64).optional(),
  });
export type TokensParams = z.infer<typeof schema>;

/** Rows of the policy table: per prompt one first-position row, plus the suffix rows. */
function tokenRows(p: TokensParams): number {
  const suffix = (p.length - 1) * p.vocab;
  return p.sharedSuffix ? p.prompts + suffix : p.prompts * (1 + suffix);
}

/** How much rarer each further answer of a prompt is drawn (added to its rarity). */
const ANSWER_SPREAD = 0.25;

export interface TokenEnvironment extends Environment {
  readonly type: 'tokens';
  readonly params: TokensParams;
  /** answers[p] lists prompt p's correct sequences. */
  readonly answers: Int32Array[][];
  /** Row index of (prompt, position, previous token); prev is ignored at position 0. */
  rowIndex(prompt: number, position: number, prev: number): number;
  /** Exact probability of each correct answer of prompt p under log-policy logp. */
  answerProbabilities(logp: Float64Array, prompt: number): number[];
  /** Reward of prompt q's answer j. */
  answerReward(prompt: number, answer: number): number;
}

export function isTokenEnvironment(env: Environment): env is TokenEnvironment {
  return env.type === 'tokens';
}

export function tokenName(a: number, vocab: number): string {
  return vocab <= 26 ? String.fromCharCode(65 + a) : `t${a}`;
}

function createTokens(p: TokensParams, seed: number): TokenEnvironment {
  const { prompts: P, vocab: V, length: L } = p;
  const suffixRows = (L - 1) * V;
  const perPrompt = p.sharedSuffix ? 1 : 1 + suffixRows;
  const rows = tokenRows(p);
  const envStream = streamKey(0, RngStream.ENV);
  const rowIndex = (prompt: number, t: number, prev: number) =>
    t === 0 ? prompt * perPrompt : (p.sharedSuffix ? P : prompt * perPrompt + 1) + (t - 1) * V + prev;

  // Pretrained init: each row ranks the vocabulary by a seeded permutation; rank r gets −s·ln r.
  const ranking = new Int32Array(rows * V); // ranking[row·V + r] = token of rank r
  const init = new Float64Array(rows * V);
  for (let row = 0; row < rows; row++) {
    const perm = Array.from({ length: V }, (_, i) => i);
    for (let i = V - 1; i > 0; i--) {
      const j = Math.min(i, Math.floor(uniform(seed, envStream, 2, row * V + i) * (i + 1)));
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    perm.forEach((tok, r) => {
      ranking[row * V + r] = tok;
      init[row * V + tok] = -p.zipf * log(r + 1);
    });
  }

  // Answers: answer j of prompt q draws, at each position, a rank uniformly in
  // [0, ρ·(V−1)] with rarity ρ = hardness·(q+½)/P + j·spread, so later prompts and later
  // answers sit further from the mode.
  const answers: Int32Array[][] = [];
  let draw = 0;
  for (let q = 0; q < P; q++) {
    const list: Int32Array[] = [];
    for (let j = 0; j < p.answers; j++) {
      const rarity = Math.min(1, (p.hardness * (q + 0.5)) / P + j * ANSWER_SPREAD);
      for (let attempt = 0; attempt < 64; attempt++) {
        const seq = new Int32Array(L);
        let prev = 0;
        for (let t = 0; t < L; t++) {
          const maxRank = Math.round(rarity * (V - 1));
          const r = Math.min(maxRank, Math.floor(uniform(seed, envStream, 3, draw++) * (maxRank + 1)));
          seq[t] = ranking[rowIndex(q, t, prev) * V + r];
          prev = seq[t];
        }
        if (!list.some((s) => s.every((tok, t) => tok === seq[t]))) {
          list.push(seq);
          break;
        }
      }
    }
    answers.push(list);
  }

  function logProbOfSequence(logp: Float64Array, q: number, seq: Int32Array): number {
    let lp = 0;
    let prev = 0;
    for (let t = 0; t < L; t++) {
      lp += logp[rowIndex(q, t, prev) * V + seq[t]];
      prev = seq[t];
    }
    return lp;
  }

  const rewardOf = (j: number) => (p.answerRewards ? p.answerRewards[Math.min(j, p.answerRewards.length - 1)] : 1);
  // "Correct" for pass@k means full credit: the prompt's best answer reward.
  const fullCredit = answers.map((list) => maxOf(list.map((_, j) => rewardOf(j))));

  const env: TokenEnvironment = {
    type: 'tokens',
    params: p,
    answers,
    rowIndex,
    shape: { rows, actions: V },
    groups: P,
    maxLength: L,
    passK: p.passK,
    initialLogits: () => init.slice(),
    answerProbabilities: (logp, q) => answers[q].map((seq) => exp(logProbOfSequence(logp, q, seq))),
    answerReward: (_q, j) => rewardOf(j),
    evaluate(logp, probs = probsTable(logp)): ExactEval {
      // d(row) by a forward pass over positions: d(t, tok) = Σ_prev d(t−1, prev) π(tok | t−1, prev).
      // With a shared suffix the per-prompt passes add into the same rows (d sums over prompts).
      const d = new Float64Array(rows);
      const dq = new Float64Array(V);
      const dNext = new Float64Array(V);
      let reward = 0;
      let passAt1 = 0;
      let passAtK = 0;
      for (let q = 0; q < P; q++) {
        const first = rowIndex(q, 0, 0);
        d[first] = 1;
        for (let tok = 0; tok < V; tok++) dq[tok] = probs[first * V + tok];
        for (let t = 1; t < L; t++) {
          dNext.fill(0);
          for (let prev = 0; prev < V; prev++) {
            const from = rowIndex(q, t, prev);
            d[from] += dq[prev];
            if (dq[prev] === 0) continue;
            for (let tok = 0; tok < V; tok++) dNext[tok] += dq[prev] * probs[from * V + tok];
          }
          dq.set(dNext);
        }
        const answerProbs = env.answerProbabilities(logp, q);
        reward += answerProbs.reduce((acc, pr, j) => acc + pr * rewardOf(j), 0);
        const pass = Math.min(1, answerProbs.reduce((acc, pr, j) => acc + (rewardOf(j) === fullCredit[q] ? pr : 0), 0));
        passAt1 += pass;
        passAtK += 1 - integerPower(1 - pass, p.passK);
      }
      return { reward: reward / P, visitation: d, metrics: { passAt1: passAt1 / P, passAtK: passAtK / P } };
    },
    advantage(logp, ev) {
      // ∂J_q/∂z_{s,a} = Σ_{c∈C_q} r_c P(c) Σ_{t: s_t = s}(1[c_t = a] − π(a|s)) = d(s) π(a|s) A(s,a), so
      // A(s,a) = (Σ_{c: c_t = a} r_c P(c)/π(a|s) − Σ_c r_c P(c)) / d(s), P(c)/π(a|s) in log space.
      const num = new Float64Array(rows * V);
      const den = new Float64Array(rows);
      for (let q = 0; q < P; q++) {
        for (const [j, seq] of answers[q].entries()) {
          const lpc = logProbOfSequence(logp, q, seq);
          const r = rewardOf(j);
          let prev = 0;
          for (let t = 0; t < L; t++) {
            const row = rowIndex(q, t, prev);
            num[row * V + seq[t]] += r * exp(lpc - logp[row * V + seq[t]]);
            den[row] += r * exp(lpc);
            prev = seq[t];
          }
        }
      }
      const adv = new Float64Array(rows * V);
      for (let row = 0; row < rows; row++) {
        const dr = ev.visitation[row];
        if (dr === 0) continue;
        for (let a = 0; a < V; a++) adv[row * V + a] = (num[row * V + a] - den[row]) / dr;
      }
      return adv;
    },
    rollout(req: RolloutRequest) {
      const b = new BatchBuilder(req.groupIds, req.groupSize, L);
      const sampleStream = streamKey(req.run, RngStream.SAMPLE);
      const probs = req.samplingProbs ?? probsTable(req.samplingLogp);
      const seq = new Int32Array(L);
      for (let g = 0; g < req.groupIds.length; g++) {
        const q = req.groupIds[g];
        for (let i = 0; i < req.groupSize; i++) {
          const j = g * req.groupSize + i;
          let prev = 0;
          for (let t = 0; t < L; t++) {
            const row = rowIndex(q, t, prev);
            const a = sampleFromProbs(probs, uniform(req.seed, sampleStream, req.step, drawIndex(j, t, L)), V, row * V);
            b.pushToken(row, a, req.samplingLogp[row * V + a]);
            seq[t] = a;
            prev = a;
          }
          const hit = answers[q].findIndex((ans) => ans.every((tok, t) => tok === seq[t]));
          const r = hit < 0 ? 0 : rewardOf(hit);
          b.endTrajectory(r, hit >= 0 && r === fullCredit[q]);
        }
      }
      return b.finish();
    },
    rowLabel(row) {
      const shared = p.sharedSuffix && row >= P * perPrompt;
      const q = shared ? -1 : Math.floor(row / perPrompt);
      const r = shared ? row - P * perPrompt + 1 : row % perPrompt;
      if (r === 0) return `prompt ${q + 1} · position 1`;
      const t = 1 + Math.floor((r - 1) / V);
      return `${shared ? 'all prompts' : `prompt ${q + 1}`} · position ${t + 1} · after ${tokenName((r - 1) % V, V)}`;
    },
    actionLabel: (a) => tokenName(a, V),
  };
  return env;
}

/** Prior probability of each prompt's answers under the pretrained init (for the UI). */
export function answerPriors(env: TokenEnvironment): number[][] {
  const init = env.initialLogits();
  const logp = new Float64Array(init.length);
  const V = env.shape.actions;
  for (let row = 0; row < env.shape.rows; row++) logp.set(logSoftmax(init, new Float64Array(V), row * V, V), row * V);
  return env.answers.map((_, q) => env.answerProbabilities(logp, q));
}

export const spec: EnvSpec<TokensParams> = {
  id: 'tokens',
  label: 'Token task (LLM answers)',
  description:
    'Prompts answered by token sequences, checked by a verifier. The initial policy is peaked like a pretrained model, so hard prompts\u2019 answers start rare.',
  schema,
  dims: (p) => ({ shape: { rows: tokenRows(p), actions: p.vocab }, groups: p.prompts, maxLength: p.length }),
  create: createTokens,
};
