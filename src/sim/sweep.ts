// Parameter sweeps (design.md, issue 14): an ExperimentConfig plus
// `"sweep": {"axes": [{"path": "interventions.0.coef", "values": [0.01, 0.02]}, …]}` with one or
// two axes over any numeric field of the parsed config. Every cell is the base config with the
// axes' values set, validated as any config is, and keeps the base's seed and runs, so cells
// differ only in those numbers and compare on common random numbers. Never throws.
import { formatIssues, MAX_RUNS, parseConfig, type ConfigIssue, type ExperimentConfig, type ParseResult } from './config';

export const MAX_SWEEP_AXES = 2;
export const MAX_SWEEP_CELLS = 10_000;

export interface SweepAxis {
  /** Dotted path into the config, e.g. "interventions.0.coef" or "algorithm.lr". */
  path: string;
  values: number[];
}

export interface SweepCell {
  index: number;
  /** The axes' values of this cell, by path. */
  values: Record<string, number>;
  config: ExperimentConfig;
}

export interface Sweep {
  base: ExperimentConfig;
  axes: SweepAxis[];
  /** Row-major over the axes: the last axis varies fastest. */
  cells: SweepCell[];
}

export type SweepParse = { ok: true; sweep: Sweep } | { ok: false; issues: ConfigIssue[] };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** "interventions[0].coef" and "interventions.0.coef" alike, as keys. */
export function pathKeys(path: string): string[] {
  return path.replace(/\[(\d+)\]/g, '.$1').split('.').filter((k) => k !== '');
}

/** The value at a dotted path of a parsed config, or undefined. */
export function valueAtPath(config: unknown, path: string): unknown {
  let node = config;
  for (const key of pathKeys(path)) {
    if (Array.isArray(node) && /^\d+$/.test(key)) node = node[Number(key)];
    else if (isObject(node) && Object.hasOwn(node, key)) node = node[key];
    else return undefined;
  }
  return node;
}

/** A copy of a config with the number at `path` replaced (the path must exist). */
function withValue(config: unknown, path: string, value: number): unknown {
  const [key, ...rest] = pathKeys(path);
  if (rest.length === 0) return Array.isArray(config) ? config.map((x, i) => (i === Number(key) ? value : x)) : { ...(config as object), [key]: value };
  const child = (config as Record<string, unknown>)[key];
  const replaced = withValue(child, rest.join('.'), value);
  return Array.isArray(config) ? config.map((x, i) => (i === Number(key) ? replaced : x)) : { ...(config as object), [key]: replaced };
}

/** The config with the numbers at the given paths replaced, validated (a sweep cell's config). */
export function configWith(base: ExperimentConfig, values: Readonly<Record<string, number>>): ParseResult {
  return parseConfig(Object.entries(values).reduce<unknown>((c, [path, v]) => withValue(c, path, v), base));
}

/** Fields every cell shares: the version, and the steps and runs that make the cells one batch. */
const FIXED_PATHS = ['version', 'steps', 'runs'];

/** Whether a path names a number the sweep may set. */
export function isSweepablePath(config: ExperimentConfig, path: string): boolean {
  return !FIXED_PATHS.includes(pathKeys(path).join('.')) && typeof valueAtPath(config, path) === 'number';
}

function parseAxes(raw: unknown, base: ExperimentConfig, issues: ConfigIssue[]): SweepAxis[] {
  if (!isObject(raw)) {
    issues.push({ path: 'sweep', message: 'expected an object {"axes": [{"path", "values"}, …]}' });
    return [];
  }
  for (const key of Object.keys(raw)) if (key !== 'axes') issues.push({ path: `sweep.${key}`, message: 'unknown field' });
  const axes = raw.axes;
  if (!Array.isArray(axes) || axes.length < 1 || axes.length > MAX_SWEEP_AXES) {
    issues.push({ path: 'sweep.axes', message: `expected a list of 1 or ${MAX_SWEEP_AXES} axes` });
    return [];
  }
  return axes.flatMap((axis, a): SweepAxis[] => {
    const at = `sweep.axes[${a}]`;
    if (!isObject(axis)) {
      issues.push({ path: at, message: 'expected an object {"path", "values"}' });
      return [];
    }
    for (const key of Object.keys(axis)) if (key !== 'path' && key !== 'values') issues.push({ path: `${at}.${key}`, message: 'unknown field' });
    const { path, values } = axis;
    if (typeof path !== 'string' || !isSweepablePath(base, path)) {
      const fixed = typeof path === 'string' && FIXED_PATHS.includes(pathKeys(path).join('.'));
      issues.push({ path: `${at}.path`, message: fixed ? `${path} is the same for every cell; set it at the top level` : `${JSON.stringify(path)} is not a numeric field of this config (e.g. "algorithm.lr", "env.hardness", "interventions.0.coef" when interventions[0] has a coef)` });
      return [];
    }
    if (axes.slice(0, a).some((other) => isObject(other) && typeof other.path === 'string' && pathKeys(other.path).join('.') === pathKeys(path).join('.'))) {
      issues.push({ path: `${at}.path`, message: `${path} is already an axis` });
      return [];
    }
    if (!Array.isArray(values) || values.length === 0) {
      issues.push({ path: `${at}.values`, message: 'expected a non-empty list of numbers' });
      return [];
    }
    const bad = values.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
    if (bad >= 0) {
      issues.push({ path: `${at}.values[${bad}]`, message: `expected a number, got ${JSON.stringify(values[bad]) ?? String(values[bad])}` });
      return [];
    }
    return [{ path, values: values as number[] }];
  });
}

/** The cells' value tuples, row-major (the last axis fastest). */
function valueTuples(axes: SweepAxis[]): number[][] {
  return axes.reduce<number[][]>((tuples, axis) => tuples.flatMap((t) => axis.values.map((v) => [...t, v])), [[]]);
}

/** An invalid cell, reported at the value that made it so (the axis its first issue names, if any). */
function cellIssue(axes: SweepAxis[], tuple: number[], issues: ConfigIssue[]): ConfigIssue {
  const named = (path: string) => pathKeys(path).join('.');
  const a = axes.length === 1 ? 0 : axes.findIndex((axis) => named(issues[0].path).startsWith(named(axis.path)));
  const detail = formatIssues(issues);
  if (a < 0) return { path: 'sweep.axes', message: `the cell ${axes.map((axis, i) => `${axis.path} = ${tuple[i]}`).join(', ')} gives an invalid config: ${detail}` };
  return { path: `sweep.axes[${a}].values[${axes[a].values.indexOf(tuple[a])}]`, message: `${tuple[a]} gives an invalid config: ${detail}` };
}

/** Validate `{…config, "sweep": {…}}` and build its cells. */
export function parseSweep(input: unknown): SweepParse {
  if (!isObject(input) || !('sweep' in input)) return { ok: false, issues: [{ path: 'sweep', message: 'expected a config with a "sweep" field' }] };
  const { sweep, ...rest } = input;
  const parsed = parseConfig(rest);
  if (!parsed.ok) return parsed;
  const base = parsed.config;
  const issues: ConfigIssue[] = [];
  const axes = parseAxes(sweep, base, issues);
  if (issues.length > 0) return { ok: false, issues };
  const count = axes.reduce((n, a) => n * a.values.length, 1);
  if (count > MAX_SWEEP_CELLS) return { ok: false, issues: [{ path: 'sweep.axes', message: `${count} cells; a sweep may have at most ${MAX_SWEEP_CELLS}` }] };
  if (count * base.runs > MAX_RUNS) {
    return { ok: false, issues: [{ path: 'runs', message: `${count} cells × ${base.runs} runs = ${count * base.runs} runs; the lab runs at most ${MAX_RUNS} at once` }] };
  }
  const cells: SweepCell[] = [];
  for (const [index, tuple] of valueTuples(axes).entries()) {
    const values = Object.fromEntries(axes.map((axis, a) => [axis.path, tuple[a]]));
    const cell = configWith(base, values);
    if (!cell.ok) return { ok: false, issues: [cellIssue(axes, tuple, cell.issues)] };
    cells.push({ index, values, config: cell.config });
  }
  return { ok: true, sweep: { base, axes, cells } };
}
