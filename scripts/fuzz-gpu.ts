// `npm run fuzz:gpu -- [--n 500] [--seed S] [--long|--short]`: the differential fuzzer's long
// mode (issue 13), for a release: N random configs on the CPU and WebGPU (Dawn in Node), one
// line per config, then the counts; exit 1 with the shrunk config's permalink on a mismatch.
import { nodeGpu } from '../src/cli/nodeGpu';
import { fuzzDifferential } from '../test/fuzz/differentialFuzz';
import { LONG_BUDGET, SHORT_BUDGET } from '../test/fuzz/configArbitrary';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  if (i < 0) return fallback;
  const n = Number(process.argv[i + 1]);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(`fuzz:gpu: ${name} needs a whole number, got ${process.argv[i + 1] ?? 'nothing'}\n`);
    process.exit(2);
  }
  return n;
}

const runs = option('--n', 500);
const seed = option('--seed', 20261203);
const budget = process.argv.includes('--short') ? SHORT_BUDGET : LONG_BUDGET;
const host = await nodeGpu();
const adapter = await host.gpu?.requestAdapter();
if (!adapter) {
  process.stderr.write(`fuzz:gpu: no WebGPU adapter (${host.reason ?? 'requestAdapter gave none'})\n`);
  process.exit(2);
}
const device = await adapter.requestDevice();
const started = Date.now();
const report = await fuzzDifferential(device, { runs, seed, budget, onConfig: (i, line) => console.log(`${String(i).padStart(4)} ${line}`) });
device.destroy();
console.log(`\n${report.ran} random configs (seed ${seed}), ${report.accepted} accepted by the GPU and compared, in ${((Date.now() - started) / 1000).toFixed(0)} s`);
for (const [reason, n] of Object.entries(report.refused).sort((a, b) => b[1] - a[1])) console.log(`  refused ${String(n).padStart(4)}× ${reason}`);
if (report.failure) {
  console.log(`\nMISMATCH (shrunk): ${report.failure.problem}\n  npm run sim -- '${report.failure.permalink}'`);
  process.exit(1);
}
console.log('no mismatch');
