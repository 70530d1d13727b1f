// Runs of presets (and variants of them) for the claim tests, each run once per test file, with
// the paired statistics the claims use. A claim is tested on the preset's own output: its config
// as shipped, steps, runs and seed included.
import { parseConfig, type ExperimentConfig } from '../../src/sim/config';
import { CpuBackend } from '../../src/sim/cpuBackend';
import { presetById } from '../../src/sim/presets';
import type { StepRecord } from '../../src/sim/types';

export interface Output {
  config: ExperimentConfig;
  /** runs[run][step] */
  runs: StepRecord[][];
  /** Final logits of each run. */
  logits: Float64Array[];
}

type Raw = Record<string, unknown>;
const cache = new Map<string, Promise<Output>>();

/** The run of a raw config, once per file. */
export function outputOf(raw: Raw): Promise<Output> {
  const key = JSON.stringify(raw);
  if (!cache.has(key)) {
    const parsed = parseConfig(raw);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const config = parsed.config;
    const backend = new CpuBackend(config);
    const records = backend.advanceSync(config.steps);
    const runs = Array.from({ length: config.runs }, (_, r) => records.filter((x) => x.run === r));
    cache.set(key, Promise.resolve({ config, runs, logits: runs.map((_, r) => backend.logits(r).slice()) }));
  }
  return cache.get(key)!;
}

function presetRaw(id: string): Raw {
  const preset = presetById(id);
  if (!preset) throw new Error(`no preset ${id}`);
  return preset.config;
}

export const presetOutput = (id: string) => outputOf(presetRaw(id));

/** A preset with top-level fields replaced and its algorithm fields merged (same seeds). */
export function variantOutput(id: string, overrides: Raw & { algorithm?: Raw }): Promise<Output> {
  const raw = presetRaw(id);
  return outputOf({ ...raw, ...overrides, algorithm: { ...(raw.algorithm as Raw), ...overrides.algorithm } });
}

/** Per-run values of a metric at a step (1-based). */
export const at = (out: Output, step: number, key: string) => out.runs.map((r) => r[step - 1][key]);

export const meanOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export const finalMean = (out: Output, key: string) => meanOf(at(out, out.config.steps, key));

/** Mean and standard error of a − b over seeds. */
export function pairedDifference(a: number[], b: number[]): { mean: number; se: number } {
  const d = a.map((x, i) => x - b[i]);
  const mean = meanOf(d);
  const variance = d.reduce((s, x) => s + (x - mean) ** 2, 0) / (d.length - 1);
  return { mean, se: Math.sqrt(variance / d.length) };
}
