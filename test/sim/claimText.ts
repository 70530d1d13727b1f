// What the claim tests share: a claim (the words it checks and the check), the text a preset's
// claims must cover, the numbers of a text (references to science.md's findings aside), so that
// no number stands unchecked, and the claims every decoy-task preset's differences make.
import { expect } from 'vitest';
import type { ExperimentConfig } from '../../src/sim/config';
import type { Preset } from '../../src/sim/presets';

export interface Claim {
  /** Words of the text that the check tests. */
  says: string;
  check: () => Promise<void>;
}

export function presetClaimText(preset: Preset): string {
  return [preset.title, preset.description, preset.paperDifferences ?? ''].join('\n');
}

/** The numbers written in a text: "0.62", "2e-4", "384", "5" of "5×5"; not "finding 5". */
export function numbersIn(text: string): string[] {
  const withoutFindings = text.replace(/\(findings? [\d, and]+(?:, in part)?\)/g, '');
  return withoutFindings.match(/\d+(?:\.\d+)?(?:e-?\d+)?/g) ?? [];
}

/** The claims of presets.ts DECOY_DIFFERENCES, on a decoy preset's (or sweep's) config. */
export const decoyConfigClaims = (config: () => Promise<ExperimentConfig>, dynamicSampling = false): Claim[] => [
  {
    says: '16 prompts × 8 samples × 3 tokens = 384 tokens a step',
    check: async () => {
      const c = await config();
      expect(c.env).toMatchObject({ type: 'tokens', prompts: 16, length: 3 });
      expect([c.algorithm.groupSize, c.algorithm.batchPrompts, 16 * 8 * 3]).toEqual([8, 0, 384]);
    },
  },
  { says: 'plain gradient steps on the logits at lr 1', check: async () => expect((await config()).algorithm).toMatchObject({ type: 'grpo', lr: 1 }) },
  { says: '4 full-batch epochs', check: async () => expect((await config()).algorithm.epochs).toBe(4) },
  { says: 'seq-mean-token-sum', check: async () => expect((await config()).algorithm.lossAggMode).toBe('seq-mean-token-sum') },
  ...(dynamicSampling ? [] : [{ says: 'no dynamic sampling', check: async () => expect((await config()).algorithm.dynamicSampling).toBe(false) }]),
];
