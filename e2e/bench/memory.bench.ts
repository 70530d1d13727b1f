// The JS heaps of the page and of its simulation worker against steps while 256 bandit runs of
// a 100 000-step experiment train (issue 13: memory stays flat). Samples each heap after a
// forced GC (CDP; the worker through a browser-level session attached to its target) for
// BENCH_MS and prints JSON; no assertions on the numbers (they depend on the machine).
import { test, type CDPSession } from '@playwright/test';

/** Sends `method` to a worker target over a non-flat session (Playwright exposes no worker CDP session). */
function workerCall(browserSession: CDPSession, sessionId: string) {
  let id = 0;
  return (method: string) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const callId = ++id;
      const onMessage = (e: { sessionId: string; message: string }) => {
        const m = JSON.parse(e.message) as { id?: number; result?: Record<string, unknown> };
        if (e.sessionId !== sessionId || m.id !== callId) return;
        browserSession.off('Target.receivedMessageFromTarget', onMessage);
        resolve(m.result ?? {});
      };
      browserSession.on('Target.receivedMessageFromTarget', onMessage);
      void browserSession.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: callId, method }) });
    });
}

const MEASURE_MS = Number(process.env.BENCH_MS ?? 240_000);
// BENCH_BACKEND=cpu reaches far more steps in the same time where WebGPU is SwiftShader.
const BACKEND = process.env.BENCH_BACKEND ?? 'auto';
const LINK = `/#v=1&seed=1&steps=100000&runs=256${BACKEND === 'auto' ? '' : `&backend=${BACKEND}`}&env=bandit&arms=4&algo=grpo&mode=sampled&lr=0.1`;

test('page heap against steps, 256 bandit runs', async ({ page }) => {
  test.setTimeout(MEASURE_MS + 120_000);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  const heapMiB = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    return +(usedSize / 2 ** 20).toFixed(1);
  };
  const workerStarted = page.waitForEvent('worker');
  await page.goto(LINK);
  await workerStarted;
  // Every worker of the page (the simulation worker and the CPU pool's shard workers it starts).
  const browserSession = await page.context().browser()!.newBrowserCDPSession();
  const attached = new Map<string, (method: string) => Promise<Record<string, unknown>>>();
  const workerHeapsMiB = async () => {
    const { targetInfos } = (await browserSession.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string }[] };
    for (const t of targetInfos.filter((x) => x.type === 'worker' && !attached.has(x.targetId))) {
      const { sessionId } = (await browserSession.send('Target.attachToTarget', { targetId: t.targetId, flatten: false })) as { sessionId: string };
      const call = workerCall(browserSession, sessionId);
      await call('HeapProfiler.enable');
      attached.set(t.targetId, call);
    }
    const live = new Set(targetInfos.map((x) => x.targetId));
    const heaps: number[] = [];
    for (const [id, call] of attached) {
      if (!live.has(id)) continue;
      await call('HeapProfiler.collectGarbage');
      const { usedSize } = (await call('Runtime.getHeapUsage')) as { usedSize: number };
      heaps.push(+(usedSize / 2 ** 20).toFixed(1));
    }
    return heaps;
  };
  const stepAt = async () => Number(((await page.getByTestId('step-counter').textContent()) ?? '').match(/step (\d+)/)?.[1] ?? 0);
  // The fastest speed the control offers (the most steps per tick).
  await page.getByLabel('speed').selectOption('100');
  const samples: { seconds: number; step: number; heapMiB: number; workerHeapsMiB: number[] }[] = [];
  const t0 = Date.now();
  while (Date.now() - t0 < MEASURE_MS) {
    await page.waitForTimeout(MEASURE_MS / 8);
    samples.push({ seconds: Math.round((Date.now() - t0) / 1000), step: await stepAt(), heapMiB: await heapMiB(), workerHeapsMiB: await workerHeapsMiB() });
  }
  const badge = await page.getByTestId('backend-badge').getAttribute('data-backend');
  console.log(`BENCH_MEMORY ${JSON.stringify({ runs: 256, steps: 100_000, backend: badge, samples })}`);
});
