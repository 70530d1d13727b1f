// What the explain panel says about each chart: its formula (science.md), where it comes from,
// and what to look for.
import type { Citation } from '../../sim/types';
import type { EmbedPanel } from '../embed/embedOptions';

export interface Explanation {
  title: string;
  formula: string;
  text: string;
  lookFor: string;
  citation?: Citation;
}

const ENTROPY_MECHANISM: Citation = { title: 'The Entropy Mechanism of Reinforcement Learning for Reasoning Language Models', arxiv: '2505.22617' };

export const EXPLANATIONS: Record<EmbedPanel, Explanation> = {
  entropy: {
    title: 'Policy entropy',
    formula: 'H(\\pi) = -\\sum_a \\pi(a\\mid s)\\log \\pi(a\\mid s)\\quad\\text{(averaged over visited states)}',
    text: 'How spread out the policy still is. Every run of the ensemble is one faint line; the band holds the middle 80% of runs and the thick line is their mean.',
    lookFor: 'Without an intervention entropy falls fast and early, and rarely comes back: once a token is almost certain, it stops being sampled otherwise.',
    citation: ENTROPY_MECHANISM,
  },
  reward: {
    title: 'Reward and pass@k',
    formula: 'J(\\pi) = \\mathbb{E}_{a\\sim\\pi}[r(a)],\\qquad \\text{pass@}k = 1 - \\binom{n-c}{k}\\Big/\\binom{n}{k}',
    text: 'The exact expected reward of the current policy (and, for the token task, the chance that at least one of k samples is correct).',
    lookFor: 'Reward saturates when entropy is gone: the policy can only sharpen what it already samples. pass@k can fall while pass@1 rises.',
  },
  covariance: {
    title: 'The covariance term',
    formula: '\\Delta H \\approx -\\operatorname{Cov}_{a\\sim\\pi}\\big(\\log\\pi(a),\\, \\Delta z_a\\big)',
    text: 'To first order, the entropy change of a softmax policy is minus the covariance between the log-probability of an action and the change of its logit. For policy gradient Δz = η·π·A, so confident actions with high advantage drive entropy down.',
    lookFor: 'The two lines should lie on top of each other and the points on the dashed y = x line, closely in exact mode and noisily but unbiased in sampled mode. The covariance stays mostly positive, so entropy keeps falling. A step ratio r ≥ 1 means the step was too large for the first-order picture. In multi-step tasks (chain, gridworld, tokens) the identity holds at fixed state visitation: when the update also changes which states are visited, that shift adds to the measured ΔH.',
    citation: ENTROPY_MECHANISM,
  },
  law: {
    title: 'Entropy–performance law',
    formula: 'R = -a\\,e^{H} + b,\\qquad R_{\\max} = b - a\\ \\ (H \\to 0)',
    text: 'Reward as a function of entropy, fitted by least squares over every step of every run. The fit on the first third of the run forecasts where reward will end up once entropy is spent.',
    lookFor: 'A good fit (R² ≥ 0.8) and a ceiling b − a close to where reward actually stops: the policy traded its entropy for reward at a fixed exchange rate. Interventions that keep entropy can push reward past this ceiling.',
    citation: ENTROPY_MECHANISM,
  },
  policy: {
    title: 'The current policy',
    formula: '\\pi(a\\mid s) = \\frac{e^{z_{s,a}}}{\\sum_b e^{z_{s,b}}}',
    text: 'The probabilities of the first run’s policy in one state (a bandit has one; the token task has one per prompt and position).',
    lookFor: 'Collapse: one bar takes everything. For the token task, check whether the surviving answer is the best one or only the likeliest at the start.',
  },
  interventions: {
    title: 'What the interventions did',
    formula: '\\text{per-step metrics of each active intervention}',
    text: 'Each intervention reports how much it acted at every step: the fraction of tokens it clipped or penalised, its coefficient or temperature.',
    lookFor: 'An intervention that stays at 0 did nothing here (for example KL-Cov with a single epoch). Compare with its effect on the entropy chart.',
  },
};
