// What B changes relative to A, in words for legends and captions: "+ Clip-Cov r = 0.02",
// "lr 0.5 → 0.25", "− Entropy bonus". Pure (tested without a DOM); field names come from the
// module schemas, and a parameter's symbol from its description ("r: fraction of …").
import type { ExperimentConfig } from '../../sim/config';
import { interventionSpec } from '../../sim/interventions';
import { schemaFields, type FieldInfo } from '../../sim/schemaFields';
import { algorithmSpec } from '../../sim/algorithms';
import { envSpec } from '../../sim/envs';

type Raw = Record<string, unknown>;

const format = (v: unknown): string => (Array.isArray(v) ? `[${v.map(format).join(', ')}]` : typeof v === 'number' ? String(Number(v.toPrecision(6))) : String(v));
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** A field's short symbol: its description's prefix before ':' when short ("r"), else its key. */
export function fieldSymbol(field: FieldInfo): string {
  const m = /^([^:]{1,10}):\s/.exec(field.description ?? '');
  return m ? m[1] : field.key;
}

/** "key a → b" for every field of `fields` whose values differ. */
function changedFields(fields: readonly FieldInfo[], a: Raw, b: Raw, prefix = ''): string[] {
  return fields.filter((f) => !same(a[f.key], b[f.key])).map((f) => `${prefix}${fieldSymbol(f)} ${format(a[f.key])} → ${format(b[f.key])}`);
}

/** An intervention in words: its label, its first parameter and any other away from its default. */
export function describeIntervention(iv: Raw): string {
  const spec = interventionSpec(String(iv.type));
  if (!spec) return String(iv.type);
  const fields = schemaFields(spec.schema);
  const shown = fields.filter((f, i) => i === 0 || !same(iv[f.key], f.default));
  return [spec.label, ...shown.map((f) => `${fieldSymbol(f)} = ${format(iv[f.key])}`)].join(' ');
}

/** Section changes: the type, or the fields of the same type. */
function sectionChanges(kind: string, a: Raw, b: Raw, fields: (type: string) => FieldInfo[]): string[] {
  if (a.type !== b.type) return [`${kind} ${format(a.type)} → ${format(b.type)}`];
  return changedFields(fields(String(a.type)), a, b);
}

/** The differences from A to B, one phrase each; empty when they are the same experiment. */
export function describeDifference(a: ExperimentConfig, b: ExperimentConfig): string[] {
  const out: string[] = [];
  for (const key of ['seed', 'steps', 'runs', 'backend'] as const) if (a[key] !== b[key]) out.push(`${key} ${a[key]} → ${b[key]}`);
  const fieldsOf = (spec: { schema: Parameters<typeof schemaFields>[0] } | undefined) => (spec ? schemaFields(spec.schema) : []);
  out.push(...sectionChanges('env', a.env as Raw, b.env as Raw, (t) => fieldsOf(envSpec(t))));
  out.push(...sectionChanges('policy', a.policy as Raw, b.policy as Raw, () => []));
  out.push(...sectionChanges('algorithm', a.algorithm as Raw, b.algorithm as Raw, (t) => fieldsOf(algorithmSpec(t))));
  // Interventions matched by type (the list order is not a difference a reader cares about).
  const ivA = a.interventions as Raw[];
  const ivB = b.interventions as Raw[];
  for (const iv of ivB) {
    const before = ivA.find((x) => x.type === iv.type);
    if (!before) out.push(`+ ${describeIntervention(iv)}`);
    else {
      const spec = interventionSpec(String(iv.type));
      out.push(...changedFields(spec ? schemaFields(spec.schema) : [], before, iv, `${spec?.label ?? iv.type} `));
    }
  }
  for (const iv of ivA) if (!ivB.some((x) => x.type === iv.type)) out.push(`− ${interventionSpec(String(iv.type))?.label ?? iv.type}`);
  return out;
}

/** Legend names of the two sides: "A" and "B: + Clip-Cov r = 0.02" (or "B: same settings as A"). */
export function sideNames(a: ExperimentConfig, b: ExperimentConfig): { A: string; B: string } {
  const diff = describeDifference(a, b);
  const label = (iv: Raw) => interventionSpec(String(iv.type))?.label ?? String(iv.type);
  const onlyA = a.interventions.filter((iv) => !b.interventions.some((x) => x.type === iv.type)).map(label);
  const onlyB = b.interventions.filter((iv) => !a.interventions.some((x) => x.type === iv.type)).map(label);
  const parts = [...(onlyA.length ? [`with ${onlyA.join(', ')}`] : []), ...(onlyB.length ? [`without ${onlyB.join(', ')}`] : [])];
  return {
    A: parts.length ? `A: ${parts.join(', ')}` : 'A',
    B: `B: ${diff.length ? diff.join('; ') : 'same settings as A'}`,
  };
}
