// One picker for every registry the settings choose from (environment, policy, algorithm): a
// select of the registry's specs, the chosen one's description, and its parameter fields from
// its schema, less the fields that do not apply (e.g. sampled-only ones in exact mode).
import type { z } from 'zod';
import { schemaFields } from '../../sim/schemaFields';
import { LockBadge, SchemaFields } from './SchemaFields';

type Raw = Record<string, unknown>;

export interface PickableSpec {
  id: string;
  label: string;
  /** Shown under the select (a module's description or explanation). */
  description?: string;
  /** Its parameters; none for a choice without any (the tabular policy). */
  schema?: z.ZodType;
  /** verl's config keys of its fields, shown beside the lab's names. */
  verlKeys?: Readonly<Record<string, string | undefined>>;
}

interface Props {
  /** Id prefix of the select ("env" → #env-type) and of the fields. */
  idPrefix: string;
  label: string;
  specs: readonly PickableSpec[];
  /** The spec of `value.type`, looked up with its registry's helper (envSpec, algorithmSpec, …). */
  chosen: PickableSpec | undefined;
  /** The section's current raw config ({type, …fields}). */
  value: Raw;
  errors: Record<string, string>;
  /** The select is locked. */
  lockedType?: boolean;
  /** Locked fields: all (true) or these keys. */
  lockedFields?: boolean | readonly string[];
  /** Fields to leave out (they do not apply here). */
  hidden?: readonly string[];
  /** Remounts the fields when the config is replaced from outside. */
  revision: number;
  onPick(type: string): void;
  onField(key: string, value: unknown): void;
}

export function SpecPicker({ idPrefix, label, specs, chosen: spec, value, errors, lockedType, lockedFields, hidden = [], revision, onPick, onField }: Props) {
  const type = String(value.type);
  const fields = spec?.schema ? schemaFields(spec.schema).filter((f) => !hidden.includes(f.key)) : [];
  const id = `${idPrefix}-type`;
  return (
    <div className="spec-picker">
      <label htmlFor={id}>
        {label}
        {lockedType && <LockBadge />}
      </label>
      <select id={id} value={type} disabled={lockedType} onChange={(e) => onPick(e.target.value)}>
        {specs.map((s) => (
          <option key={s.id} value={s.id}>
            {s.label}
          </option>
        ))}
      </select>
      {errors.type && (
        <small className="error" role="alert">
          {errors.type}
        </small>
      )}
      {spec?.description && <p className="help">{spec.description}</p>}
      {fields.length > 0 && <SchemaFields key={`${revision}-${idPrefix}-${type}`} idPrefix={idPrefix} fields={fields} values={value} errors={errors} locked={lockedFields} verlKeys={spec?.verlKeys} onChange={onField} />}
    </div>
  );
}
