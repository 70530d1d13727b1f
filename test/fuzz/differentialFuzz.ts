// The differential fuzzer (issue 13): random valid configs (configArbitrary.ts), each run on the
// CPU and, where gpuSupport accepts it, on WebGPU, judged by the claim the badge makes for it.
// A disagreement fails the property; fast-check shrinks the config and the report carries the
// shrunk config as a permalink. Shared by test/kernels/differential.test.ts (short, in npm
// test) and scripts/fuzz-gpu.ts (`npm run fuzz:gpu -- --n 500`).
import fc from 'fast-check';
import { describeDifferential, runDifferential } from '../../src/kernels-wgsl/differential';
import { type ExperimentConfig } from '../../src/sim/config';
import { encodePermalink } from '../../src/sim/permalink';
import { configArbitrary, type FuzzBudget } from './configArbitrary';

export interface FuzzReport {
  seed: number;
  ran: number;
  accepted: number;
  /** Refusal reasons with their counts (what the GPU does not run yet). */
  refused: Record<string, number>;
  /** The shrunk failing config and what differed, when the property failed. */
  failure?: { permalink: string; config: ExperimentConfig; problem: string };
}

/** Refusals grouped by their reason's first words ("the siren intervention …"). */
function reasonKey(reason: string): string {
  return reason.replace(/(?<![a-zA-Z\d.])\d+(\.\d+)?(e-?\d+)?/g, 'N');
}

export async function fuzzDifferential(device: GPUDevice, opts: { runs: number; seed: number; budget: FuzzBudget; onConfig?: (i: number, line: string) => void }): Promise<FuzzReport> {
  const report: FuzzReport = { seed: opts.seed, ran: 0, accepted: 0, refused: {} };
  let shrinking = false;
  const property = fc.asyncProperty(configArbitrary(opts.budget), async (config) => {
    const result = await runDifferential(config, device);
    if (!shrinking) {
      report.ran++;
      if (result.accepted) report.accepted++;
      else report.refused[reasonKey(result.reason)] = (report.refused[reasonKey(result.reason)] ?? 0) + 1;
      opts.onConfig?.(report.ran, `${describeDifferential(result)} · #${encodePermalink(config)}`);
    }
    if (result.accepted && !result.agrees) {
      shrinking = true;
      throw new Error(describeDifferential(result));
    }
  });
  const outcome = await fc.check(property, { numRuns: opts.runs, seed: opts.seed, endOnFailure: false });
  if (outcome.failed && outcome.counterexample) {
    const [config] = outcome.counterexample;
    const problem = outcome.errorInstance instanceof Error ? outcome.errorInstance.message : String(outcome.errorInstance);
    report.failure = { permalink: `#${encodePermalink(config)}`, config, problem };
  } else if (outcome.failed) {
    throw new Error(`the fuzzer failed without a counterexample: ${String(outcome.errorInstance)}`);
  }
  return report;
}
