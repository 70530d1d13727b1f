// The lab in headless Chromium (issue 6): it loads cleanly and plays, an entropy intervention
// shows in the charts' data, the CPU path works without WebGPU, a guided tour runs from the
// keyboard alone, and screenshots at three widths are kept as artifacts.
import { chromium, expect, test } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config';
import { collectErrors, linkTo, presetConfig, tableValue, waitForDone } from './helpers';

test('loads without console errors, plays, and draws the charts', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await expect(page.getByTestId('backend-badge')).not.toHaveText(/starting/);
  // The collapse preset starts playing on load.
  await expect(page.getByTestId('step-counter')).not.toHaveText(/^step 0\//);
  await page.getByRole('button', { name: 'Pause' }).click();
  const before = await page.getByTestId('step-counter').textContent();
  await page.getByRole('button', { name: 'Single step' }).click();
  await expect(page.getByTestId('step-counter')).not.toHaveText(before!);
  await page.getByRole('button', { name: 'Play' }).click();
  for (const id of ['entropy', 'reward', 'covariance', 'law', 'policy', 'interventions']) {
    await expect(page.locator(`[data-chart-id="${id}"] svg`).first()).toBeVisible();
  }
  await expect(page.locator('[data-chart-id="entropy"] path[stroke-width="2"]').first()).toHaveAttribute('d', /L/);
  expect(errors).toEqual([]);
});

test('Clip-Cov keeps entropy visibly higher than GRPO alone on the collapse preset', async ({ page }) => {
  const entropyAt50 = async (interventions: unknown[]) => {
    await page.goto(linkTo(presetConfig('tokens-grpo-collapse', { steps: 50, interventions })));
    await waitForDone(page);
    return tableValue(page, 'entropy', 'entropy');
  };
  const off = await entropyAt50([]);
  const on = await entropyAt50([{ type: 'clipCov' }]);
  expect(on).toBeGreaterThan(off + 0.05);
});

test('an invalid setting is kept as typed, named, and does not replace the running experiment', async ({ page }) => {
  await page.goto(linkTo(presetConfig('bandit-pg')));
  await waitForDone(page);
  const lr = page.getByLabel('lr', { exact: true });
  await lr.fill('-1');
  await expect(lr).toHaveValue('-1');
  await expect(page.locator('.field.invalid small.error').first()).toBeVisible();
  await expect(page.locator('.topbar .status')).toHaveText('done');
});

test('without WebGPU the lab runs on the CPU and says why', async () => {
  const browser = await chromium.launch({ executablePath: test.info().project.use.launchOptions?.executablePath, args: CHROMIUM_ARGS.filter((a) => a !== '--enable-unsafe-webgpu').concat('--disable-webgpu') });
  const page = await browser.newPage();
  const errors = collectErrors(page);
  await page.goto(`${test.info().project.use.baseURL}/${linkTo(presetConfig('bandit-pg')).slice(1)}`);
  expect(await page.evaluate(async () => !!(await navigator.gpu?.requestAdapter()))).toBe(false);
  await waitForDone(page);
  const badge = page.getByTestId('backend-badge');
  await expect(badge).toContainText('CPU');
  await expect(badge.locator('.reason')).not.toBeEmpty();
  expect(errors).toEqual([]);
  await browser.close();
});

test('a guided tour can be walked with the keyboard alone', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Guided tours' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: /^6\. Natural PG/ }).focus();
  await page.keyboard.press('Enter');
  const tour = page.getByRole('region', { name: /^Guided tour:/ });
  await expect(tour.getByRole('heading', { level: 2 })).toBeFocused();
  for (let step = 0; step < 2; step++) {
    await tour.getByRole('radio').first().focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await expect(tour.getByRole('button', { name: 'Run it' })).toBeFocused();
    await page.keyboard.press('Enter');
    const next = tour.getByRole('button', { name: step === 0 ? 'Next step' : 'Finish the tour' });
    await expect(next).toBeVisible({ timeout: 120_000 });
    await expect(tour).toContainText('Your prediction was right.');
    await next.focus();
    await page.keyboard.press('Enter');
  }
  await expect(tour).toHaveCount(0);
});

test('screenshots at 375, 1024 and 1920 px', async ({ page }) => {
  for (const width of [375, 1024, 1920]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(linkTo(presetConfig('tokens-grpo-collapse', { steps: 60 })));
    await waitForDone(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: test.info().outputPath(`lab-${width}.png`), fullPage: true });
  }
});
