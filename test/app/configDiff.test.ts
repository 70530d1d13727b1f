// How B differs from A in words (legends, captions): an added intervention with its first
// parameter, changed fields with before → after, removed interventions, and the preset menu's
// match of the config on screen.
import { describe, expect, it } from 'vitest';
import { describeDifference, sideNames } from '../../src/app/compare/configDiff';
import { fieldIdOf } from '../../src/app/components/configDraft';
import { presetMatching } from '../../src/app/components/presetMatch';
import { parseConfig, type ExperimentConfig } from '../../src/sim/config';
import { presetById } from '../../src/sim/presets';

function config(over: Record<string, unknown> = {}): ExperimentConfig {
  const parsed = parseConfig({ ...presetById('tokens-grpo-collapse')!.config, ...over });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.config;
}

describe('describeDifference', () => {
  it('names an added intervention by its label and first parameter’s symbol', () => {
    const a = config();
    expect(sideNames(a, config({ interventions: [{ type: 'clipCov' }] }))).toEqual({ A: 'A: without Clip-Cov', B: 'B: + Clip-Cov r = 0.02' });
    // Parameters away from their defaults are named too.
    expect(describeDifference(a, config({ interventions: [{ type: 'clipCov', ratio: 0.2, covHigh: 8 }] }))).toEqual(['+ Clip-Cov r = 0.2 ω_high = 8']);
  });

  it('lists changed fields before → after, and removed interventions', () => {
    const a = config({ interventions: [{ type: 'entropyBonus' }] });
    const b = config({ seed: 2, algorithm: { type: 'grpo', mode: 'sampled', lr: 0.5, groupSize: 8 } });
    expect(describeDifference(a, b)).toEqual(['seed 1 → 2', 'lr 1 → 0.5', '− Entropy bonus']);
    expect(sideNames(a, b).A).toMatch(/^A: with Entropy bonus/);
    expect(sideNames(a, a).B).toBe('B: same settings as A');
    expect(describeDifference(a, config({ env: { type: 'bandit' }, algorithm: { type: 'pg', mode: 'exact' } }))[0]).toBe('env tokens → bandit');
  });
});

describe('presetMatching', () => {
  it('finds the preset on screen and nothing for the user’s own settings', () => {
    expect(presetMatching(config())).toBe('tokens-grpo-collapse');
    expect(presetMatching(config({ seed: 7 }))).toBeUndefined();
  });
});

describe('fieldIdOf', () => {
  it('maps an issue path to the input that edits it', () => {
    const draft = { interventions: [{ type: 'entropyBonus' }, { type: 'clipCov' }] };
    expect(fieldIdOf('algorithm.lr', draft)).toBe('algorithm-lr');
    expect(fieldIdOf('env.means[2]', draft)).toBe('env-means');
    expect(fieldIdOf('interventions[1].ratio', draft)).toBe('iv-clipCov-ratio');
    expect(fieldIdOf('interventions[0]', draft)).toBe('iv-entropyBonus');
    expect(fieldIdOf('runs', draft)).toBe('run-runs');
  });
});
