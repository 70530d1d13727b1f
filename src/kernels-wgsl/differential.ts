// One config on the CPU (float64, the reference) and on WebGPU, judged by the claim the badge
// makes for it (agreement.ts): the differential fuzzer's step (issue 13), in Node (Dawn) and
// in the browser (bench.html?compare=<permalink>).
import type { ExperimentConfig } from '../sim/config';
import { CpuBackend } from '../sim/cpuBackend';
import type { StepRecord } from '../sim/types';
import { agreementClaim, compareRecords, distributionAgrees, type AgreementClaim, type RecordComparison } from './agreement';
import { gpuSupport } from './train/support';
import { WebGpuBackend } from './webgpuBackend';
import type { WebGpuOptions } from './webgpuOptions';

export type DifferentialResult =
  | { accepted: false; reason: string }
  | { accepted: true; claim: AgreementClaim; comparison: RecordComparison; agrees: boolean; distribution?: string };

/** Runs an ensemble needs for the distribution check of a claim that holds only in distribution. */
const DISTRIBUTION_RUNS = 24;

async function recordsOnBoth(config: ExperimentConfig, device: GPUDevice, opts: WebGpuOptions): Promise<[StepRecord[], StepRecord[]]> {
  const gpu = await WebGpuBackend.create(config, device, opts);
  try {
    const records = await gpu.advance(config.steps);
    if (gpu.name !== 'webgpu') throw new Error(`the GPU run fell back to the CPU: ${gpu.notice ?? 'no reason given'}`);
    return [records, await new CpuBackend(config).advance(config.steps)];
  } finally {
    gpu.dispose();
  }
}

export async function runDifferential(config: ExperimentConfig, device: GPUDevice, opts: WebGpuOptions = {}): Promise<DifferentialResult> {
  const support = gpuSupport(config);
  if (!support.ok) return { accepted: false, reason: support.reason };
  const [gpuRecords, cpuRecords] = await recordsOnBoth(config, device, opts);
  return judgeRecords(config, gpuRecords, cpuRecords, (runs) => recordsOnBoth({ ...config, runs }, device, opts));
}

export type Judgement = Extract<DifferentialResult, { accepted: true }>;

/**
 * The claim's verdict on one config's records from both backends (the fuzzer's and the bench
 * matrix's). `wider(runs)` gives both backends' records of the same config with `runs` runs, for
 * a claim that holds in distribution only past some step.
 */
export async function judgeRecords(config: ExperimentConfig, gpuRecords: StepRecord[], cpuRecords: StepRecord[], wider: (runs: number) => Promise<[StepRecord[], StepRecord[]]>): Promise<Judgement> {
  const claim = agreementClaim(config);
  const comparison = compareRecords(gpuRecords, cpuRecords, claim);
  const stepwise = !comparison.disagreement && !comparison.shapeProblem;
  const parted = !stepwise && claim.stepwiseUntilCollapse;
  if (comparison.shapeProblem || (!stepwise && !parted) || (stepwise && !claim.inDistribution.length)) return { accepted: true, claim, comparison, agrees: stepwise };
  // Past the point where rounding decides a sign, and for the metrics that count rounding's
  // signs, the claim is agreement in distribution: judged on an ensemble large enough to have
  // a spread (its first runs are the same runs).
  const runs = Math.max(config.runs, DISTRIBUTION_RUNS);
  const [g, c] = runs === config.runs ? [gpuRecords, cpuRecords] : await wider(runs);
  const d = distributionAgrees(g, c, runs, config.steps, [...(parted ? ['entropy', 'reward'] : []), ...claim.inDistribution]);
  return { accepted: true, claim, comparison, agrees: d.agrees, distribution: d.worst };
}

/** One line for a result: what differed, where. */
export function describeDifferential(r: DifferentialResult): string {
  if (!r.accepted) return `not on the GPU: ${r.reason}`;
  const c = r.comparison;
  if (c.shapeProblem) return `mismatch: ${c.shapeProblem}`;
  if (r.distribution) return `${r.agrees ? 'agrees in distribution' : 'mismatch in distribution'} (${c.disagreement ? `step by step from step ${c.disagreement.step}: ${c.disagreement.metric}; ` : ''}${r.distribution})`;
  if (c.disagreement) {
    const d = c.disagreement;
    return `mismatch at step ${d.step}: ${d.metric} GPU ${d.gpu} vs CPU ${d.cpu} (tolerance ${d.tolerance.toExponential(1)})`;
  }
  return 'agrees';
}
