// Guided tours (ux.md): each reproduces one finding of science.md §6 as predict → run →
// explain. Data only; the tour panel plays them and a test parses every config.
export interface TourStep {
  title: string;
  /** A preset id, or a partial config merged over that preset (`over`). */
  preset: string;
  over?: Record<string, unknown>;
  question: string;
  choices: string[];
  /** Index of the choice the run bears out. */
  answer: number;
  /** Shown after the run: what happened and why. */
  explain: string;
  /** Chart to look at (the explain panel focuses it). */
  chart: 'entropy' | 'reward' | 'covariance' | 'law' | 'policy' | 'interventions';
}

export interface Tour {
  id: string;
  finding: number;
  title: string;
  steps: TourStep[];
}

export const TOURS: readonly Tour[] = [
  {
    id: 'collapse',
    finding: 1,
    title: 'Entropy collapses fast and early',
    steps: [
      {
        title: 'GRPO on the token task',
        preset: 'tokens-grpo-collapse',
        question: 'Over 300 steps, when will the policy have lost most of its entropy?',
        choices: ['Within the first 50 steps', 'Gradually, by the end', 'Never: entropy stays high'],
        answer: 0,
        explain:
          'Entropy falls from about 1.5 to below 0.5 nats within the first 50 steps, and reward saturates with it. Each update raises actions that are already likely and rewarded, and an action that is almost certain stops being sampled otherwise.',
        chart: 'entropy',
      },
    ],
  },
  {
    id: 'covariance-agrees',
    finding: 2,
    title: 'The covariance term predicts the entropy change',
    steps: [
      {
        title: 'Exact policy gradient on a bandit',
        preset: 'bandit-pg',
        question: 'Will −Cov(log π, Δz) match the measured entropy change step by step?',
        choices: ['Yes, up to a second-order error', 'Only on average', 'No, they are unrelated'],
        answer: 0,
        explain: 'In exact mode the points lie on the y = x line: the covariance identity is the first-order Taylor expansion of H, so the residual shrinks with the square of the step.',
        chart: 'covariance',
      },
      {
        title: 'Sampled GRPO',
        preset: 'tokens-grpo-collapse',
        question: 'With sampled batches, does the identity still hold?',
        choices: ['Yes, noisily but without bias', 'No, sampling breaks it'],
        answer: 0,
        explain: 'The covariance of the update actually applied still predicts its entropy change; the points scatter more because each batch moves the logits differently, but they stay around y = x.',
        chart: 'covariance',
      },
    ],
  },
  {
    id: 'covariance-positive',
    finding: 3,
    title: 'The covariance term stays mostly positive',
    steps: [
      {
        title: 'Sign of the covariance',
        preset: 'tokens-grpo-collapse',
        question: 'Is the predicted ΔH = −Cov mostly below zero during training?',
        choices: ['Yes: entropy keeps falling', 'It alternates evenly', 'It is mostly above zero'],
        answer: 0,
        explain: 'High-probability actions that are rewarded are pushed up most, so log π and the logit change co-vary: the covariance is positive and entropy falls almost every step.',
        chart: 'covariance',
      },
    ],
  },
  {
    id: 'law',
    finding: 4,
    title: 'Reward follows R = −a·eᴴ + b, and the ceiling is predictable',
    steps: [
      {
        title: 'Fit the law',
        preset: 'tokens-grpo-collapse',
        question: 'From the first third of the run, can you forecast the final reward?',
        choices: ['Yes, within a few hundredths', 'No, it is unpredictable'],
        answer: 0,
        explain: 'The fit R = −a·eᴴ + b has R² above 0.9, and the early fit forecasts the final reward from the final entropy to within about 0.05: the policy trades entropy for reward at a fixed rate, and b − a is the ceiling when entropy is gone.',
        chart: 'law',
      },
    ],
  },
  {
    id: 'cov-methods',
    finding: 5,
    title: 'Clip-Cov and KL-Cov keep reward improving past the plateau',
    steps: [
      {
        title: 'The plateau',
        preset: 'paper-decoy-grpo',
        question: 'A half-credit answer is the likeliest at the start. Where does GRPO’s reward stop?',
        choices: ['Near 0.6: it settles on the decoy for many prompts', 'Near 1: it finds the full-credit answers'],
        answer: 0,
        explain: 'Entropy collapses within 100 steps, mostly onto the decoy; the full-credit answers are then never sampled, and reward stays flat near 0.62.',
        chart: 'reward',
      },
      {
        title: 'KL-Cov',
        preset: 'paper-decoy-klcov',
        question: 'KL-Cov penalises drift on the tokens with the largest covariance. What happens to reward?',
        choices: ['It passes the plateau and keeps rising', 'It stays on the same plateau', 'It falls'],
        answer: 0,
        explain: 'Entropy falls slowly, runs keep sampling the rarer answers, and reward passes 0.7 and keeps improving where GRPO had stopped (seed for seed, in the lab’s tests).',
        chart: 'reward',
      },
      {
        title: 'Clip-Cov',
        preset: 'paper-decoy-clipcov',
        question: 'Clip-Cov drops the gradient of some high-covariance tokens. Does it also beat the plateau?',
        choices: ['Yes', 'No'],
        answer: 0,
        explain: 'Yes: entropy stays higher early and reward ends above GRPO’s plateau, though by less than KL-Cov here.',
        chart: 'interventions',
      },
    ],
  },
  {
    id: 'npg',
    finding: 6,
    title: 'Natural PG collapses entropy faster than vanilla PG',
    steps: [
      {
        title: 'Vanilla PG',
        preset: 'bandit-pg',
        question: 'Remember how fast entropy falls here. Will NPG be faster or slower?',
        choices: ['Faster', 'Slower'],
        answer: 0,
        explain: 'Vanilla PG moves logit a by η·π_a·A_a: actions the policy rarely takes barely move.',
        chart: 'entropy',
      },
      {
        title: 'Natural PG',
        preset: 'bandit-npg',
        question: 'Now with NPG: Δz = η·A for every action. Is the collapse faster?',
        choices: ['Yes', 'No'],
        answer: 0,
        explain: 'NPG’s update is not damped by π, so its covariance with log π is larger and entropy falls faster from the same start.',
        chart: 'entropy',
      },
    ],
  },
  {
    id: 'bonus',
    finding: 7,
    title: 'A naive entropy bonus can explode entropy',
    steps: [
      {
        title: 'Entropy bonus 0.5',
        preset: 'paper-bonus-explodes',
        question: 'A large entropy bonus is added to the reward signal. What happens?',
        choices: ['Entropy rises above its start and reward collapses', 'Entropy is held at a healthy level'],
        answer: 0,
        explain: 'The bonus gradient outweighs the reward gradient: the policy flattens towards uniform (ln V) and reward falls to almost nothing. Anchored or adaptive regularisers target an entropy level instead.',
        chart: 'entropy',
      },
    ],
  },
  {
    id: 'honest',
    finding: 8,
    title: 'Some stories fail honestly',
    steps: [
      {
        title: 'Clip-Cov at the paper’s ratio',
        preset: 'paper-clipcov-paper-ratio',
        question: 'Clip-Cov with the paper’s r = 2·10⁻⁴. Will it change anything at lab scale?',
        choices: ['No: it clips round(r·N) = 0 tokens', 'Yes, as much as in the paper'],
        answer: 0,
        explain: 'With 384 tokens a step, r·N rounds to zero: the run is GRPO number for number (the intervention chart says so). Lab-scale batches need lab-scale ratios; the lab shows this rather than hide it.',
        chart: 'interventions',
      },
    ],
  },
];
