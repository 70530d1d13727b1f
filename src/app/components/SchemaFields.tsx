// Form fields generated from a module's zod schema (env, algorithm, intervention, policy), so
// every registered module gets its controls without UI code of its own. Inputs keep exactly
// what the user typed; parseConfig judges it and errors show under the field (an emptied field
// is an error too, not a silent default). Locked fields (embed mode) are disabled and say so.
import { useState } from 'react';
import type { FieldInfo } from '../../sim/schemaFields';

interface Props {
  /** Id prefix for labels, e.g. "env". */
  idPrefix: string;
  fields: FieldInfo[];
  values: Record<string, unknown>;
  errors: Record<string, string>;
  /** Every field locked (true) or only these keys. */
  locked?: boolean | readonly string[];
  /** verl's config key of each field that has one (spec.verlKeys), shown beside the lab's name. */
  verlKeys?: Readonly<Record<string, string | undefined>>;
  onChange(key: string, value: unknown): void;
}

/** Text typed into a number box: a number when it reads as one, else the text itself (so the validator names it; '' too). */
export function parseNumberText(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : text;
}

/** "0.2, 0.4" → [0.2, 0.4]; anything unreadable (or nothing) stays text for the validator. */
export function parseListText(text: string): unknown {
  if (text.trim() === '') return '';
  const parts = text.split(',').map((s) => Number(s.trim()));
  return parts.every(Number.isFinite) ? parts : text;
}

function display(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

function TextField({ id, value, kind, disabled, onChange, describedBy }: { id: string; value: unknown; kind: FieldInfo['kind']; disabled?: boolean; describedBy?: string; onChange(v: unknown): void }) {
  // Local text, so "0." or "1e" can be typed; a config replaced from outside remounts the
  // fields (the parent keys them by revision).
  const [text, setText] = useState(display(value));
  function parse(t: string): unknown {
    return kind === 'number[]' ? parseListText(t) : kind === 'integer' || kind === 'number' ? parseNumberText(t) : t;
  }
  return (
    <input
      id={id}
      type="text"
      inputMode={kind === 'number[]' || kind === 'string' ? 'text' : 'decimal'}
      value={text}
      disabled={disabled}
      aria-describedby={describedBy}
      onChange={(e) => {
        setText(e.target.value);
        onChange(parse(e.target.value));
      }}
    />
  );
}

/** The badge beside a locked setting's label. */
export function LockBadge() {
  return (
    <span className="lock-badge" title="Locked by the page that embeds the lab">
      <span aria-hidden="true">🔒</span> locked
    </span>
  );
}

export function SchemaFields({ idPrefix, fields, values, errors, locked = false, verlKeys, onChange }: Props) {
  return (
    <div className="fields">
      {fields.map((f) => {
        const id = `${idPrefix}-${f.key}`;
        const isLocked = locked === true || (Array.isArray(locked) && locked.includes(f.key));
        const value = values[f.key] ?? f.default;
        const error = errors[f.key] && value === '' ? `required: type a value${f.default !== undefined ? ` (default ${display(f.default)})` : ''}` : errors[f.key];
        const help = f.description ? `${id}-help` : undefined;
        const verl = verlKeys?.[f.key] ? `${id}-verl` : undefined;
        const describedBy = [help, verl, error ? `${id}-error` : undefined].filter(Boolean).join(' ') || undefined;
        return (
          <div className={`field ${error ? 'invalid' : ''}`} key={f.key}>
            {f.kind === 'boolean' ? (
              <>
                <label className="check">
                  <input id={id} type="checkbox" checked={Boolean(value)} disabled={isLocked} aria-describedby={describedBy} onChange={(e) => onChange(f.key, e.target.checked)} />
                  {f.key}
                  {isLocked && <LockBadge />}
                </label>
                <VerlKey id={`${id}-verl`} name={verlKeys?.[f.key]} />
              </>
            ) : (
              <>
                <label htmlFor={id}>
                  {f.key}
                  {isLocked && <LockBadge />}
                </label>
                <VerlKey id={`${id}-verl`} name={verlKeys?.[f.key]} />
                {f.kind === 'enum' ? (
                  <select id={id} value={String(value ?? '')} disabled={isLocked} aria-describedby={describedBy} onChange={(e) => onChange(f.key, e.target.value)}>
                    {(f.options ?? []).map((o) => (
                      <option key={o} value={o}>
                        {o}
                      </option>
                    ))}
                  </select>
                ) : f.kind === 'other' || f.kind === 'number[][]' ? (
                  <TextField id={id} value={value === undefined ? undefined : JSON.stringify(value)} kind="string" disabled={isLocked} describedBy={describedBy} onChange={(v) => onChange(f.key, tryJson(v))} />
                ) : (
                  <TextField id={id} value={value} kind={f.kind} disabled={isLocked} describedBy={describedBy} onChange={(v) => onChange(f.key, v)} />
                )}
              </>
            )}
            {f.description && (
              <small id={help} className="help">
                {f.description}
              </small>
            )}
            {error && (
              <small id={`${id}-error`} className="error" role="alert">
                {error}
              </small>
            )}
          </div>
        );
      })}
    </div>
  );
}

/**
 * verl's name for a field, beside the lab's label (its last dotted part; the whole key on hover),
 * and a description of the input, so the input's name stays the lab's.
 */
function VerlKey({ id, name }: { id: string; name?: string }) {
  if (!name) return null;
  return (
    <code id={id} className="verl-key" title={`verl: ${name}`}>
      verl: {name.slice(name.lastIndexOf('.') + 1)}
    </code>
  );
}

function tryJson(v: unknown): unknown {
  if (typeof v !== 'string' || v.trim() === '') return undefined;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}
