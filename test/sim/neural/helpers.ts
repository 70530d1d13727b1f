// Shared helpers of the neural-policy tests: parse a config or fail loudly, and run a tfjs
// backend to the end collecting its records.
import { formatIssues, parseConfig, type ExperimentConfig } from '../../../src/sim/config';
import type { StepRecord } from '../../../src/sim/types';
import type { TfjsBackend } from '../../../src/sim/neural/tfjsBackend';

export function config(raw: Record<string, unknown>): ExperimentConfig {
  const r = parseConfig({ version: 1, backend: 'tfjs', ...raw });
  if (!r.ok) throw new Error(`test config is invalid: ${formatIssues(r.issues)}`);
  return r.config;
}

/** All records of a backend run to its end, run-major. */
export async function recordsOf(backend: TfjsBackend, steps: number): Promise<StepRecord[]> {
  const records = await backend.advance(steps);
  return [...records].sort((a, b) => a.run - b.run || a.step - b.step);
}

/** Largest |a − b| of a metric over paired records. */
export function maxGap(a: StepRecord[], b: StepRecord[], key: string): number {
  if (a.length !== b.length) throw new Error(`record counts differ: ${a.length} vs ${b.length}`);
  return Math.max(...a.map((r, i) => Math.abs(r[key] - b[i][key])));
}
