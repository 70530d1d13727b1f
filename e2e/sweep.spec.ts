// The Sweep panel (issue 14) in the browser: a one-axis sweep of the entropy bonus under exact
// NPG draws its dose–response (more bonus, more final entropy), a second axis gives a heatmap,
// a cell opens its run in the lab, and a bad value is named beside its field with the CLI's
// message. verl's key names stand beside the lab's fields.
import { expect, test, type Page } from '@playwright/test';
import { parseConfig } from '../src/sim/config';
import { CpuBackend } from '../src/sim/cpuBackend';
import { collectErrors, linkTo } from './helpers';

const bandit = (algorithm: Record<string, unknown> = { type: 'npg', mode: 'exact', lr: 0.5 }) => {
  const parsed = parseConfig({
    version: 1,
    steps: 150,
    backend: 'cpu',
    env: { type: 'bandit', arms: 4, means: [0.2, 0.4, 0.6, 0.8] },
    algorithm,
    interventions: [{ type: 'entropyBonus', coef: 0.1 }],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.config;
};

async function openSweep(page: Page): Promise<void> {
  await page.goto(linkTo(bandit()));
  await page.getByText('Sweep: dose–response over one or two settings').click();
}

/** The number after the statistic's name in a chart point's accessible name. */
const statOf = (label: string | null) => Number(/: [a-z ]+ (-?[\d.]+)/.exec(label ?? '')?.[1]);

test('a one-axis sweep draws the dose–response, and a point opens its run', async ({ page }) => {
  const errors = collectErrors(page);
  await openSweep(page);
  await page.getByLabel('Setting', { exact: true }).selectOption('interventions.0.coef');
  await page.getByLabel('Values (comma-separated)').fill('0.05, 0.2, 0.5');
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'done in' })).toBeVisible({ timeout: 60_000 });
  await page.getByLabel('Show').selectOption('finalEntropy');
  const points = page.locator('.sweep-chart g.sweep-point');
  await expect(points).toHaveCount(3);
  const entropies = await points.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  expect(entropies[0]).toMatch(/^interventions\.0\.coef = 0\.05: final entropy /);
  const h = entropies.map(statOf);
  expect(h[1]).toBeGreaterThan(h[0]);
  expect(h[2]).toBeGreaterThan(h[1]);
  await points.nth(2).focus();
  await page.keyboard.press('Enter');
  // The lab now holds that cell's config: the bonus coefficient field reads 0.5.
  await expect(page.locator('#iv-entropyBonus-coef')).toHaveValue('0.5');
  expect(errors).toEqual([]);
});

test('two axes draw a heatmap of every cell', async ({ page }) => {
  await openSweep(page);
  await page.getByLabel('Setting', { exact: true }).selectOption('interventions.0.coef');
  await page.getByLabel('Values (comma-separated)').fill('0.05, 0.5');
  await page.getByRole('button', { name: 'Add a second axis' }).click();
  await page.getByLabel('Setting', { exact: true }).nth(1).selectOption('algorithm.lr');
  await page.getByLabel('Values (comma-separated)').nth(1).fill('0.25, 0.5, 1');
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'done in' })).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('.sweep-chart g.heatmap-cell')).toHaveCount(6);
  await expect(page.locator('.sweep-chart g.heatmap-cell').first()).toHaveAttribute('aria-label', /interventions\.0\.coef = 0\.05, algorithm\.lr = 0\.25: final reward/);
});

test('with backend webgpu, the cells of an exact-NPG learning-rate sweep train as one GPU ensemble and give the CPU’s final entropies', async ({ page }) => {
  const errors = collectErrors(page);
  const parsed = parseConfig({ version: 1, steps: 60, runs: 4, backend: 'webgpu', env: { type: 'bandit', arms: 4 }, policy: { type: 'tabular', init: { type: 'random', scale: 1 } }, algorithm: { type: 'npg', mode: 'exact', lr: 0.1 } });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const config = parsed.config;
  await page.goto(linkTo(config));
  await page.getByText('Sweep: dose–response over one or two settings').click();
  await page.getByLabel('Setting', { exact: true }).selectOption('algorithm.lr');
  const rates = [0.05, 0.2, 0.8];
  await page.getByLabel('Values (comma-separated)').fill(rates.join(', '));
  await page.getByRole('button', { name: 'Run sweep' }).click();
  const status = page.getByRole('status').filter({ hasText: 'done in' });
  await expect(status).toBeVisible({ timeout: 60_000 });
  await expect(status).toContainText(/on WebGPU float32 exact \(.*\), all 3 cells at once/);
  await page.getByLabel('Show').selectOption('finalEntropy');
  const labels = await page.locator('.sweep-chart g.sweep-point').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  const cpu = rates.map((lr) => {
    const records = new CpuBackend({ ...config, backend: 'cpu', algorithm: { ...config.algorithm, lr } }).advanceSync(config.steps);
    const last = records.filter((r) => r.step === config.steps - 1);
    return last.reduce((s, r) => s + r.entropy, 0) / last.length;
  });
  // Three decimals on the chart; float32 within 1e-5 of the CPU.
  labels.map(statOf).forEach((h, i) => expect(Math.abs(h - cpu[i]), `lr ${rates[i]}`).toBeLessThanOrEqual(0.0006));
  expect(errors).toEqual([]);
});

test('a bad value is named beside its field, with the CLI’s message', async ({ page }) => {
  await openSweep(page);
  await page.getByLabel('Values (comma-separated)').fill('0.1, x');
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await expect(page.locator('#sweep-axis-0-values-error')).toHaveText('sweep.axes[0].values[1]: expected a number, got "x"');
  await expect(page.getByLabel('Values (comma-separated)')).toHaveAttribute('aria-invalid', 'true');
});

test('verl’s key names stand beside the lab’s fields', async ({ page }) => {
  await page.goto(linkTo(bandit({ type: 'grpo', mode: 'sampled' })));
  await expect(page.locator('#algorithm-clipHigh-verl')).toHaveText('verl: clip_ratio_high');
  await expect(page.getByLabel('clipHigh', { exact: true })).toHaveAttribute('aria-describedby', /algorithm-clipHigh-verl/);
});
