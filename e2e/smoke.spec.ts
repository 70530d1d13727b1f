// The lab page loads on localhost, runs the default preset, and the browser offers WebGPU.
import { expect, test } from '@playwright/test';

test('page loads without console errors and has a WebGPU adapter', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await expect(page.getByTestId('status')).toContainText('final entropy');
  const hasAdapter = await page.evaluate(async () => !!(await navigator.gpu?.requestAdapter()));
  expect(hasAdapter).toBe(true);
  expect(errors).toEqual([]);
});
