// Settings in the browser: Clip-Cov on the collapse preset keeps entropy visibly higher than
// off (issue 6, read from the chart's data table), and an invalid value is kept as typed, named,
// and does not replace the running experiment.
import { expect, test } from '@playwright/test';
import { linkTo, presetConfig, tableValue, waitForDone } from './helpers';

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

test('a neural policy is offered with its explanation, trains on tfjs, and charts the tabular prediction beside the measured ΔH', async ({ page }) => {
  await page.goto('/#v=1&steps=20&runs=2&env=contextual&algo=reinforce&lr=0.1&policy=mlp');
  await waitForDone(page);
  await expect(page.getByLabel('policy', { exact: true })).toHaveValue('mlp');
  await expect(page.locator('.settings')).toContainText('covariance law');
  await expect(page.getByTestId('backend-badge')).toContainText('tfjs');
  await expect(page.locator('[data-chart-id="covariance"] svg').first()).toContainText('tabular prediction');
});
