// The attention network's inputs: every row of the token task gets its own (prompt, previous
// token, position) triple, so the network can tell all rows apart; rows shared across prompts
// read the "no prompt" id.
import { describe, expect, it } from 'vitest';
import { spec as tokensSpec, type TokenEnvironment, type TokensParams } from '../../../src/sim/envs/tokens';
import { rowInputs } from '../../../src/sim/neural/attentionNetwork';

function tokenEnv(sharedSuffix: boolean): TokenEnvironment {
  const params = tokensSpec.schema.parse({ type: 'tokens', prompts: 3, vocab: 4, length: 3, sharedSuffix }) as TokensParams;
  return tokensSpec.create(params, 1) as TokenEnvironment;
}

describe('attention row inputs', () => {
  for (const shared of [false, true]) {
    it(`gives every row a distinct input (sharedSuffix ${shared})`, () => {
      const env = tokenEnv(shared);
      const { prompt, token, position } = rowInputs(env);
      const keys = new Set(Array.from(prompt, (q, row) => `${q}/${token[row]}/${position[row]}`));
      expect(keys.size).toBe(env.shape.rows);
      // BOS only at the first position, and only there.
      for (let row = 0; row < env.shape.rows; row++) expect(token[row] === 4).toBe(position[row] === 0);
      const noPrompt = Array.from(prompt).filter((q) => q === 3).length;
      expect(noPrompt).toBe(shared ? env.shape.rows - 3 : 0);
    });
  }
});
