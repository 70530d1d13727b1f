// The student (ux.md): compare first — switching an intervention on runs A/B against the same
// settings without it, every chart and table shows both in their colours and the legend names
// the difference; tours ask before anything is drawn and overlay the runs they compare; charts
// read out values on hover and from the keyboard; the preset menu, Play and the settings say
// what is going on.
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, linkTo, panel, presetConfig, waitForDone } from './helpers';

const BLUE = '#0072b2';
const ORANGE = '#e69f00';

/** The stroke and fill colours used inside a chart panel's SVGs, lower-case. */
const coloursIn = (page: Page, id: string) =>
  panel(page, id).evaluate((el) => [...el.querySelectorAll('svg *')].flatMap((n) => [n.getAttribute('stroke'), n.getAttribute('fill')]).filter((c): c is string => !!c && c.startsWith('#')).map((c) => c.toLowerCase()));

test('switching an intervention on compares it, and every chart and table shows A and B', async ({ page }) => {
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(linkTo(presetConfig('tokens-grpo-collapse', { steps: 40, runs: 4 })));
  await waitForDone(page);
  // Alone, no chart uses B's orange for a series of its own.
  for (const id of ['entropy', 'reward', 'covariance', 'law', 'interventions']) expect(await coloursIn(page, id), id).not.toContain(ORANGE);
  await page.getByRole('checkbox', { name: 'Clip-Cov' }).check();
  await expect(page.getByTestId('compare-names')).toHaveText(/A: without Clip-Cov\s+B: \+ Clip-Cov r = 0\.02/);
  await waitForDone(page);
  for (const id of ['entropy', 'reward', 'covariance', 'law', 'policy', 'interventions']) {
    const p = panel(page, id);
    await p.getByRole('button', { name: 'Table', exact: true }).click();
    await expect(p.getByRole('columnheader')).toHaveText(['metric', 'A', 'B']);
    await expect(p.locator('td[data-side="B"]').first()).not.toHaveText('—', { timeout: 60_000 });
    if (id !== 'policy') {
      const colours = await coloursIn(page, id);
      expect(colours, id).toContain(BLUE);
      expect(colours, id).toContain(ORANGE);
    }
  }
  // The legend names the difference on the charts too, and the interventions chart shows B's metrics.
  await expect(panel(page, 'entropy').locator('svg')).toContainText('B: + Clip-Cov r = 0.02');
  await expect(panel(page, 'interventions')).toContainText('A has no intervention on');
  await expect(panel(page, 'interventions').locator('tr[data-metric="clipCovFrac"] td[data-side="B"]')).not.toHaveText('—', { timeout: 60_000 });
  await page.screenshot({ path: 'test-results/screenshots/student-compare-1280.png' });
  expect(errors).toEqual([]);
});

test('tour 1 asks its question before anything is drawn, then runs', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('step-counter')).not.toHaveText(/^step 0\//);
  await page.getByRole('button', { name: 'Start tour' }).click();
  await expect(page.locator('#tour-heading')).toBeFocused();
  await expect(page.getByRole('group', { name: /What will the policy entropy do/ })).toBeVisible();
  // The autoplayed run is gone: step 0, nothing drawn, nothing running.
  await expect(page.getByTestId('step-counter')).toHaveText('step 0/300');
  await expect(page.locator('.topbar .status')).toHaveText('idle');
  const drawn = await panel(page, 'entropy').locator('svg path[stroke-width="2"]').evaluateAll((ps) => ps.filter((p) => (p.getAttribute('d') ?? '').length > 2).length);
  expect(drawn).toBe(0);
  await page.getByRole('radio').nth(1).check();
  await page.getByRole('button', { name: 'Run it' }).click();
  await expect(page.getByTestId('step-counter')).not.toHaveText('step 0/300');
  await expect(page.getByRole('button', { name: 'Finish tour' })).toBeVisible({ timeout: 120_000 });
});

test('a comparing tour overlays its baseline: NPG over PG', async ({ page }) => {
  await page.goto('/');
  await page.locator('#tour-select').selectOption('natural-gradient');
  await page.getByRole('button', { name: 'Start tour' }).click();
  await page.getByRole('radio').first().check();
  await page.getByRole('button', { name: 'Run it' }).click();
  await page.getByRole('button', { name: 'Next step' }).click({ timeout: 60_000 });
  await expect(page.getByTestId('compare-names')).toContainText('B: algorithm pg → npg');
  await page.getByRole('radio').first().check();
  await page.getByRole('button', { name: 'Run it' }).click();
  await expect(page.getByRole('button', { name: 'Finish tour' })).toBeVisible({ timeout: 60_000 });
  const means = await panel(page, 'entropy').locator('svg path[stroke-width="2"]').evaluateAll((ps) => ps.map((p) => p.getAttribute('stroke')?.toLowerCase()));
  expect(means).toEqual([BLUE, ORANGE]);
});

test('charts read out A, B and the band on hover and from the keyboard', async ({ page }) => {
  await page.goto(linkTo(presetConfig('tokens-grpo-collapse', { steps: 30, runs: 4 })));
  await waitForDone(page);
  await page.getByRole('button', { name: 'Compare A/B' }).click();
  await waitForDone(page);
  const chart = panel(page, 'entropy').locator('svg.chart-svg');
  const readout = panel(page, 'entropy').locator('.chart-readout');
  await chart.hover({ position: { x: 250, y: 120 } });
  await expect(readout).toBeVisible();
  await expect(readout).toContainText(/step \d+/);
  await expect(readout).toContainText(/A · entropy H [\d.]+ \(band [\d.]+–[\d.]+\)/);
  await expect(readout).toContainText(/B · entropy H [\d.]+/);
  await page.mouse.move(0, 0);
  await expect(readout).toBeHidden();
  await chart.focus();
  await page.keyboard.press('End');
  await expect(readout).toContainText('step 30');
  await page.keyboard.press('ArrowLeft');
  await expect(readout).toContainText('step 29');
  // The law chart reads out each side's nearest point and fitted curve.
  await panel(page, 'law').locator('svg.chart-svg').focus();
  await page.keyboard.press('Home');
  await expect(panel(page, 'law').locator('.chart-readout')).toContainText(/A: nearest \(/);
});

test('the preset menu shows what runs; Play restarts a finished run; invalid settings hold Play with the reason', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('#preset')).toHaveValue('tokens-grpo-collapse');
  await page.goto(linkTo(presetConfig('bandit-pg', { steps: 20 })));
  await waitForDone(page);
  await expect(page.locator('#preset')).toHaveValue('');
  await expect(page.locator('#preset option:checked')).toHaveText('Your own settings (no preset)');
  const play = page.getByRole('button', { name: 'Play again' });
  await expect(play).toBeEnabled();
  // The run is over in milliseconds: record the status texts it passes through.
  await page.locator('.topbar .status').evaluate((el) => {
    const seen: string[] = ((window as unknown as { seen: string[] }).seen = []);
    new MutationObserver(() => seen.push(el.textContent ?? '')).observe(el, { childList: true, characterData: true, subtree: true });
  });
  await play.click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { seen: string[] }).seen)).toEqual(expect.arrayContaining(['running', 'done']));
  await waitForDone(page);
  // An emptied field is an error, and Play says why it waits.
  await page.getByLabel('runs', { exact: true }).fill('');
  await expect(page.locator('#run-runs ~ small.error, .field.invalid small.error').first()).toContainText('required');
  await expect(page.getByRole('button', { name: /^Play/ })).toBeDisabled();
  await expect(page.locator('#play-blocked')).toContainText('runs');
  await page.getByRole('button', { name: 'Go to the field' }).click();
  await expect(page.getByLabel('runs', { exact: true })).toBeFocused();
  await page.keyboard.type('2');
  await expect(page.getByRole('button', { name: /^Play/ })).toBeEnabled();
});

test('exact mode hides the sampled-only fields; sampled mode shows them', async ({ page }) => {
  await page.goto(linkTo(presetConfig('bandit-pg', { steps: 10 })));
  for (const f of ['groupSize', 'clipLow', 'clipHigh', 'epochs', 'batchPrompts', 'baseline']) await expect(page.locator(`#algorithm-${f}`)).toHaveCount(0);
  await expect(page.locator('#algorithm-refKL')).toBeVisible();
  await page.locator('#algorithm-mode').selectOption('sampled');
  await expect(page.locator('#algorithm-groupSize')).toBeVisible();
  await expect(page.locator('#algorithm-clipLow')).toBeVisible();
});
