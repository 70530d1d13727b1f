// Guided tours (ux.md; science.md §6 findings 1–8): each step loads a config, asks the user to
// predict what will happen, runs it, then explains. Plain data, so a test parses every config
// with parseConfig, and test/app/tourClaims.test.ts checks every claim of a question, its right
// answer and its explanation on the step's own run.
import { presetById } from '../../sim/presets';
import type { EmbedPanel } from '../embed/embedOptions';

export interface TourChoice {
  label: string;
  correct: boolean;
}

export interface TourStep {
  title: string;
  /** A partial ExperimentConfig (parseConfig fills the defaults). */
  config: Record<string, unknown>;
  /** The chart to watch (it gets the focus and the explain panel follows it). */
  watch: EmbedPanel;
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

// The decoy task with fewer runs: a tour step should finish in seconds on the CPU.
const decoy = (id: string) => fromPreset(id, { runs: 8, steps: 400 });

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
          'Entropy drops most in the first tens of steps, while reward climbs, and then both flatten: the policy has committed to the answers it found first. Reward stops below what the prompts allow, because a collapsed policy no longer samples the alternatives.',
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
          'ΔH ≈ −Cov_π(log π, Δz) is the first-order Taylor expansion of entropy in the logits. With exact gradients and a moderate step the points sit on y = x; the gap grows with the square of the step, which the step ratio r tracks.',
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
          'Under policy gradient Δz ∝ π·A: confident, rewarded tokens are pushed up. Probability and advantage move together, so the covariance is positive on most steps and the predicted ΔH (its negative) sits below zero. Sampled batches make it noisy, but the average stays positive.',
      },
    ],
  },
  {
    id: 'law',
    finding: 4,
    title: 'Reward follows R = −a·eᴴ + b',
    steps: [
      {
        title: 'GRPO on the token task',
        config: fromPreset('tokens-grpo-collapse'),
        watch: 'law',
        question: 'Plot reward against entropy over the run. What shape will the fitted law have, and can an early fit foresee the ceiling?',
        choices: choices(0, 'A good fit (R² ≥ 0.8); the early fit lands within 0.05 of the final reward', 'No relation between R and H', 'A good fit, but the early fit misses the ceiling badly'),
        explanation:
          'As entropy is spent, reward rises along −a·eᴴ + b; at H = 0 the curve gives the ceiling b − a. Fitting only the first third of the run already forecasts where reward will stop — the ceiling is set by how entropy is spent. If R² is below 0.8 the panel says the data do not support the law, as it does on the decoy task, whose long plateau piles its points in one spot.',
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
        config: decoy('paper-decoy-grpo'),
        watch: 'reward',
        question: 'A half-credit decoy answer is the likeliest. Where will GRPO’s reward end?',
        choices: choices(1, 'On a plateau near 0.6, stuck on the decoy', 'At full credit, 1.0', 'Near zero'),
        explanation: 'GRPO collapses onto the decoy in about 100 steps and reward stops near 0.62: the full-credit answers are no longer sampled.',
      },
      {
        title: 'KL-Cov on the same task and seeds',
        config: decoy('paper-decoy-klcov'),
        watch: 'entropy',
        question: 'KL-Cov penalises drift on the fifth of tokens with the largest covariance. Compared with GRPO?',
        choices: choices(2, 'Entropy falls more slowly and reward keeps rising past the plateau', 'Exactly the same curves', 'Entropy explodes and reward falls'),
        explanation:
          'The penalty acts only on the few tokens that drive the collapse (high covariance), so the policy keeps sampling alternatives, finds the full-credit answers and passes the GRPO plateau. The intervention panel shows how many tokens it touched each step.',
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
        explanation: 'Under PG each logit moves by η·π(a)·A(a): rare arms barely move, so the policy sharpens gradually.',
      },
      {
        title: 'Natural policy gradient',
        config: fromPreset('bandit-npg'),
        watch: 'entropy',
        question: 'NPG moves every logit by η·A(a), without the factor π(a). Will entropy fall faster or slower than under PG?',
        choices: choices(1, 'Faster', 'Slower', 'The same'),
        explanation:
          'Without the π(a) factor the covariance is between log π and A itself, not π·A, and it is larger from the first steps on: entropy collapses in fewer steps. Compare the entropy at step 50 with the previous run.',
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
        watch: 'entropy',
        question: 'Add λ·H to the objective with λ = 0.5. What will entropy and reward do?',
        choices: choices(2, 'Entropy climbs towards ln V and reward stays near nothing', 'Entropy stays a little higher and reward improves', 'No effect'),
        explanation:
          'The bonus pushes every row towards uniform with a force that does not shrink as the policy improves; when it outweighs the reward signal, entropy climbs past where it started and the policy never learns the answers. Selective interventions such as Clip-Cov and KL-Cov act on a few tokens: under them entropy ends below where it started, the collapse slowed rather than reversed.',
      },
      {
        title: 'An adaptive coefficient with a target',
        config: decoy('paper-bonus-adaptive'),
        watch: 'entropy',
        question: 'Now the bonus coefficient adapts to hold entropy at 0.5 nats (SAC’s automatic temperature). What happens?',
        choices: choices(0, 'Entropy settles at the target and reward passes the GRPO plateau', 'Entropy explodes as before', 'Entropy collapses as under GRPO'),
        explanation:
          'The coefficient rises only while entropy is below its target and falls back when it is above, so entropy is held near 0.5 instead of exploding or collapsing, and reward keeps improving past where GRPO stopped. The intervention panel shows the coefficient at every step.',
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
        watch: 'interventions',
        question: 'Clip-Cov with the paper’s r = 2·10⁻⁴ under verl’s rule drops max(1, ⌊r·N⌋) tokens per epoch. With N = 384 tokens here, what will it change?',
        choices: choices(0, 'Next to nothing: it drops 1 token per epoch, and reward ends where GRPO’s does', 'It keeps entropy high like KL-Cov', 'It diverges'),
        explanation:
          '⌊r·N⌋ is 0 at lab batch sizes, and verl drops at least 1 token, so Clip-Cov removes 1 of 384 gradients per epoch: too few to change the collapse, and reward ends within noise of GRPO’s under the same rules. Hyper-parameters tuned for millions of tokens do not transfer to small batches; the Clip-Cov sweep preset shows where it starts to act.',
      },
    ],
  },
];

export function tourById(id: string): Tour | undefined {
  return TOURS.find((t) => t.id === id);
}
