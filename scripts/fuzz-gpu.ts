// `npm run fuzz:gpu -- [--n 500] [--seed S] [--long|--short]`: the differential fuzzer's long
// mode (issue 13), for a release: N random configs on the CPU and WebGPU (Dawn in Node), one
// line per config, then the counts; exit 1 with the shrunk config's permalink on a mismatch.
// `npm run fuzz:gpu -- --link '<permalink>'` judges that one config (a mismatch to reproduce).
import { nodeGpu } from '../src/cli/nodeGpu';
import { describeDifferential, runDifferential } from '../src/kernels-wgsl/differential';
import { decodePermalink } from '../src/sim/permalink';
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
const linkAt = process.argv.indexOf('--link');
if (linkAt >= 0) {
  const { config, ignored } = decodePermalink(process.argv[linkAt + 1] ?? '');
  if (ignored.length) {
    process.stderr.write(`fuzz:gpu: the link is not the config it names: ${ignored.join('; ')}\n`);
    process.exit(2);
  }
  const result = await runDifferential(config, device);
  device.destroy();
  const line = describeDifferential(result);
  console.log(line);
  process.exit(result.accepted && !result.agrees ? 1 : 0);
}
const started = Date.now();
const report = await fuzzDifferential(device, { runs, seed, budget, onConfig: (i, line) => console.log(`${String(i).padStart(4)} ${line}`) });
device.destroy();
console.log(`\n${report.ran} random configs (seed ${seed}), ${report.accepted} accepted by the GPU and compared, in ${((Date.now() - started) / 1000).toFixed(0)} s`);
for (const [reason, n] of Object.entries(report.refused).sort((a, b) => b[1] - a[1])) console.log(`  refused ${String(n).padStart(4)}× ${reason}`);
if (report.failure) {
  console.log(`\nMISMATCH (shrunk): ${report.failure.problem}\n  npm run fuzz:gpu -- --link '${report.failure.permalink}'   (both backends)\n  npm run sim -- '${report.failure.permalink}'   (the CPU's records)`);
  process.exit(1);
}
console.log('no mismatch');
