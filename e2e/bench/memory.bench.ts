// The page's JS heap against steps while 256 bandit runs of a 100 000-step experiment train
// (issue 13: memory stays flat). Samples the heap after a forced GC (CDP) at step marks for
// BENCH_MS and prints JSON; no assertions on the numbers (they depend on the machine).
import { test } from '@playwright/test';

const MEASURE_MS = Number(process.env.BENCH_MS ?? 240_000);
const LINK = '/#v=1&seed=1&steps=100000&runs=256&env=bandit&arms=4&algo=grpo&mode=sampled&lr=0.1';

test('page heap against steps, 256 bandit runs', async ({ page }) => {
  test.setTimeout(MEASURE_MS + 120_000);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  const heapMiB = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    return +(usedSize / 2 ** 20).toFixed(1);
  };
  await page.goto(LINK);
  const stepAt = async () => Number(((await page.getByTestId('step-counter').textContent()) ?? '').match(/step (\d+)/)?.[1] ?? 0);
  // The fastest speed the control offers (the most steps per tick).
  await page.getByLabel('speed').selectOption('100');
  const samples: { seconds: number; step: number; heapMiB: number }[] = [];
  const t0 = Date.now();
  while (Date.now() - t0 < MEASURE_MS) {
    await page.waitForTimeout(MEASURE_MS / 8);
    samples.push({ seconds: Math.round((Date.now() - t0) / 1000), step: await stepAt(), heapMiB: await heapMiB() });
  }
  const badge = await page.getByTestId('backend-badge').getAttribute('data-backend');
  console.log(`BENCH_MEMORY ${JSON.stringify({ runs: 256, backend: badge, samples })}`);
});
