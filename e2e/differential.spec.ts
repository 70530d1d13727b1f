// The differential fuzzer in Chrome (issue 13): random configs the GPU accepts, drawn in Node from
// the schemas (test/fuzz/configArbitrary.ts, seeded), each run by bench.html?compare= on this
// browser's WebGPU (SwiftShader, Dawn's robustness on, as users get it) and on the CPU, and
// judged by the claim the badge makes.
import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import type { CompareReport } from '../src/app/bench/compare';
import { gpuSupport } from '../src/kernels-wgsl/train/support';
import { encodePermalink } from '../src/sim/permalink';
import { SHORT_BUDGET, configArbitrary } from '../test/fuzz/configArbitrary';
import { collectErrors } from './helpers';

const CONFIGS = 6;
const accepted = fc.sample(configArbitrary(SHORT_BUDGET), { seed: 20261203, numRuns: 400 }).filter((c) => gpuSupport(c).ok).slice(0, CONFIGS);

test(`${CONFIGS} random configs agree on Chrome's WebGPU and the CPU`, async ({ page }) => {
  expect(accepted).toHaveLength(CONFIGS);
  const errors = collectErrors(page);
  for (const config of accepted) {
    const link = `#${encodePermalink(config)}`;
    await page.goto(`bench.html?compare=${encodeURIComponent(link)}`);
    await expect(page.locator('#bench-status')).toHaveAttribute('data-state', 'done');
    const report = JSON.parse((await page.getByTestId('bench-json').textContent())!) as CompareReport;
    expect(report.ignored, link).toEqual([]);
    expect(report.result.accepted, link).toBe(true);
    expect(report.line, `npm run sim -- '${link}'`).toMatch(/^agrees/);
  }
  expect(errors).toEqual([]);
});
