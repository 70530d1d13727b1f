// Random valid experiment configs drawn from the zod schemas themselves (issue 13): every
// environment, algorithm and intervention in the registries, each field from its own kind,
// bounds and options (schemaFields), so a field added to a schema is fuzzed without code here.
// Sizes are capped so SwiftShader runs a config in a second; a few fields whose length follows
// another (a bandit's means) are drawn to fit. Invalid combinations are drawn again.
import fc from 'fast-check';
import { ALGORITHMS } from '../../src/sim/algorithms';
import { parseConfig, type ExperimentConfig } from '../../src/sim/config';
import { ENVIRONMENTS } from '../../src/sim/envs';
import { INTERVENTIONS } from '../../src/sim/interventions';
import { schemaFields, type FieldInfo } from '../../src/sim/schemaFields';
import { GPU_MODEL } from '../../src/kernels-wgsl/train/support';
import type { z } from 'zod';

export interface FuzzBudget {
  maxRuns: number;
  maxSteps: number;
  /** Largest prompts/contexts/arms/vocab/group size drawn. */
  maxSize: number;
  maxInterventions: number;
}

export const SHORT_BUDGET: FuzzBudget = { maxRuns: 4, maxSteps: 10, maxSize: 6, maxInterventions: 2 };
export const LONG_BUDGET: FuzzBudget = { maxRuns: 8, maxSteps: 30, maxSize: 8, maxInterventions: 3 };

/** Upper bounds for sizes and unbounded numbers, so a draw stays small and finite. */
function cap(field: FieldInfo, b: FuzzBudget): [number, number] {
  const sizes: Record<string, number> = { length: 4, horizon: 12, width: 4, height: 4, answers: 4, passK: 8, epochs: 4, batchPrompts: b.maxSize, groupSize: 8 };
  const ranges: Record<string, [number, number]> = { lr: [0, 2], coef: [-0.3, 0.6], zipf: [0, 3], sigma: [0.05, 2], refKL: [0, 0.5], clipHigh: [0, 2], temperature: [0.3, 3], stdEps: [1e-6, 0.1], whitenEps: [1e-6, 0.1] };
  const lo = field.minimum ?? -2;
  if (field.kind === 'integer') return [lo, Math.min(field.maximum ?? lo + 8, lo + (sizes[field.key] ?? b.maxSize))];
  const [rlo, rhi] = ranges[field.key] ?? [lo, lo + Math.max(2, 4 * Math.abs(Number(field.default ?? 1)))];
  return [Math.max(lo, rlo), Math.min(field.maximum ?? Infinity, rhi)];
}

/** Arrays whose length another field sets (the env draws them to fit). */
const LENGTH_OF: Record<string, (params: Record<string, unknown>) => number[]> = {
  'bandit.means': (p) => [p.arms as number],
  'contextual.means': (p) => [p.contexts as number, p.arms as number],
};

function fieldArbitrary(field: FieldInfo, b: FuzzBudget): fc.Arbitrary<unknown> {
  const [lo, hi] = cap(field, b);
  switch (field.kind) {
    case 'integer':
      return fc.integer({ min: lo, max: Math.max(lo, hi) });
    case 'number':
      // Mostly spread evenly over the range; sometimes fast-check's edge values (0, 5e-324, the bounds).
      return fc.oneof(
        { arbitrary: fc.integer({ min: 0, max: 1 << 20 }).map((i) => lo + ((Math.max(lo, hi) - lo) * i) / (1 << 20)), weight: 3 },
        { arbitrary: fc.double({ min: lo, max: Math.max(lo, hi), noNaN: true, noDefaultInfinity: true }), weight: 1 },
      );
    case 'boolean':
      return fc.boolean();
    case 'enum':
    case 'string':
      return field.options ? fc.constantFrom(...field.options) : fc.constant(field.default);
    case 'number[]':
      return fc.array(fc.oneof({ arbitrary: fc.integer({ min: 0, max: 20 }).map((i) => i / 20), weight: 3 }, { arbitrary: fc.double({ min: 0, max: 1, noNaN: true }), weight: 1 }), { minLength: 1, maxLength: 4 });
    default:
      return fc.constant(undefined);
  }
}

/**
 * Fields whose GPU rule refuses some of their values (support.ts GPU_MODEL): they stay at their
 * default three times in four, so that enough configs reach the GPU to be compared; the others
 * once in four. Several such fields in one config would otherwise send almost every draw to the CPU.
 */
function gpuRefusable(id: string): Set<string> {
  const models = [GPU_MODEL.env, GPU_MODEL.algorithm, GPU_MODEL.intervention] as Record<string, Record<string, unknown>>[];
  const model = models.find((m) => Object.hasOwn(m, id))?.[id] ?? {};
  return new Set(Object.keys(model).filter((k) => model[k] !== true));
}

/** One module's params: every schema field drawn (optional ones sometimes left out), valid under its schema. */
function sectionArbitrary(id: string, schema: z.ZodType, b: FuzzBudget, fixed: Record<string, unknown> = {}): fc.Arbitrary<Record<string, unknown>> {
  const fields = schemaFields(schema).filter((f) => !(f.key in fixed));
  const refusable = gpuRefusable(id);
  const record = Object.fromEntries(
    fields.map((f) => [
      f.key,
      refusable.has(f.key) ? fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: fieldArbitrary(f, b), weight: 1 }) : fc.option(fieldArbitrary(f, b), { nil: undefined, freq: 4 }),
    ]),
  );
  return fc
    .tuple(fc.record(record), fc.integer({ min: 0, max: 2 ** 31 - 1 }))
    .map(([params, salt]) => {
      const out: Record<string, unknown> = { type: id, ...fixed };
      for (const [k, v] of Object.entries(params)) if (v !== undefined) out[k] = v;
      for (const [path, dims] of Object.entries(LENGTH_OF)) {
        const [env, key] = path.split('.');
        if (env !== id || !(key in out)) continue;
        const shape = dims({ ...defaults(schema), ...out });
        // Means in [0, 1] fit Bernoulli and Gaussian arms alike; the salt spreads them.
        const draw = (i: number) => ((salt * 2654435761 + i * 40503) % 1000) / 1000;
        out[key] = shape.length === 1 ? Array.from({ length: shape[0] }, (_, i) => draw(i)) : Array.from({ length: shape[0] }, (_, c) => Array.from({ length: shape[1] }, (_, a) => draw(c * shape[1] + a)));
      }
      return out;
    })
    .filter((p) => schema.safeParse(p).success);
}

function defaults(schema: z.ZodType): Record<string, unknown> {
  return Object.fromEntries(schemaFields(schema).map((f) => [f.key, f.default]));
}

const oneOf = <T extends { id: string; schema: z.ZodType }>(specs: readonly T[], b: FuzzBudget, fixed?: (id: string) => Record<string, unknown>, weight: (id: string) => number = () => 1) =>
  fc.oneof(...specs.map((s) => ({ arbitrary: sectionArbitrary(s.id, s.schema, b, fixed?.(s.id)), weight: weight(s.id) })));

/**
 * Interventions the GPU runs are drawn three times as often as those it refuses: a config with
 * one refused intervention never reaches the GPU, so uniform draws compared few configs with
 * each GPU stage.
 */
const onGpuWeight = (id: string) => (Object.hasOwn(GPU_MODEL.intervention, id) ? 3 : 1);

const policyInit = fc.oneof(fc.constant({ type: 'env' }), fc.constant({ type: 'uniform' }), fc.double({ min: 0, max: 2, noNaN: true }).map((scale) => ({ type: 'random', scale })));

/** Valid tabular configs (neural policies train on tfjs, not on the kernels under test). */
export function configArbitrary(b: FuzzBudget): fc.Arbitrary<ExperimentConfig> {
  return fc
    .record({
      seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      steps: fc.integer({ min: 1, max: b.maxSteps }),
      runs: fc.integer({ min: 1, max: b.maxRuns }),
      env: oneOf(ENVIRONMENTS, b),
      init: policyInit,
      algorithm: oneOf(ALGORITHMS, b, () => ({ mode: 'sampled' })),
      exact: fc.boolean(),
      interventions: fc.array(oneOf(INTERVENTIONS, b, undefined, onGpuWeight), { maxLength: b.maxInterventions }),
    })
    .map(({ seed, steps, runs, env, init, algorithm, exact, interventions }) => {
      // Exact mode for the algorithms that have it (pg, npg), with the interventions that allow it.
      const mode = exact && ['pg', 'npg'].includes(algorithm.type as string) ? 'exact' : 'sampled';
      return parseConfig({ version: 1, seed, steps, runs, env, policy: { type: 'tabular', init }, algorithm: { ...algorithm, mode }, interventions });
    })
    .filter((r) => r.ok)
    .map((r) => (r as { ok: true; config: ExperimentConfig }).config);
}
