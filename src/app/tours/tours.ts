// Guided tours (ux.md; science.md §6 findings 1–8): each step loads a config, asks the user to
// predict what will happen, runs it, then explains. Plain data, so a test parses every config
// with parseConfig and checks the claims that are cheap to measure.
import { presetById } from '../../sim/presets';
import type { PanelId } from '../panels';

export interface TourChoice {
  label: string;
  correct: boolean;
}

export interface TourStep {
  title: string;
  /** A partial ExperimentConfig (parseConfig fills the defaults). */
  config: Record<string, unknown>;
  /** A partial config to overlay the run on: A (blue) is the baseline, B (orange) `config`, same seeds. */
  baseline?: Record<string, unknown>;
  /** The chart to watch (it gets the focus and the explain panel follows it). */
  watch: PanelId;
  question: string;
  choices: TourChoice[];
  /** Shown once the run has finished: what happened and why. */
  explanation: string;
}

export interface Tour {
  id: string;
  finding: number;
  title: string;
  steps: TourStep[];
}

/** A preset's config with top-level fields replaced (e.g. fewer runs so a tour step is quick). */
export function fromPreset(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const preset = presetById(id);
  if (!preset) throw new Error(`tour refers to unknown preset ${id}`);
  return { ...preset.config, ...overrides };
}

/** The correct answer placed at `position` among the wrong ones (so it is not always first). */
function choices(position: number, correct: string, ...wrong: string[]): TourChoice[] {
  const out = wrong.map((label) => ({ label, correct: false }));
  out.splice(position, 0, { label: correct, correct: true });
  return out;
}

// The decoy task with 4 runs: a tour step should finish in seconds on the CPU, and the test that
// measures every tour's numbers stays light. GRPO on it is the baseline that the intervention
// steps overlay (A blue, B orange).
const decoy = (id: string, steps = 400) => fromPreset(id, { runs: 4, steps });
const DECOY_GRPO = decoy('paper-decoy-grpo');

// Every number in a step's text is measured on that step's run by test/app/tourClaims.test.ts.
export const TOURS: readonly Tour[] = [
  {
    id: 'collapse',
    finding: 1,
    title: 'Entropy collapses fast and early',
    steps: [
      {
        title: 'GRPO on the token task',
        config: fromPreset('tokens-grpo-collapse'),
        watch: 'entropy',
        question: 'Sixteen prompts, answers of four tokens, GRPO with no intervention. What will the policy entropy do?',
        choices: choices(1, 'Fall steeply within the first ~50 steps, then stay low', 'Fall slowly and steadily over all 300 steps', 'Stay roughly where it starts'),
        explanation:
          'Entropy falls from 1.51 to 0.49 nats in the first 50 steps — two thirds of it — while reward climbs, and then both flatten: entropy ends near 0.28 and reward near 0.43. The policy has committed to the answers it found first; reward stops below what the prompts allow because a collapsed policy no longer samples the alternatives.',
      },
    ],
  },
  {
    id: 'covariance-predicts',
    finding: 2,
    title: 'The covariance term predicts the entropy change',
    steps: [
      {
        title: 'Exact policy gradient on a bandit',
        config: fromPreset('bandit-pg'),
        watch: 'covariance',
        question: 'Each step, the lab computes −Cov(log π, Δz) before the update and measures ΔH after it. How close will they be?',
        choices: choices(0, 'On the y = x line up to a small second-order error', 'Unrelated: the covariance is a different quantity', 'Same sign, but off by a factor of two or more'),
        explanation:
          'ΔH ≈ −Cov_π(log π, Δz) is the first-order Taylor expansion of entropy in the logits. With exact gradients and a moderate step (the step ratio r stays below 0.03 here) the points sit on y = x: R² about the line itself is 0.999. The gap grows with the square of the step: halve the learning rate and it shrinks about fourfold.',
      },
    ],
  },
  {
    id: 'covariance-positive',
    finding: 3,
    title: 'The covariance term stays mostly positive',
    steps: [
      {
        title: 'Sampled GRPO on the token task',
        config: fromPreset('tokens-grpo-collapse', { steps: 150 }),
        watch: 'covariance',
        question: 'Which sign will the covariance between log π and the advantage-driven logit change mostly have?',
        choices: choices(2, 'Positive: likely actions that do well get likelier, so entropy falls', 'Negative: entropy mostly rises', 'It flips sign at random around zero'),
        explanation:
          'Under policy gradient Δz ∝ π·A: confident, rewarded tokens are pushed up. Probability and advantage move together, so the covariance is positive on 76–85% of the steps of every run here and the predicted ΔH (its negative) sits mostly below zero. Sampled batches make it noisy, but its mean over each run is positive.',
      },
    ],
  },
  {
    id: 'law',
    finding: 4,
    title: 'Reward follows R = −a·eᴴ + b',
    steps: [
      {
        title: 'GRPO on the decoy task',
        config: decoy('paper-decoy-grpo', 200),
        watch: 'law',
        question: 'Plot reward against entropy over the run. What shape will the fitted law have, and can an early fit foresee where reward stops?',
        choices: choices(0, 'A good fit (R² ≥ 0.8), and the early fit lands within about 0.1 of the final reward', 'No relation between R and H', 'A good fit, but the early fit misses the final reward badly'),
        explanation:
          'As entropy is spent, reward rises along −a·eᴴ + b; at H = 0 the curve gives the ceiling b − a. Here R² = 0.83 and the ceiling is 0.60, close to the 0.61 where reward stops. Fitting only the first third of the run already forecasts 0.56: the ceiling is set by how entropy is spent. If R² is below 0.8 the panel says the data do not support the law.',
      },
    ],
  },
  {
    id: 'covariance-interventions',
    finding: 5,
    title: 'Clip-Cov and KL-Cov keep entropy and pass the plateau',
    steps: [
      {
        title: 'The baseline: GRPO plateaus',
        config: DECOY_GRPO,
        watch: 'reward',
        question: 'A half-credit decoy answer is the likeliest. Where will GRPO’s reward end?',
        choices: choices(1, 'On a plateau near 0.6, stuck on the decoy', 'At full credit, 1.0', 'Near zero'),
        explanation: 'GRPO collapses onto the decoy: entropy falls from 1.82 to 0.11 nats by step 100, and reward stops at 0.62 — the full-credit answers are no longer sampled.',
      },
      {
        title: 'KL-Cov on the same task and seeds',
        config: decoy('paper-decoy-klcov'),
        baseline: DECOY_GRPO,
        watch: 'entropy',
        question: 'KL-Cov penalises drift on the fifth of tokens with the largest covariance. Compared with GRPO (blue)?',
        choices: choices(2, 'Entropy falls more slowly and reward keeps rising past the plateau', 'Exactly the same curves', 'Entropy explodes and reward falls'),
        explanation:
          'The penalty acts only on the few tokens that drive the collapse (high covariance), so the policy keeps sampling alternatives: at step 100 KL-Cov still has 0.37 nats against GRPO’s 0.11, finds the full-credit answers and ends at reward 0.74, past GRPO’s 0.62. The interventions chart shows how many tokens it touched each step.',
      },
    ],
  },
  {
    id: 'natural-gradient',
    finding: 6,
    title: 'Natural PG collapses faster than vanilla PG',
    steps: [
      {
        title: 'Vanilla policy gradient',
        config: fromPreset('bandit-pg'),
        watch: 'entropy',
        question: 'Exact PG on four arms, from uniform. Remember how fast entropy falls; next comes natural PG at the same learning rate.',
        choices: choices(0, 'Entropy falls smoothly as the best arm takes over', 'Entropy stays at ln 4', 'Entropy rises'),
        explanation: 'Under PG each logit moves by η·π(a)·A(a): rare arms barely move, so the policy sharpens gradually, from ln 4 = 1.39 nats to 0.72 at step 50 and 0.17 at step 200.',
      },
      {
        title: 'Natural policy gradient',
        config: fromPreset('bandit-npg'),
        baseline: fromPreset('bandit-pg'),
        watch: 'entropy',
        question: 'NPG moves every logit by η·A(a), without the factor π(a). Will entropy fall faster or slower than under PG (blue)?',
        choices: choices(1, 'Faster', 'Slower', 'The same'),
        explanation:
          'Without the π(a) factor the covariance is between log π and A itself, not π·A, and it is larger from the start: entropy collapses in fewer steps. At step 50 NPG has 0.04 nats left, against PG’s 0.72.',
      },
    ],
  },
  {
    id: 'bonus-explodes',
    finding: 7,
    title: 'A naive entropy bonus can explode',
    steps: [
      {
        title: 'Entropy bonus 0.5 on the decoy task',
        config: decoy('paper-bonus-explodes'),
        baseline: DECOY_GRPO,
        watch: 'entropy',
        question: 'Add λ·H to the objective with λ = 0.5. Compared with GRPO (blue), what will entropy and reward do?',
        choices: choices(2, 'Entropy climbs towards ln V and reward stays near nothing', 'Entropy stays a little higher and reward improves', 'No effect'),
        explanation:
          'The bonus pushes every row towards uniform with a force that does not shrink as the policy improves; it outweighs the reward signal, so entropy climbs past where it started (1.82 → 2.05 nats, near ln 8 = 2.08) and reward never leaves the floor: 0.02 at step 400, against GRPO’s 0.62. Selective (Clip-Cov, KL-Cov) or anchored interventions act on a few tokens and do not explode.',
      },
      {
        title: 'An adaptive coefficient with a target',
        config: decoy('paper-bonus-adaptive'),
        baseline: DECOY_GRPO,
        watch: 'entropy',
        question: 'Now the bonus coefficient adapts to hold entropy at 0.5 nats (SAC’s automatic temperature). Compared with GRPO (blue)?',
        choices: choices(0, 'Entropy settles at the target and reward passes the GRPO plateau', 'Entropy explodes as before', 'Entropy collapses as under GRPO'),
        explanation:
          'The coefficient rises only while entropy is below its target and falls back when it is above, so entropy is held within 0.1 of 0.5 nats from step 50 on instead of exploding or collapsing, and reward keeps improving: 0.67 at step 400, past GRPO’s 0.62. The interventions chart shows the coefficient at every step.',
      },
    ],
  },
  {
    id: 'honest-failures',
    finding: 8,
    title: 'Some intervention stories fail honestly',
    steps: [
      {
        title: 'Clip-Cov at the paper’s ratio',
        config: decoy('paper-clipcov-paper-ratio'),
        // The preset runs verl's rules, so its baseline is GRPO under the same rules.
        baseline: { ...DECOY_GRPO, algorithm: { ...(DECOY_GRPO.algorithm as Record<string, unknown>), semantics: 'verl' } },
        watch: 'interventions',
        question: 'Clip-Cov with the paper’s r = 2·10⁻⁴ under verl’s rule drops max(1, ⌊r·N⌋) tokens per epoch. With N = 384 tokens here, what will it change compared with GRPO under the same rules (blue)?',
        choices: choices(0, 'Next to nothing: at most 1 token per epoch, and reward ends where GRPO’s does', 'It keeps entropy high like KL-Cov', 'It diverges'),
        explanation:
          '⌊r·N⌋ = ⌊0.08⌋ is 0 at this batch size and verl drops at least 1 token, so Clip-Cov removes at most 1 of the 384 gradients per epoch (0.12% of them on average here: the covariance band is often empty). Too few to change the collapse: reward ends at 0.63 against GRPO’s 0.64, and entropy at 0.01 on both. Hyper-parameters tuned for millions of tokens do not transfer to small batches; the Clip-Cov sweep preset shows where it starts to act.',
      },
    ],
  },
];

export function tourById(id: string): Tour | undefined {
  return TOURS.find((t) => t.id === id);
}
