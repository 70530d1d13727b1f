// Run counts and table sizes past the lab's limits (issue 13): a link asking for them gets a
// message naming the limit and why, the page keeps working on the defaults, and nothing throws.
// The largest run count the limit allows trains.
import { expect, test } from '@playwright/test';
import { collectErrors } from './helpers';

for (const [link, limit] of [
  ['#v=1&runs=1048576&env=bandit', /runs: at most 65536 runs: each run keeps its own policy/],
  ['#v=1&runs=100000&env=tokens', /runs: at most 65536 runs/],
  ['#v=1&runs=30000&env=tokens', /runs: 30000 runs of a 3200-logit policy would hold about 3\.5 GiB; .* at most 17367 runs/],
] as const) {
  test(`${link} is refused with the limit and why, and the page keeps working`, async ({ page }) => {
    const errors = collectErrors(page);
    await page.goto(`/${link}`);
    await expect(page.getByRole('alert').filter({ hasText: 'Ignored from the link' })).toContainText(limit);
    await expect(page.getByTestId('step-counter')).not.toHaveText(/^step 0\//);
    expect(errors).toEqual([]);
  });
}

// On the CPU: SwiftShader runs one workgroup per run at ~0.7 ms each, 45 s a step at this size.
test('the most runs the limit allows (65 536 bandit runs) train on the CPU, with the page holding only the first runs', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/#v=1&seed=1&steps=3&runs=65536&env=bandit&algo=grpo&mode=sampled&lr=0.5&backend=cpu');
  await expect(page.locator('.topbar .status')).toHaveText('done', { timeout: 170_000 });
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 3\/3/);
  expect(errors).toEqual([]);
});
