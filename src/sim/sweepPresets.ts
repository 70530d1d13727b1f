// Sweep presets (issue 14): dose–response of Clip-Cov and KL-Cov on the decoy task under verl's
// rules (algorithm.semantics "verl"), so a user sees where each method starts to act at lab
// scale. Each config carries its `sweep`; `npm run sim -- <id>` prints its cell lines and the
// lab's Sweep panel runs it. test/sim/sweepPresetClaims.test.ts checks every claim of the texts.
import { decoyPreset, type Preset } from './presets';

/** 8 seeds × 400 steps: GRPO's plateau is reached by step 200, and a sweep stays quick. */
const SWEEP_SIZE = { steps: 400, runs: 8 };
const VERL = { semantics: 'verl' };
const SWEEP_DIFFERENCES = 'verl semantics; 8 seeds and 400 steps per cell so that the sweep stays quick; the PPO clip stays at 0.2, which the paper\u2019s Clip-Cov scripts widen.';

export const SWEEP_PRESETS: readonly Preset[] = [
  decoyPreset(
    'sweep-clipcov-ratio',
    'Sweep · Clip-Cov ratio r (verl rules)',
    'Clip-Cov under verl’s rules with r from the paper’s 2·10⁻⁴ to 0.5 on the decoy task. Up to r = 0.02 (7 of 384 tokens per epoch) reward stays on GRPO’s plateau; Clip-Cov starts to act between 0.02 and 0.05, and from r = 0.2 on it drops the whole covariance band on almost every step: reward 0.70 and about twice GRPO’s mean entropy. Final entropy is near zero in every cell: Clip-Cov slows the collapse, it does not stop it.',
    [{ type: 'clipCov', ratio: 2e-4 }],
    SWEEP_DIFFERENCES,
    VERL,
    { ...SWEEP_SIZE, sweep: { axes: [{ path: 'interventions.0.ratio', values: [2e-4, 2e-3, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5] }] } },
  ),
  decoyPreset(
    'sweep-klcov-ratio-coef',
    'Sweep · KL-Cov k × β (verl rules)',
    'KL-Cov under verl’s rules, k from the paper’s 2·10⁻³ to 0.2 against β from 0 to 2 (the paper’s is 1) on the decoy task. verl’s KL-Cov loss has no ratio clip, so even β = 0 is not GRPO: without the clip reward rises past GRPO’s plateau while entropy collapses faster. The penalty itself acts from k = 0.02 on and grows with k and β: at k = 0.2, β = 2 it keeps GRPO’s mean entropy and adds 0.07 reward over β = 0. At the paper’s k (1 of 384 tokens) it changes next to nothing.',
    [{ type: 'klCov', ratio: 2e-3, coef: 1 }],
    SWEEP_DIFFERENCES,
    VERL,
    { ...SWEEP_SIZE, sweep: { axes: [{ path: 'interventions.0.ratio', values: [2e-3, 0.02, 0.2] }, { path: 'interventions.0.coef', values: [0, 1, 2] }] } },
  ),
];

export function sweepPresetById(id: string): Preset | undefined {
  return SWEEP_PRESETS.find((p) => p.id === id);
}
