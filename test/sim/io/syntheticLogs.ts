// Synthetic training logs with a known law R = −a·e^H + b plus Gaussian noise, written the way
// verl, W&B, TRL and the lab write theirs, so the readers and the fit can be checked against the
// a and b that made them. The committed files under test/fixtures/logs are these writers' output
// (test/fixtures/logs/write.ts), so the README's examples fit to known numbers.
import { exp } from '../../../src/sim/portableMath';
import { normal } from '../../../src/sim/rng';
import { formatJsonlStep } from '../../../src/sim/recordFormat';
import { recordsToCsv } from '../../../src/sim/exportFormats';
import type { StepRecord } from '../../../src/sim/types';

export interface SyntheticRun {
  name: string;
  a: number;
  b: number;
  step: number[];
  entropy: number[];
  reward: number[];
}

/** Entropy decaying from h0 toward hEnd over n steps (steps 1…n), reward on the law plus noise σ. */
export function syntheticRun(name: string, { a = 0.15, b = 0.9, n = 150, h0 = 1.6, hEnd = 0.1, sigma = 0.015, seed = 1 } = {}): SyntheticRun {
  const step = Array.from({ length: n }, (_, i) => i + 1);
  const entropy = step.map((t) => hEnd + (h0 - hEnd) * exp(-t / (n / 4)) + 0.01 * normal(seed, 7, 0, t));
  const reward = entropy.map((h, i) => -a * exp(h) + b + sigma * normal(seed, 8, 0, i));
  return { name, a, b, step, entropy, reward };
}

/** Python's repr of a float as numpy 2 prints it through pprint. */
const npFloat = (v: number) => `np.float64(${Number.isNaN(v) ? 'nan' : v})`;

/** verl console log under Ray: prefixed, coloured, numpy reprs, other lines between; one NaN step. */
export function verlConsoleLog(run: SyntheticRun, nanAt = 40): string {
  const lines = ['2025-06-01 12:00:00,000 INFO worker.py:1888 -- Started a local Ray instance.', '(TaskRunner pid=5521) Using LocalLogger is deprecated.'];
  run.step.forEach((t, i) => {
    const reward = t === nanAt ? NaN : run.reward[i];
    const metrics = [`step:${t}`, `global_seqlen/mean:${npFloat(1523.5)}`, `actor/entropy:${npFloat(run.entropy[i])}`, `actor/pg_loss:${npFloat(-0.01)}`, `critic/score/mean:${npFloat(reward)}`, `critic/rewards/mean:${npFloat(reward)}`, `response_length/mean:${npFloat(812.25)}`, `timing_s/step:${npFloat(41.7)}`];
    lines.push(`\u001b[36m(TaskRunner pid=5521)\u001b[0m ${metrics.join(' - ')}`);
    if (t % 50 === 0) lines.push(`(TaskRunner pid=5521) Training Progress:  ${t}%|██        | ${t}/${run.step.length} [01:23<05:00,  4.10s/it]`);
  });
  return lines.join('\n') + '\n';
}

/** W&B run-history export: `_step`, runtime, metric columns; validation rows leave them empty; one NaN. */
export function wandbHistoryCsv(run: SyntheticRun, nanAt = 60): string {
  const header = ['_step', '_runtime', '_timestamp', 'actor/entropy', 'critic/score/mean', 'val-core/math/acc/mean@1', 'response_length/mean'];
  const rows = [header.map((h) => JSON.stringify(h)).join(',')];
  run.step.forEach((t, i) => {
    rows.push([t, 40 * t, 1717240000 + 40 * t, run.entropy[i], t === nanAt ? 'NaN' : run.reward[i], '', 812].join(','));
    if (t % 30 === 0) rows.push([t, 40 * t + 5, 1717240005 + 40 * t, '', '', 0.41, ''].join(','));
  });
  return rows.join('\n') + '\n';
}

/**
 * W&B panel export of one chart: `Step`, then per run `<run> - <metric>` and its `__MIN`/`__MAX`
 * (quoted as W&B writes them). The shorter run leaves its cells empty past its last step.
 */
export function wandbPanelCsv(runs: SyntheticRun[], metric: 'actor/entropy' | 'critic/score/mean'): string {
  const header = ['Step', ...runs.flatMap((r) => [`${r.name} - ${metric}`, `${r.name} - ${metric}__MIN`, `${r.name} - ${metric}__MAX`])];
  const steps = Math.max(...runs.map((r) => r.step.length));
  const rows = [header.map((h) => JSON.stringify(h)).join(',')];
  for (let i = 0; i < steps; i++) {
    const cells = runs.flatMap((r) => {
      if (i >= r.step.length) return ['', '', ''];
      const v = metric === 'actor/entropy' ? r.entropy[i] : r.reward[i];
      return [v, v, v].map(String);
    });
    rows.push([i + 1, ...cells].join(','));
  }
  return rows.join('\n') + '\n';
}

/** TRL trainer_state.json: train rows with `entropy` and `reward`, an eval row every 25 steps, a summary row. */
export function trainerStateJson(run: SyntheticRun): string {
  const logHistory: Record<string, number>[] = [];
  run.step.forEach((t, i) => {
    logHistory.push({ epoch: t / run.step.length, step: t, loss: 0.01, grad_norm: 0.3, learning_rate: 1e-6, reward: run.reward[i], reward_std: 0.3, entropy: run.entropy[i], kl: 0.001, 'completions/mean_length': 512 });
    if (t % 25 === 0) logHistory.push({ epoch: t / run.step.length, step: t, eval_loss: 0.02, eval_reward: 0.4, eval_runtime: 12.5 });
  });
  logHistory.push({ epoch: 1, step: run.step.length, train_runtime: 3600, train_loss: 0.01, total_flos: 0 });
  return JSON.stringify({ best_metric: null, epoch: 1, global_step: run.step.length, log_history: logHistory, max_steps: run.step.length, logging_steps: 1 }, null, 2) + '\n';
}

/** Step records as the lab writes them (runs 0…), with a batch reward beside the exact one. */
function labRecords(runs: SyntheticRun[]): StepRecord[] {
  return runs.flatMap((r, run) =>
    r.step.map((t, i): StepRecord => {
      const deltaH = (r.entropy[i + 1] ?? r.entropy[i]) - r.entropy[i];
      return { run, step: t - 1, entropy: r.entropy[i], reward: r.reward[i], covariance: -deltaH, predictedDeltaH: deltaH, deltaH, stepRatio: 0.01, batchReward: r.reward[i] + 0.01 };
    }),
  );
}

export function labCsv(runs: SyntheticRun[]): string {
  return recordsToCsv(labRecords(runs));
}

export function labJsonl(runs: SyntheticRun[]): string {
  return labRecords(runs).map(formatJsonlStep).join('\n') + '\n' + JSON.stringify({ type: 'summary', backend: 'cpu' }) + '\n';
}

/** The runs behind the committed fixtures, with the a and b each was drawn from. */
export const FIXTURE_RUNS = {
  verl: syntheticRun('verl-console.log', { a: 0.15, b: 0.9, seed: 1 }),
  history: syntheticRun('wandb-history.csv', { a: 0.12, b: 0.8, seed: 2 }),
  grpo: syntheticRun('qwen7b-grpo', { a: 0.15, b: 0.9, seed: 3 }),
  clipCov: syntheticRun('qwen7b-clip-cov', { a: 0.1, b: 0.75, n: 120, h0: 1.8, hEnd: 0.5, seed: 4 }),
  trl: syntheticRun('trainer_state.json', { a: 0.18, b: 1, seed: 11 }),
  lab0: syntheticRun('lab run 0', { a: 0.2, b: 1, n: 100, seed: 6 }),
  lab1: syntheticRun('lab run 1', { a: 0.2, b: 1, n: 100, seed: 7 }),
};

/** File name → text of every committed fixture log (test/fixtures/logs). */
export function fixtureLogs(): Record<string, string> {
  const r = FIXTURE_RUNS;
  return {
    'verl-console.log': verlConsoleLog(r.verl),
    'wandb-history.csv': wandbHistoryCsv(r.history),
    'wandb-panel-entropy.csv': wandbPanelCsv([r.grpo, r.clipCov], 'actor/entropy'),
    'wandb-panel-reward.csv': wandbPanelCsv([r.grpo, r.clipCov], 'critic/score/mean'),
    'trainer_state.json': trainerStateJson(r.trl),
    'lab-export.csv': labCsv([r.lab0, r.lab1]),
    'lab-export.jsonl': labJsonl([r.lab0, r.lab1]),
  };
}
