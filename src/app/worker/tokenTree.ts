// The token tree of one prompt (ux.md: "a token tree with probabilities"): the likeliest answers
// by beam search plus every answer the verifier accepts, as the union of their prefixes, with
// each token's probability, each path's probability and, at full length, the verifier's reward.
import type { TokenEnvironment } from '../../sim/envs/tokens';

export interface TokenTreeNode {
  /** Tokens from the first position to this node. */
  tokens: number[];
  /** π(token | prompt, position, previous token). */
  prob: number;
  /** Probability of the whole prefix. */
  pathProb: number;
  /** At full length: the verifier's reward (0 when the sequence is not an answer). */
  reward?: number;
}

/** Likeliest full sequences kept by the beam search. */
export const TREE_BEAM = 5;

/** Nodes of prompt `prompt`'s tree under the log-policy table `logp` (rows × vocab), parents first. */
export function tokenTree(env: TokenEnvironment, logp: Float64Array, prompt: number, beam = TREE_BEAM): TokenTreeNode[] {
  const V = env.shape.actions;
  const L = env.maxLength;
  const logProb = (tokens: readonly number[], t: number) => logp[env.rowIndex(prompt, t, t > 0 ? tokens[t - 1] : 0) * V + tokens[t]];

  let paths: { tokens: number[]; lp: number }[] = [{ tokens: [], lp: 0 }];
  for (let t = 0; t < L; t++) {
    const next = paths.flatMap((p) =>
      Array.from({ length: V }, (_, a) => {
        const tokens = [...p.tokens, a];
        return { tokens, lp: p.lp + logProb(tokens, t) };
      }),
    );
    next.sort((a, b) => b.lp - a.lp);
    paths = next.slice(0, beam);
  }

  const answerKeys = new Map(env.answers[prompt].map((seq, j) => [Array.from(seq).join(','), env.answerReward(prompt, j)]));
  const sequences = [...paths.map((p) => p.tokens), ...env.answers[prompt].map((seq) => Array.from(seq))];
  const nodes = new Map<string, TokenTreeNode>();
  for (const seq of sequences) {
    let pathLp = 0;
    for (let t = 0; t < L; t++) {
      const tokens = seq.slice(0, t + 1);
      const lp = logProb(tokens, t);
      pathLp += lp;
      const key = tokens.join(',');
      if (nodes.has(key)) continue;
      const node: TokenTreeNode = { tokens, prob: Math.exp(lp), pathProb: Math.exp(pathLp) };
      if (t === L - 1) node.reward = answerKeys.get(key) ?? 0;
      nodes.set(key, node);
    }
  }
  return [...nodes.values()].sort((a, b) => a.tokens.length - b.tokens.length || a.tokens.join(',').localeCompare(b.tokens.join(',')));
}
