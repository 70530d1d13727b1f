// Bring your own run (issue 16): a verl console log picked in Import ▸ appears on the law chart
// in its own colour beside the simulated runs, with its fit, ceiling and early-fit forecast;
// two W&B panel exports dropped together give two runs; the Library keeps them across a reload.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { PALETTE } from '../src/charts/palette';
import { collectErrors, linkTo, presetConfig, waitForDone } from './helpers';

const fixture = (name: string) => readFileSync(`test/fixtures/logs/${name}`, 'utf8');
const lawPanel = (page: Page) => page.locator('section.chart-panel', { has: page.locator('[data-chart-id="law"]') });

test('an imported verl log is drawn on the law chart with its fit, ceiling and forecast', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(linkTo(presetConfig('tokens-grpo-collapse', { steps: 30, runs: 2 })));
  await waitForDone(page);
  const law = lawPanel(page);
  const simulatedDots = await law.locator(`circle[fill="${PALETTE.blue}"]`).count();
  expect(simulatedDots).toBeGreaterThan(0);

  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByLabel(/^Import/).setInputFiles({ name: 'verl-console.log', mimeType: 'text/plain', buffer: Buffer.from(fixture('verl-console.log')) });
  await expect(page.getByRole('status').filter({ hasText: 'Added 1 run from verl-console.log to the entropy–reward law chart' })).toBeVisible();
  await page.keyboard.press('Escape');

  // Its 149 points in the first imported colour, beside the simulated ones, which stay.
  await expect(law.locator(`circle[fill="${PALETTE.orange}"]`)).toHaveCount(149);
  expect(await law.locator(`circle[fill="${PALETTE.blue}"]`).count()).toBe(simulatedDots);
  // Its fitted law (solid) and the early fit's forecast (dashed), in the same colour.
  await expect(law.locator(`path[stroke="${PALETTE.orange}"]:not([stroke-dasharray])`)).toHaveCount(1);
  await expect(law.locator(`path[stroke="${PALETTE.orange}"][stroke-dasharray]`)).toHaveCount(1);
  await expect(law.locator('svg text', { hasText: 'verl-console.log early-fit forecast' })).toHaveCount(1);
  const summary = law.getByLabel('Your imported runs');
  await expect(summary).toContainText(/verl-console\.log \(verl console log, 149 points, 1 rows skipped\): a = 0\.15\d ± 0\.00\d, b = 0\.90\d/);
  await expect(summary).toContainText(/ceiling b − a = 0\.7\d\d/);
  await expect(summary).toContainText(/Fitted on the first 33% \(50 points\), the law forecast a final reward of 0\.\d{3}; the run ended at 0\.\d{3} \(error [+-]0\.\d{3}\)/);
  await expect(summary).toContainText('What moves it is a different curve');

  await summary.getByRole('button', { name: 'Keep in Library' }).click();
  await expect(summary.getByRole('status')).toHaveText('Kept “verl-console.log” in this browser’s Library.');
  await summary.getByRole('button', { name: 'Remove verl-console.log from the chart' }).click();
  await expect(law.locator(`circle[fill="${PALETTE.orange}"]`)).toHaveCount(0);

  await page.reload();
  await waitForDone(page);
  await lawPanel(page).getByText('Kept logs in this browser (1)').click();
  await lawPanel(page).getByRole('button', { name: 'Show verl-console.log' }).click();
  await expect(lawPanel(page).locator(`circle[fill="${PALETTE.orange}"]`)).toHaveCount(149);
  expect(errors).toEqual([]);
});

test('two W&B panel exports dropped together give two runs; a junk file changes nothing', async ({ page }) => {
  await page.goto(linkTo(presetConfig('bandit-npg', { steps: 20 })));
  await waitForDone(page);
  const drop = (files: [string, string][]) =>
    page.evaluate((list) => {
      const data = new DataTransfer();
      for (const [n, t] of list) data.items.add(new File([t], n, { type: 'text/csv' }));
      document.querySelector('main')!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, files);
  await drop([['junk.csv', 'epoch,loss\n1,0.5\n']]);
  await expect(page.getByRole('alert').filter({ hasText: 'junk.csv: no entropy (looked for actor/entropy, entropy, train/entropy)' })).toBeVisible();
  await drop([
    ['wandb-panel-entropy.csv', fixture('wandb-panel-entropy.csv')],
    ['wandb-panel-reward.csv', fixture('wandb-panel-reward.csv')],
  ]);
  await expect(page.getByRole('status').filter({ hasText: 'Added 2 runs from wandb-panel-entropy.csv + wandb-panel-reward.csv' })).toBeVisible();
  const law = lawPanel(page);
  await expect(law.locator(`circle[fill="${PALETTE.orange}"]`)).toHaveCount(150);
  await expect(law.locator(`circle[fill="${PALETTE.green}"]`)).toHaveCount(120);
  await expect(law.getByLabel('Your imported runs').getByRole('listitem')).toHaveCount(2);
});
