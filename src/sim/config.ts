// The ExperimentConfig schema (design.md): versioned JSON, every field defaulted, validation
// errors that name the field path, and migration from older versions. Env, algorithm and
// intervention fields come from their registries, so adding a module adds its schema here.
import { z } from 'zod';
import { ALGORITHMS, algorithmSpec, type AlgorithmConfig } from './algorithms';
import { ENVIRONMENTS, envSpec, type EnvConfig } from './envs';
import { INTERVENTIONS, interventionSpec, type InterventionConfig } from './interventions';
import { conflictIssues } from './interventions/compose';
import { GRPO_STD_EPS } from './algorithms/grpo';
import { verlSemanticsIssues } from './policyLoss';
import { NEURAL_POLICIES, neuralPolicyIssues, type NeuralPolicyConfig } from './neural';
import { policyInitSchema, type PolicyInit } from './policy';
import type { AlgorithmSpec, EnvSpec, InterventionSpec } from './types';

export const CONFIG_VERSION = 1;
/** Largest policy table (states × actions) a config may ask for: 32 MiB of float64 per run. */
export const MAX_POLICY_LOGITS = 1 << 22;
/**
 * Most runs in one ensemble. Each run keeps its own policy, state and summary entry (about
 * 2 KB on the CPU even for a 4-arm bandit, measured), and every tick carries a status per run.
 */
export const MAX_RUNS = 1 << 16;
/**
 * Most memory an ensemble's runs may take, as estimated by ensembleBytes: measured on the CPU
 * backend (Node 20), a run costs about 2 KB plus 26 bytes per logit of its policy table
 * (logits, log π, visitation, gradients, all float64); the GPU's float32 buffers take a little
 * more per logit (38 bytes with the token task's scratch). 2 GiB keeps a browser tab alive.
 */
export const MAX_ENSEMBLE_BYTES = 2 * (1 << 30);
const RUN_BYTES = 2048;
const LOGIT_BYTES = 38;

/** Estimated memory of `runs` runs of a `logits`-entry policy table (the larger of the backends'). */
export function ensembleBytes(runs: number, logits: number): number {
  return runs * (RUN_BYTES + LOGIT_BYTES * logits);
}

export const BACKENDS = ['auto', 'cpu', 'webgpu', 'tfjs'] as const;
export type BackendChoice = (typeof BACKENDS)[number];

const tabularPolicy = {
  id: 'tabular',
  schema: z.strictObject({ type: z.literal('tabular'), init: policyInitSchema.default({ type: 'env' }) }),
};
/** Policy kinds by `policy.type`: the tabular table, then the tfjs networks (src/sim/neural). */
const POLICY_KINDS = [tabularPolicy, ...NEURAL_POLICIES];
export type PolicyConfig = { type: 'tabular'; init: PolicyInit } | NeuralPolicyConfig;

const topSchema = z.strictObject({
  version: z.literal(CONFIG_VERSION),
  seed: z.number().int().min(0).max(0xffffffff).default(1),
  steps: z.number().int().min(1).max(1_000_000).default(200),
  runs: z
    .number()
    .int()
    .min(1)
    .max(MAX_RUNS, { message: `at most ${MAX_RUNS} runs: each run keeps its own policy, state and summary in memory (about 2 KB even for a bandit)` })
    .default(1),
  backend: z.enum(BACKENDS).default('auto'),
});

export interface ExperimentConfig {
  version: typeof CONFIG_VERSION;
  seed: number;
  steps: number;
  runs: number;
  env: EnvConfig;
  policy: PolicyConfig;
  algorithm: AlgorithmConfig;
  interventions: InterventionConfig[];
  backend: BackendChoice;
}

export interface ConfigIssue {
  /** Field path, e.g. "env.means[2]" ("" for the whole config). */
  path: string;
  message: string;
}

export type ParseResult = { ok: true; config: ExperimentConfig } | { ok: false; issues: ConfigIssue[] };

/** The design card's example config; every other default comes from the schemas. */
export const DEFAULT_ENV = { type: 'bandit', arms: 4, reward: 'bernoulli', means: [0.2, 0.4, 0.6, 0.8] } as const;
export const DEFAULT_ALGORITHM = { type: 'pg', mode: 'exact', lr: 0.5 } as const;

/** v → v+1 upgrades of raw JSON. Version 1 is the first, so none exist yet. */
const MIGRATIONS: Record<number, (raw: Record<string, unknown>) => Record<string, unknown>> = {};

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

/** One zod issue as "path: what was expected, got what". */
function issueFromZod(iss: z.core.$ZodIssue, prefix: (string | number)[]): ConfigIssue[] {
  const path = [...prefix, ...(iss.path as (string | number)[])];
  if (iss.code === 'unrecognized_keys') {
    return iss.keys.map((k) => ({ path: formatPath([...path, k]), message: 'unknown field' }));
  }
  const got = 'input' in iss ? `, got ${describe(iss.input)}` : '';
  let message = iss.message;
  // A limit that carries its reason (the run count's) keeps it.
  if (iss.code === 'too_big' && iss.message.startsWith('at most')) return [{ path: formatPath(path), message: `${iss.message}, got ${describe('input' in iss ? iss.input : undefined)}` }];
  if (iss.code === 'too_small') message = `must be ${iss.inclusive === false ? '>' : '≥'} ${String(iss.minimum)}${iss.origin === 'array' ? ' items' : ''}`;
  else if (iss.code === 'too_big') message = `must be ${iss.inclusive === false ? '<' : '≤'} ${String(iss.maximum)}${iss.origin === 'array' ? ' items' : ''}`;
  else if (iss.code === 'invalid_type') message = `expected ${iss.expected}`;
  else if (iss.code === 'invalid_value') message = `expected one of ${iss.values.map((v) => JSON.stringify(v)).join(', ')}`;
  else if (iss.code === 'custom') return [{ path: formatPath(path), message: iss.message }];
  return [{ path: formatPath(path), message: message + got }];
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, prefix: (string | number)[], issues: ConfigIssue[]): T | undefined {
  const r = schema.safeParse(value, { reportInput: true });
  if (r.success) return r.data;
  for (const iss of r.error.issues) issues.push(...issueFromZod(iss, prefix));
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parse a `{type, …}` module config against its registry; a missing type takes the default. */
function parseTyped<S extends { id: string; schema: z.ZodType<unknown> }>(
  registry: readonly S[],
  kind: string,
  value: unknown,
  fallbackType: string | undefined,
  prefix: (string | number)[],
  issues: ConfigIssue[],
): unknown {
  if (!isObject(value)) {
    issues.push({ path: formatPath(prefix), message: `expected an object with a "type" field, got ${describe(value)}` });
    return undefined;
  }
  const type = value.type ?? fallbackType;
  const spec = registry.find((s) => s.id === type);
  if (!spec) {
    const known = registry.map((s) => s.id).join(', ');
    issues.push({ path: formatPath([...prefix, 'type']), message: `unknown ${kind} ${describe(type)}; expected one of ${known}` });
    return undefined;
  }
  return parseWith(spec.schema, { ...value, type }, prefix, issues);
}

/** Bring raw JSON of any known version up to CONFIG_VERSION. */
export function migrateConfig(raw: Record<string, unknown>): { raw: Record<string, unknown> } | { issue: ConfigIssue } {
  const version = raw.version ?? CONFIG_VERSION;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1 || version > CONFIG_VERSION) {
    return { issue: { path: 'version', message: `unsupported config version ${describe(version)} (this build reads versions 1 to ${CONFIG_VERSION})` } };
  }
  let out = { ...raw, version };
  for (let v = version; v < CONFIG_VERSION; v++) out = { ...MIGRATIONS[v](out), version: v + 1 };
  return { raw: out };
}

/** Validate and default a config. Never throws. */
export function parseConfig(input: unknown): ParseResult {
  if (!isObject(input)) return { ok: false, issues: [{ path: '', message: `expected a JSON object, got ${describe(input)}` }] };
  const migrated = migrateConfig(input);
  if ('issue' in migrated) return { ok: false, issues: [migrated.issue] };
  const { env, policy, algorithm, interventions, ...top } = migrated.raw;
  const issues: ConfigIssue[] = [];
  const topParsed = parseWith(topSchema, top, [], issues);
  const envParsed = parseTyped(ENVIRONMENTS as readonly EnvSpec[], 'environment', env ?? DEFAULT_ENV, 'bandit', ['env'], issues);
  const algoParsed = parseTyped(ALGORITHMS as readonly AlgorithmSpec[], 'algorithm', algorithm ?? DEFAULT_ALGORITHM, 'pg', ['algorithm'], issues);
  const policyParsed = parseTyped(POLICY_KINDS, 'policy', policy ?? { type: 'tabular' }, 'tabular', ['policy'], issues);
  const list = interventions ?? [];
  if (!Array.isArray(list)) issues.push({ path: 'interventions', message: `expected a list, got ${describe(list)}` });
  const ivParsed = Array.isArray(list)
    ? list.map((iv, i) => parseTyped(INTERVENTIONS as readonly InterventionSpec[], 'intervention', iv, undefined, ['interventions', i], issues))
    : [];
  if (issues.length > 0) return { ok: false, issues };
  const config = {
    ...topParsed!,
    env: envParsed as EnvConfig,
    policy: policyParsed as PolicyConfig,
    algorithm: algoParsed as AlgorithmConfig,
    interventions: ivParsed as InterventionConfig[],
  };
  issues.push(...crossCheck(config));
  return issues.length > 0 ? { ok: false, issues } : { ok: true, config };
}

/** Checks that span sections: modes, shapes, batch sizes. */
function crossCheck(c: ExperimentConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const algo = algorithmSpec(c.algorithm.type)!;
  const mode = c.algorithm.mode;
  if (!algo.modes.includes(mode)) {
    issues.push({ path: 'algorithm.mode', message: `${algo.id} runs in ${algo.modes.join(' or ')} mode only; exact mode is for pg and npg` });
  }
  const ivSpecs = c.interventions.map((iv) => interventionSpec(iv.type)!);
  ivSpecs.forEach((spec, i) => {
    if (!spec.modes.includes(mode)) {
      issues.push({ path: `interventions[${i}].type`, message: `${spec.id} acts on sampled tokens; it needs algorithm.mode "sampled"` });
    }
  });
  issues.push(...conflictIssues(ivSpecs));
  if (c.algorithm.dynamicSampling && mode !== 'sampled') {
    issues.push({ path: 'algorithm.dynamicSampling', message: 'dynamic sampling filters sampled groups; it needs algorithm.mode "sampled"' });
  }
  issues.push(...verlSemanticsIssues(c.algorithm, c.interventions, GRPO_STD_EPS));
  const { shape, groups } = envSpec(c.env.type)!.dims(c.env);
  const { rows, actions } = shape;
  if (rows * actions > MAX_POLICY_LOGITS) {
    issues.push({ path: 'env', message: `the policy table would hold ${rows * actions} logits (${rows} states × ${actions} actions); the lab allows at most ${MAX_POLICY_LOGITS}` });
    return issues;
  }
  const bytes = ensembleBytes(c.runs, rows * actions);
  if (bytes > MAX_ENSEMBLE_BYTES) {
    const gib = (b: number) => `${(b / (1 << 30)).toFixed(b < 1 << 30 ? 2 : 1)} GiB`;
    const fits = Math.max(1, Math.floor(MAX_ENSEMBLE_BYTES / ensembleBytes(1, rows * actions)));
    issues.push({
      path: 'runs',
      message: `${c.runs} runs of a ${rows * actions}-logit policy would hold about ${gib(bytes)}; the lab keeps every run's table in memory and allows ${gib(MAX_ENSEMBLE_BYTES)}: at most ${fits} runs of this table`,
    });
  }
  const init = c.policy.init;
  if (init.type === 'logits' || init.type === 'probs') {
    const values = init.type === 'logits' ? init.logits : init.probs;
    if (values.length !== actions && values.length !== rows * actions) {
      issues.push({
        path: `policy.init.${init.type}`,
        message: `expected ${actions} values (one per action)${rows > 1 ? ` or ${rows * actions} (every row)` : ''}, got ${values.length}`,
      });
    }
  }
  if (c.algorithm.batchPrompts > groups) {
    issues.push({ path: 'algorithm.batchPrompts', message: `must be ≤ ${groups} (the environment's prompts/contexts), got ${c.algorithm.batchPrompts}` });
  }
  issues.push(...neuralPolicyIssues(c, algo));
  return issues;
}

/** The default experiment (the design card's example). */
export function defaultConfig(): ExperimentConfig {
  const r = parseConfig({ version: CONFIG_VERSION });
  if (!r.ok) throw new Error(`default config is invalid: ${r.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  return r.config;
}

export function formatIssues(issues: ConfigIssue[]): string {
  return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
}
