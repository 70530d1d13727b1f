// The lab in headless Chromium (the built app): it loads without console errors and starts
// playing, charts advance, an entropy bonus keeps entropy higher than GRPO alone (read from the
// chart's data table), many runs are drawn on the canvas layer, and the layout is captured at
// 375, 1024 and 1920 px.
import { expect, test, type Page } from '@playwright/test';
import { linkTo, longCollapseRun, presetConfig, waitForDone } from './helpers';

function entropyPanel(page: Page) {
  return page.locator('section.chart-panel', { has: page.locator('[data-chart-id="entropy"]') });
}

/** Wait for the end of the run and read the entropy from the chart's table. */
async function finalEntropy(page: Page): Promise<number> {
  await expect(page.locator('.topbar .status')).toHaveText('done', { timeout: 120_000 });
  const panel = entropyPanel(page);
  if ((await panel.getByRole('table').count()) === 0) await panel.getByRole('button', { name: 'Table' }).click();
  return Number(await panel.locator('tr[data-metric="entropy"] td[data-side="A"]').textContent());
}

test('loads without console errors, starts playing, and the charts advance', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  // The collapse preset plays on load: steps advance without a click.
  await expect(page.getByTestId('step-counter')).not.toHaveText(/^step 0\//);
  await expect(page.getByTestId('backend-badge')).not.toContainText('starting');
  // Pause and single-step the same experiment with more steps, opened from its link (links play too).
  await page.goto(linkTo(longCollapseRun()));
  await expect(page.getByTestId('step-counter')).not.toHaveText(/^step 0\//);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.locator('.topbar .status')).toHaveText('paused');
  const paused = await page.getByTestId('step-counter').textContent();
  await page.getByRole('button', { name: 'Single step' }).click();
  await expect(page.getByTestId('step-counter')).not.toHaveText(paused!);
  // Every panel draws into an svg in its data-chart-id container.
  for (const id of ['entropy', 'reward', 'covariance', 'law', 'policy', 'interventions']) {
    await expect(page.locator(`[data-chart-id="${id}"] svg`).first()).toBeVisible();
  }
  await expect(page.locator('[data-chart-id="entropy"] svg path').first()).toBeAttached();
  const hasAdapter = await page.evaluate(async () => !!(await navigator.gpu?.requestAdapter()));
  expect(hasAdapter).toBe(true);
  expect(errors).toEqual([]);
});

test('switching an entropy bonus on compares it with GRPO alone, and it keeps entropy higher', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('speed').selectOption('20');
  await finalEntropy(page);
  // Compare first: A keeps the preset, B gets the bonus, and both run at once from step 0.
  await page.getByRole('checkbox', { name: /entropy bonus/i }).check();
  await expect(page.getByTestId('compare-names')).toContainText('B: + Entropy bonus');
  await expect(page.getByRole('button', { name: 'B', exact: true })).toHaveAttribute('aria-pressed', 'true');
  const off = await finalEntropy(page);
  const bRow = (metric: string) => entropyPanel(page).locator(`tr[data-metric="${metric}"] td[data-side="B"]`);
  await expect(bRow('step')).toHaveText('300', { timeout: 60_000 });
  // Same seeds and streams: the CLI gives 0.28 without and 0.34 with the default bonus.
  expect(Number(await bRow('entropy').textContent())).toBeGreaterThan(off + 0.03);
});

test('many runs: their faint lines are drawn on the canvas under the entropy chart', async ({ page }) => {
  await page.goto(linkTo(presetConfig('tokens-grpo-collapse', { runs: 64, steps: 30 })));
  await waitForDone(page);
  const canvas = page.locator('[data-chart-id="entropy"] canvas.chart-runs-canvas');
  await expect(canvas).toBeVisible();
  // Pixels were painted (alpha > 0 somewhere), and no SVG path stands in for each run.
  const painted = await canvas.evaluate((c: HTMLCanvasElement) => {
    const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
    return n;
  });
  expect(painted).toBeGreaterThan(1000);
  await expect(page.locator('[data-chart-id="entropy"] svg path[stroke-opacity="0.25"]')).toHaveCount(0);
});

for (const width of [375, 1024, 1920]) {
  test(`screenshot at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: width < 800 ? 900 : width < 1500 ? 768 : 1080 });
    await page.goto('/');
    await expect(page.getByTestId('step-counter')).toHaveText(/^step ([3-9]\d|\d{3})\//);
    // Nothing may stick out sideways at any width.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `test-results/screenshots/lab-${width}.png`, fullPage: width < 800 });
  });
}

test('A/B: B trains beside A on the same seeds, and its values appear in the chart table', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/');
  await page.getByLabel('speed').selectOption('20');
  await page.getByRole('button', { name: 'Compare A/B' }).click();
  // B is being edited: give it the entropy bonus; both sides restart together and keep playing.
  await expect(page.getByRole('button', { name: 'B', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('checkbox', { name: /entropy bonus/i }).check();
  // (If A had already finished before the edit, the restart waits for Play.)
  const play = page.getByRole('button', { name: 'Play' });
  if ((await play.count()) > 0 && (await play.isEnabled())) await play.click();
  const a = await finalEntropy(page);
  // B trains in its own worker and may finish a moment after A: wait for its last step.
  const bRow = (metric: string) => entropyPanel(page).locator(`tr[data-metric="${metric}"] td[data-side="B"]`);
  await expect(bRow('step')).toHaveText('300', { timeout: 60_000 });
  const b = Number(await bRow('entropy').textContent());
  expect(b).toBeGreaterThan(a + 0.03);
  await expect(entropyPanel(page).locator('svg')).toContainText('B: + Entropy bonus');
  await page.screenshot({ path: 'test-results/screenshots/lab-ab-1280.png' });
});
