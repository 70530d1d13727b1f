// The Sweep panel's form, as pure functions: the numeric fields of a config a sweep can vary,
// value lists from text or from a range, the sweep input the sim parses (sweep.ts, the same
// parser as the CLI), and its issues placed beside the field they name.
import type { ConfigIssue, ExperimentConfig } from '../../sim/config';
import { isSweepablePath } from '../../sim/sweep';
import { ALGORITHM_VERL_KEYS } from '../../sim/algorithms/base';
import { interventionSpec } from '../../sim/interventions';

export interface SweepField {
  path: string;
  /** verl's key for the field, where it has one. */
  verlKey?: string;
}

export interface AxisDraft {
  path: string;
  /** Comma-separated values, as typed. */
  values: string;
}

/** Every number of the config a sweep may set (not version, steps or runs), in config order. */
export function sweepFields(config: ExperimentConfig): SweepField[] {
  const out: SweepField[] = [];
  const visit = (value: unknown, path: string, verlKeys: Readonly<Record<string, string>> = {}) => {
    if (typeof value === 'number' && isSweepablePath(config, path)) {
      const verlKey = verlKeys[path.slice(path.lastIndexOf('.') + 1)];
      out.push(verlKey ? { path, verlKey } : { path });
    } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) visit(v, `${path}.${k}`, verlKeys);
    }
  };
  visit(config.seed, 'seed');
  visit(config.env, 'env');
  visit(config.algorithm, 'algorithm', ALGORITHM_VERL_KEYS);
  config.interventions.forEach((iv, i) => visit(iv, `interventions.${i}`, interventionSpec(iv.type)?.verlKeys as Record<string, string> | undefined));
  return out;
}

/** "0.1, 0.2,1e-3" → numbers; what is not a number stays as typed, for the parser to name. */
export function parseValues(text: string): unknown[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => (Number.isFinite(Number(s)) ? Number(s) : s));
}

/** `count` values from `from` to `to`, equally spaced, or geometrically when `log`. */
export function rangeValues(from: number, to: number, count: number, log: boolean): number[] {
  const n = Math.max(1, Math.floor(count));
  if (n === 1) return [from];
  return Array.from({ length: n }, (_, i) => {
    const t = i / (n - 1);
    const v = log ? from * (to / from) ** t : from + (to - from) * t;
    return Number(v.toPrecision(6));
  });
}

/** The config with its sweep, as the CLI reads a sweep file. */
export function sweepInput(config: ExperimentConfig, axes: readonly AxisDraft[]): Record<string, unknown> {
  return { ...config, sweep: { axes: axes.map((a) => ({ path: a.path, values: parseValues(a.values) })) } };
}

export interface PlacedIssues {
  /** Per axis, the message beside its field and beside its values. */
  axes: { path?: string; values?: string }[];
  /** Messages about the whole sweep (cell count, runs) or the base config. */
  general: string[];
}

/** Each issue beside the field it names; the text is the CLI's ("path: message"). */
export function placeIssues(issues: readonly ConfigIssue[], axisCount: number): PlacedIssues {
  const placed: PlacedIssues = { axes: Array.from({ length: axisCount }, () => ({})), general: [] };
  for (const iss of issues) {
    const text = iss.path ? `${iss.path}: ${iss.message}` : iss.message;
    const m = /^sweep\.axes\[(\d+)\]\.(path|values)/.exec(iss.path);
    if (m && Number(m[1]) < axisCount) placed.axes[Number(m[1])][m[2] as 'path' | 'values'] = text;
    else placed.general.push(text);
  }
  return placed;
}
