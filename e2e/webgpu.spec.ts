// A WebGPU ensemble in headless Chromium (issue 5): with the SwiftShader adapter the lab runs a
// sampled tabular config on the GPU, says so on its badge, and its CSV agrees with the CLI's
// CPU numbers within the float32 tolerance (1e-5) the kernel tests state.
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { encodePermalink } from '../src/sim/permalink';
import { collectErrors, linkTo, presetConfig, waitForDone } from './helpers';

test('a WebGPU ensemble trains in the browser and agrees with the CPU', async ({ page }) => {
  const errors = collectErrors(page);
  const config = presetConfig('tokens-grpo-collapse', { steps: 40, runs: 16 });
  await page.goto(linkTo(config));
  await waitForDone(page);
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu');
  await expect(page.getByTestId('backend-badge')).toContainText('WebGPU');
  await page.getByRole('button', { name: 'Export' }).click();
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('region', { name: 'Export' }).getByRole('button', { name: 'Metrics CSV', exact: true }).click()]);
  const parse = (text: string) => {
    const [head, ...rows] = text.trim().split('\n');
    const cols = head.split(',');
    return new Map(rows.map((r) => r.split(',')).map((v) => [`${v[0]}:${v[1]}`, Object.fromEntries(v.map((x, i) => [cols[i], Number(x)]))]));
  };
  const gpu = parse(readFileSync((await file.path())!, 'utf8'));
  const cpu = parse(execFileSync('node', ['scripts/run-ts.mjs', 'src/cli/sim.ts', `#${encodePermalink({ ...config, backend: 'cpu' })}`, '--format', 'csv'], { encoding: 'utf8' }));
  expect(gpu.size).toBe(cpu.size);
  for (const [key, row] of cpu) for (const metric of ['entropy', 'reward', 'covariance', 'deltaH', 'passAtK']) expect(Math.abs(gpu.get(key)![metric] - row[metric]), `${metric} at ${key}`).toBeLessThan(1e-5);
  expect(errors).toEqual([]);
});
