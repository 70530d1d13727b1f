// The intervention list: one toggle per registered intervention, its parameters when on, and
// what it is (plain-language explanation, formula, citation, the stage of the update it acts on).
import { INTERVENTIONS } from '../../sim/interventions';
import { inertIssues } from '../../sim/interventions/compose';
import { schemaFields } from '../../sim/schemaFields';
import type { InterventionSpec } from '../../sim/types';
import { Citation } from './Citation';
import { Formula } from './Formula';
import { SchemaFields } from './SchemaFields';

type Raw = Record<string, unknown>;

interface Props {
  entries: Raw[];
  epochs: number;
  revision: number;
  errors(path: string): Record<string, string>;
  locked?: boolean;
  onChange(entries: Raw[]): void;
}

const SPECS = INTERVENTIONS as readonly InterventionSpec[];

export function InterventionsList({ entries, epochs, revision, errors, locked, onChange }: Props) {
  const activeSpecs = entries.map((e) => SPECS.find((s) => s.id === e.type)).filter((s): s is InterventionSpec => s !== undefined);
  const notes = inertIssues(activeSpecs, epochs);
  return (
    <ul className="interventions">
      {SPECS.map((spec) => {
        const index = entries.findIndex((e) => e.type === spec.id);
        const on = index >= 0;
        const id = `iv-${spec.id}`;
        const entryErrors = on ? errors(`interventions[${index}]`) : {};
        const note = notes.find((n) => n.path === `interventions[${index}]`);
        return (
          <li key={spec.id} className={on ? 'on' : ''}>
            <label className="check">
              <input
                id={id}
                type="checkbox"
                checked={on}
                disabled={locked}
                onChange={(e) => onChange(e.target.checked ? [...entries, { type: spec.id }] : entries.filter((_, i) => i !== index))}
              />
              {spec.label}
              <span className="modes">{spec.modes.join(' · ')}</span>
            </label>
            {entryErrors[''] && (
              <small className="error" role="alert">
                {entryErrors['']}
              </small>
            )}
            {note && <small className="note">{note.message}</small>}
            {on && (
              <SchemaFields
                key={`${revision}-${spec.id}`}
                idPrefix={id}
                fields={schemaFields(spec.schema)}
                values={entries[index]}
                errors={entryErrors}
                locked={locked}
                verlKeys={spec.verlKeys}
                onChange={(key, value) => onChange(entries.map((e, i) => (i === index ? { ...e, [key]: value } : e)))}
              />
            )}
            <details>
              <summary>What it does</summary>
              <p>{spec.explanation}</p>
              <p className="verl-note">{spec.verlNote}</p>
              <Formula tex={spec.formula} />
              <p className="meta">
                Acts on: {spec.stages.join(', ')}.{Object.keys(spec.paperValues).length > 0 && ` Paper values: ${JSON.stringify(spec.paperValues)}.`} <Citation citation={spec.citation} />
              </p>
            </details>
          </li>
        );
      })}
    </ul>
  );
}
