// A 10 × 10 sweep × 16 seeds of the decoy task in the browser's Sweep panel (issue 14, for the
// issue note): seconds from "Run sweep" to "done", and run-steps per second. Steps per run come
// from SWEEP_BENCH_STEPS (default 20; the decoy presets run 600), the backend from
// SWEEP_BENCH_BACKEND (cpu or auto: WebGPU where the page has it). Prints JSON; asserts nothing
// about speed.
import { expect, test } from '@playwright/test';
import { presetConfig, linkTo } from '../helpers';

const STEPS = Number(process.env.SWEEP_BENCH_STEPS ?? 20);
const BACKEND = process.env.SWEEP_BENCH_BACKEND === 'auto' ? 'auto' : 'cpu';
const RATIOS = '0, 0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.2, 0.3, 0.5';
const RATES = '0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.5, 3';

test('10 × 10 sweep × 16 seeds of the decoy task', async ({ page }) => {
  test.setTimeout(3_600_000);
  const config = presetConfig('paper-decoy-clipcov', { steps: STEPS, runs: 16, backend: BACKEND });
  await page.goto(linkTo(config));
  await page.getByText('Sweep: dose–response over one or two settings').click();
  await page.getByLabel('Setting', { exact: true }).selectOption('interventions.0.ratio');
  await page.getByLabel('Values (comma-separated)').fill(RATIOS);
  await page.getByRole('button', { name: 'Add a second axis' }).click();
  await page.getByLabel('Setting', { exact: true }).nth(1).selectOption('algorithm.lr');
  await page.getByLabel('Values (comma-separated)').nth(1).fill(RATES);
  const start = Date.now();
  await page.getByRole('button', { name: 'Run sweep' }).click();
  const status = page.getByRole('status').filter({ hasText: /done in/ });
  await expect(status).toBeVisible({ timeout: 3_600_000 });
  const seconds = (Date.now() - start) / 1000;
  const reported = Number(/done in ([\d.]+) s/.exec((await status.textContent()) ?? '')?.[1]);
  await expect(page.locator('.sweep-chart g.heatmap-cell')).toHaveCount(100);
  const runSteps = 100 * 16 * STEPS;
  const backend = /on (.+?):/.exec((await status.textContent()) ?? '')?.[1];
  console.log(JSON.stringify({ bench: 'sweep 10×10×16 decoy', steps: STEPS, backend, seconds, workerSeconds: reported, runStepsPerSecond: runSteps / reported }));
});
