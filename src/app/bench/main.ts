// bench.html: the bench of `npm run bench` (src/kernels-wgsl/bench.ts) in the browser, with
// navigator.gpu as the WebGPU device. Options come from the query string (?runs=&steps=&cpuSteps=),
// or ?compare=<permalink> runs one config on both backends (compare.ts); the page shows the
// report's lines and keeps the JSON report for the Playwright tests.
import { benchLines, DEFAULT_BENCH, runBench, type BenchOptions } from '../../kernels-wgsl/bench';
import { compareInBrowser } from './compare';

/** Whole numbers ≥ 1 from the query string, else the defaults; a bad value is named. */
function optionsFrom(search: string): BenchOptions {
  const query = new URLSearchParams(search);
  const o = { ...DEFAULT_BENCH };
  for (const key of ['runs', 'steps', 'cpuSteps'] as const) {
    const raw = query.get(key);
    if (raw === null) continue;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${key} must be a whole number ≥ 1 (got "${raw}")`);
    o[key] = n;
  }
  return o;
}

async function main(): Promise<void> {
  const status = document.getElementById('bench-status')!;
  try {
    const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
    const compare = new URLSearchParams(location.search).get('compare');
    // textContent only: nothing here is parsed as HTML.
    if (compare !== null) {
      const report = await compareInBrowser(compare, gpu);
      document.getElementById('bench-lines')!.textContent = report.line;
      document.getElementById('bench-json')!.textContent = JSON.stringify(report);
    } else {
      const report = await runBench(optionsFrom(location.search), { gpu });
      document.getElementById('bench-lines')!.textContent = benchLines(report).join('\n');
      document.getElementById('bench-json')!.textContent = JSON.stringify(report);
    }
    status.textContent = 'Done.';
    status.dataset.state = 'done';
  } catch (e) {
    status.textContent = `Bench failed: ${(e as Error).message}`;
    status.dataset.state = 'failed';
  }
}

void main();
