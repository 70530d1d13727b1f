// bench.html in headless Chromium (issue 5): the bench workload, shrunk, runs on the CPU on one
// thread and on two Web Workers (identical records) and on WebGPU (SwiftShader adapter), whose
// ensemble means agree with the CPU's within the float32 tolerance (1e-5) the kernel tests state.
import { expect, test } from '@playwright/test';
import type { BenchReport } from '../src/kernels-wgsl/bench';
import { collectErrors } from './helpers';

test('bench.html runs the workload on cpu, a pool of Web Workers and webgpu, and they agree', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('bench.html?runs=8&steps=3&cpuSteps=2&threads=2');
  await expect(page.locator('#bench-status')).toHaveAttribute('data-state', 'done');
  const report = JSON.parse((await page.getByTestId('bench-json').textContent())!) as BenchReport;
  expect(report.backends.map((b) => [b.id, b.label])).toEqual([
    ['cpu', 'CPU (float64)'],
    ['cpu×2', 'CPU (float64, 2 threads)'],
    ['webgpu', expect.stringMatching(/^WebGPU/)],
  ]);
  for (const b of report.backends) expect(b.sampleStepsPerSecond).toBeGreaterThan(0);
  expect(report.backends[2].gpuBytesPerRun).toBeGreaterThan(0);
  expect(report.notes).toContain('numpy: skipped (numpy runs from `npm run bench` only)');
  const [pool, agreement] = report.agreement;
  expect(pool).toMatchObject({ backend: 'cpu×2', comparedSteps: 3, identicalRecords: true });
  expect(agreement.comparedSteps).toBe(3);
  for (const [metric, difference] of Object.entries(agreement.maxEnsembleDifference)) expect(difference, metric).toBeLessThan(1e-5);
  await expect(page.locator('#bench-lines')).toContainText('agreement webgpu vs cpu');
  expect(errors).toEqual([]);
});
