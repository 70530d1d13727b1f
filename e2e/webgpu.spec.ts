// A WebGPU ensemble in headless Chromium (issue 5): with the SwiftShader adapter the lab runs a
// sampled tabular config on the GPU, says so on its badge, and its CSV agrees with the CLI's
// CPU numbers within the float32 tolerance (1e-5) the kernel tests state.
import { expect, test } from '@playwright/test';
import { cliCsv, collectErrors, csvByStep, download, linkTo, presetConfig, waitForDone } from './helpers';

test('a WebGPU ensemble trains in the browser and agrees with the CPU', async ({ page }) => {
  const errors = collectErrors(page);
  const config = presetConfig('tokens-grpo-collapse', { steps: 40, runs: 16 });
  await page.goto(linkTo(config));
  await waitForDone(page);
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu');
  await expect(page.getByTestId('backend-badge')).toContainText('WebGPU');
  const gpu = csvByStep((await download(page, 'Export', 'Metrics CSV')).body.toString());
  const cpu = csvByStep(cliCsv({ ...config, backend: 'cpu' }));
  expect(gpu.size).toBe(cpu.size);
  for (const [key, row] of cpu) for (const metric of ['entropy', 'reward', 'covariance', 'deltaH', 'passAtK']) expect(Math.abs(gpu.get(key)![metric] - row[metric]), `${metric} at ${key}`).toBeLessThan(1e-5);
  expect(errors).toEqual([]);
});
