// Permalinks (design.md): the whole versioned config in a readable URL hash,
// `v=1&seed=1&env=bandit&arms=4&algo=pg&lr=0.5&iv1=entropyBonus&iv1.coef=0.02`. Fields at their
// default are left out (a change of defaults needs a version bump and a migration). Decoding
// never throws: a bad value falls back to its default and is listed in `ignored`.
import { algorithmSpec } from './algorithms';
import { CONFIG_VERSION, defaultConfig, formatIssues, migrateConfig, parseConfig, type ConfigIssue, type ExperimentConfig } from './config';
import { envSpec } from './envs';
import { interventionSpec } from './interventions';
import { neuralPolicySpec } from './neural';
import { schemaFields, type FieldKind } from './schemaFields';
import type { z } from 'zod';

const TOP_KEYS = ['seed', 'steps', 'runs', 'backend'] as const;
type Section = 'env' | 'algorithm';
const SECTION_PREFIX: Record<Section, string> = { env: 'env', algorithm: 'algo' };
const INIT_FIELDS: Record<string, FieldKind> = { logits: 'number[]', probs: 'number[]', scale: 'number' };

interface Spec {
  id: string;
  schema: z.ZodType;
}
/** A section's spec by type, through its registry's helper. */
const SECTION_SPEC: Record<Section, (id: string) => Spec | undefined> = { env: envSpec, algorithm: algorithmSpec };

/** String(x), except that −0 stays "-0" so a link reproduces the config bit for bit. */
function formatScalar(x: unknown): string {
  return Object.is(x, -0) ? '-0' : String(x);
}

function encodeValue(v: unknown): string {
  const row = (xs: unknown[]) => xs.map(formatScalar).join(',');
  const text = Array.isArray(v) ? (Array.isArray(v[0]) ? (v as unknown[][]).map(row).join(';') : row(v)) : formatScalar(v);
  return encodeURIComponent(text).replace(/%2C/g, ',').replace(/%3B/g, ';');
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Field values that differ from the schema's defaults for this type. */
function nonDefaultFields(spec: Spec, value: Record<string, unknown>): [string, unknown][] {
  const defaults = (spec.schema.parse({ type: spec.id }) ?? {}) as Record<string, unknown>;
  return Object.entries(value).filter(([k, v]) => k !== 'type' && v !== undefined && !sameValue(v, defaults[k]));
}

/** Bare keys that more than one place could claim must carry their section prefix. */
function ambiguousKeys(config: ExperimentConfig): Set<string> {
  const seen = new Map<string, number>();
  const add = (k: string) => seen.set(k, (seen.get(k) ?? 0) + 1);
  for (const s of ['env', 'algorithm'] as const) {
    const spec = SECTION_SPEC[s](config[s].type);
    if (spec) schemaFields(spec.schema).forEach((f) => add(f.key));
  }
  Object.keys(INIT_FIELDS).forEach(add);
  [...TOP_KEYS, 'v', 'env', 'algo', 'policy', 'init'].forEach(add);
  return new Set([...seen].filter(([, n]) => n > 1).map(([k]) => k));
}

/** The hash (without '#') for a config. */
export function encodePermalink(config: ExperimentConfig): string {
  const parts: string[] = [`v=${CONFIG_VERSION}`];
  const ambiguous = ambiguousKeys(config);
  const push = (key: string, value: unknown) => parts.push(`${key}=${encodeValue(value)}`);
  const defaults = defaultConfig();
  for (const k of TOP_KEYS) if (k !== 'backend' || config.backend !== defaults.backend) push(k, config[k]);
  for (const s of ['env', 'algorithm'] as const) {
    const value = config[s] as unknown as Record<string, unknown>;
    push(SECTION_PREFIX[s], value.type);
    const spec = SECTION_SPEC[s](String(value.type))!;
    for (const [k, v] of nonDefaultFields(spec, value)) push(ambiguous.has(k) ? `${SECTION_PREFIX[s]}.${k}` : k, v);
  }
  // A neural policy: its type and non-default fields as `policy=mlp&policy.hidden=32`.
  const neural = neuralPolicySpec(config.policy.type);
  if (neural) {
    push('policy', neural.id);
    for (const [k, v] of nonDefaultFields(neural, config.policy as Record<string, unknown>)) if (k !== 'init') push(`policy.${k}`, v);
  }
  const init = config.policy.init as Record<string, unknown>;
  if (init.type !== 'env') {
    push('init', init.type);
    for (const [k, v] of Object.entries(init)) if (k !== 'type') push(ambiguous.has(k) ? `init.${k}` : k, v);
  }
  config.interventions.forEach((iv, i) => {
    const spec = interventionSpec(iv.type)!;
    push(`iv${i + 1}`, iv.type);
    for (const [k, v] of nonDefaultFields(spec, iv as Record<string, unknown>)) push(`iv${i + 1}.${k}`, v);
  });
  return parts.join('&');
}

/** A URL string as the field kind asks, or an error message. */
function decodeValue(text: string, kind: FieldKind): { value: unknown } | { error: string } {
  const num = (s: string) => (s.trim() === '' ? NaN : Number(s));
  switch (kind) {
    case 'integer':
    case 'number': {
      const n = num(text);
      return Number.isFinite(n) ? { value: n } : { error: `expected a number, got ${JSON.stringify(text)}` };
    }
    case 'boolean':
      return text === 'true' || text === '1' ? { value: true } : text === 'false' || text === '0' ? { value: false } : { error: `expected true or false, got ${JSON.stringify(text)}` };
    case 'number[]': {
      const xs = text.split(',').map(num);
      return xs.every(Number.isFinite) ? { value: xs } : { error: `expected numbers separated by commas, got ${JSON.stringify(text)}` };
    }
    case 'number[][]': {
      const rows = text.split(';').map((r) => r.split(',').map(num));
      return rows.every((r) => r.every(Number.isFinite)) ? { value: rows } : { error: `expected rows of numbers (commas within a row, semicolons between rows), got ${JSON.stringify(text)}` };
    }
    default:
      return { value: text };
  }
}

export interface DecodedPermalink {
  config: ExperimentConfig;
  /** What was ignored or fell back to its default, and why. */
  ignored: string[];
}

/** Parameters of a hash, a "#…" string or a whole URL. */
function hashParams(input: string): [string, string][] {
  const hashAt = input.indexOf('#');
  const hash = hashAt >= 0 ? input.slice(hashAt + 1) : input.replace(/^[^?]*\?/, '');
  const out: [string, string][] = [];
  for (const part of hash.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    const raw = eq < 0 ? '' : part.slice(eq + 1);
    let value: string;
    try {
      value = decodeURIComponent(raw.replace(/\+/g, ' '));
    } catch {
      value = raw;
    }
    out.push([key, value]);
  }
  return out;
}

/** Does this string look like a permalink rather than a file name or preset? */
export function looksLikePermalink(input: string): boolean {
  return /(^|[#&?])v=\d/.test(input);
}

/** Remove the value at an issue's path from raw JSON; false if nothing could be removed. */
function dropPath(raw: Record<string, unknown>, path: string): boolean {
  const keys = path.match(/[^.[\]]+/g) ?? [];
  if (keys[0] === 'interventions' && keys.length >= 2) {
    const list = raw.interventions as unknown[] | undefined;
    const i = Number(keys[1]);
    if (!Array.isArray(list) || !(i in list)) return false;
    if (keys.length === 2 || keys[2] === 'type') list.splice(i, 1);
    else delete (list[i] as Record<string, unknown>)[keys[2]];
    return true;
  }
  // Drop the field directly under its section: a bad list element drops the whole list, a
  // bad policy.init field the whole init.
  const depth = Math.min(keys.length, 2);
  let node: unknown = raw;
  for (let i = 0; i < depth - 1; i++) node = (node as Record<string, unknown> | undefined)?.[keys[i]];
  const last = keys[depth - 1];
  if (typeof node !== 'object' || node === null || !(last in node)) return false;
  delete (node as Record<string, unknown>)[last];
  return true;
}

/** Decode a permalink into a valid config. Never throws. */
export function decodePermalink(input: string): DecodedPermalink {
  const ignored: string[] = [];
  const raw: Record<string, unknown> = {};
  const sections: Record<Section, Record<string, unknown>> = { env: {}, algorithm: {} };
  const init: Record<string, unknown> = {};
  const policy: Record<string, unknown> = { type: 'tabular' };
  const ivs: Record<string, unknown>[] = [];
  const params = hashParams(input);
  const defaults = defaultConfig();
  const typeOf = (s: Section, key: string) => params.find(([k]) => k === key)?.[1] ?? (defaults[s].type as string);
  const specs: Record<Section, Spec | undefined> = {
    env: envSpec(typeOf('env', 'env')),
    algorithm: algorithmSpec(typeOf('algorithm', 'algo')),
  };
  const fieldKind = (spec: Spec | undefined, key: string) => (spec ? schemaFields(spec.schema).find((f) => f.key === key)?.kind : undefined);
  const assign = (target: Record<string, unknown>, key: string, text: string, kind: FieldKind, label: string) => {
    const r = decodeValue(text, kind);
    if ('error' in r) ignored.push(`${label}: ${r.error}`);
    else target[key] = r.value;
  };

  for (const [key, text] of params) {
    const label = `${key}=${text}`;
    const iv = /^iv(\d+)(?:\.(.+))?$/.exec(key);
    if (key === 'v') {
      const r = decodeValue(text, 'integer');
      raw.version = 'value' in r ? r.value : text;
    } else if ((TOP_KEYS as readonly string[]).includes(key)) {
      assign(raw, key, text, key === 'backend' ? 'string' : 'integer', label);
    } else if (key === 'env' || key === 'algo') {
      sections[key === 'env' ? 'env' : 'algorithm'].type = text;
    } else if (key === 'init') {
      init.type = text;
    } else if (key === 'policy') {
      policy.type = text;
    } else if (key.startsWith('policy.')) {
      const spec = neuralPolicySpec(params.find(([k]) => k === 'policy')?.[1] ?? '');
      const field = key.slice('policy.'.length);
      const kind = fieldKind(spec, field);
      if (kind) assign(policy, field, text, kind, label);
      else ignored.push(`${label}: unknown policy parameter`);
    } else if (iv) {
      const i = Number(iv[1]) - 1;
      if (i < 0 || i > 63) {
        ignored.push(`${label}: intervention numbers run from 1 to 64`);
        continue;
      }
      ivs[i] ??= {};
      if (!iv[2]) ivs[i].type = text;
      else {
        const spec = interventionSpec(params.find(([k]) => k === `iv${iv[1]}`)?.[1] ?? '');
        assign(ivs[i], iv[2], text, fieldKind(spec, iv[2]) ?? 'string', label);
      }
    } else {
      const dot = key.indexOf('.');
      const prefix = dot > 0 ? key.slice(0, dot) : undefined;
      const field = dot > 0 ? key.slice(dot + 1) : key;
      const candidates: Section[] = prefix === 'env' ? ['env'] : prefix === 'algo' ? ['algorithm'] : prefix ? [] : ['env', 'algorithm'];
      const owner = candidates.find((s) => fieldKind(specs[s], field));
      if (owner) assign(sections[owner], field, text, fieldKind(specs[owner], field)!, label);
      else if ((!prefix || prefix === 'init') && field in INIT_FIELDS) assign(init, field, text, INIT_FIELDS[field], label);
      else ignored.push(`${label}: unknown parameter`);
    }
  }
  if (raw.version === undefined) ignored.push('v: missing version; read as version 1');
  raw.env = sections.env;
  raw.algorithm = sections.algorithm;
  if (Object.keys(init).length > 0) policy.init = init;
  if (Object.keys(policy).length > 1 || policy.type !== 'tabular') raw.policy = policy;
  const list = ivs.filter((x) => x !== undefined);
  if (list.length > 0) raw.interventions = list;
  return { config: parseLeniently(raw, ignored), ignored };
}

/**
 * parseConfig, dropping each offending field (so it takes its default) until the rest is
 * valid; every drop is reported. Falls back to the default config if that never happens.
 */
export function parseLeniently(raw: Record<string, unknown>, ignored: string[]): ExperimentConfig {
  const migrated = migrateConfig(raw);
  let current: Record<string, unknown>;
  if ('issue' in migrated) {
    ignored.push(`${migrated.issue.path}: ${migrated.issue.message}; read as version ${CONFIG_VERSION}`);
    current = { ...raw, version: CONFIG_VERSION };
  } else current = migrated.raw;
  for (let attempt = 0; attempt < 64; attempt++) {
    const r = parseConfig(current);
    if (r.ok) return r.config;
    const dropped = r.issues.filter((iss: ConfigIssue) => dropPath(current, iss.path));
    ignored.push(...r.issues.map((i) => `${i.path || 'config'}: ${i.message}${dropped.includes(i) ? '; using the default' : ''}`));
    if (dropped.length === 0) {
      ignored.push(`could not repair the link (${formatIssues(r.issues)}); loaded the default experiment`);
      return defaultConfig();
    }
  }
  ignored.push('too many problems in the link; loaded the default experiment');
  return defaultConfig();
}
