// bench.html in headless Chromium (issue 5): the bench workload, shrunk, runs on the CPU and on
// WebGPU (SwiftShader adapter), and the two backends' ensemble means agree within the float32
// tolerance (1e-5) the kernel tests state.
import { expect, test } from '@playwright/test';
import type { BenchReport } from '../src/kernels-wgsl/bench';
import { collectErrors } from './helpers';

test('bench.html runs the workload on cpu and webgpu and they agree', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('bench.html?runs=8&steps=3&cpuSteps=2');
  await expect(page.locator('#bench-status')).toHaveAttribute('data-state', 'done');
  const report = JSON.parse((await page.getByTestId('bench-json').textContent())!) as BenchReport;
  expect(report.backends.map((b) => b.backend)).toEqual(['cpu', 'webgpu']);
  for (const b of report.backends) expect(b.sampleStepsPerSecond).toBeGreaterThan(0);
  expect(report.backends[1].gpuBytesPerRun).toBeGreaterThan(0);
  const [agreement] = report.agreement;
  expect(agreement.comparedSteps).toBe(3);
  for (const [metric, difference] of Object.entries(agreement.maxEnsembleDifference)) expect(difference, metric).toBeLessThan(1e-5);
  await expect(page.locator('#bench-lines')).toContainText('agreement webgpu vs cpu');
  expect(errors).toEqual([]);
});
