// Without WebGPU the lab still runs on the CPU and its badge says so and why; a guided tour
// can be walked from start to finish with the keyboard alone.
import { chromium, expect, test, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config';

test('falls back to the CPU when Chromium has no WebGPU, and the badge says why', async ({ baseURL }) => {
  const browser = await chromium.launch({
    executablePath: test.info().project.use.launchOptions?.executablePath,
    args: [...CHROMIUM_ARGS.filter((a) => a !== '--enable-unsafe-webgpu'), '--disable-webgpu'],
  });
  const page = await browser.newPage();
  await page.goto(baseURL!);
  expect(await page.evaluate(async () => !!(await navigator.gpu?.requestAdapter()))).toBe(false);
  const badge = page.getByTestId('backend-badge');
  await expect(badge).toContainText('CPU');
  expect((await badge.locator('.reason').textContent())?.length).toBeGreaterThan(3);
  await expect(page.getByTestId('step-counter')).not.toHaveText(/^step 0\//);
  await browser.close();
});

async function tabTo(page: Page, matches: (el: { id: string; text: string }) => boolean, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => ({ id: document.activeElement?.id ?? '', text: document.activeElement?.textContent ?? '' }));
    if (matches(el)) return;
  }
  throw new Error('focus never reached the element');
}

test('a guided tour can be walked with the keyboard alone', async ({ page }) => {
  await page.goto('/');
  await tabTo(page, (el) => el.id === 'tour-select');
  // Finding 6 (two quick exact-bandit steps) is sixth in the list.
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
  await expect(page.locator('#tour-select')).toHaveValue('natural-gradient');
  await tabTo(page, (el) => el.text === 'Start tour', 3);
  await page.keyboard.press('Enter');
  for (const last of [false, true]) {
    await expect(page.locator('#tour-heading')).toBeFocused();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await expect(page.getByRole('radio').first()).toBeChecked();
    await tabTo(page, (el) => el.text === 'Run it', 3);
    await page.keyboard.press('Enter');
    const label = last ? 'Finish tour' : 'Next step';
    await expect(page.getByRole('button', { name: label })).toBeVisible({ timeout: 60_000 });
    await tabTo(page, (el) => el.text === label, 3);
    await page.keyboard.press('Enter');
  }
  // Finishing gives the focus back to where the tour was started.
  await expect(page.getByRole('button', { name: 'Start tour' })).toBeFocused();
});
