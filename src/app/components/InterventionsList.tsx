// The intervention list: one toggle per offered intervention, its parameters when on, and what
// it is (plain-language explanation, formula, citation, the stage of the update it acts on).
// Interventions that the chosen mode cannot run are left out, with a line saying how many.
import { INTERVENTIONS, interventionSpec } from '../../sim/interventions';
import { inertIssues } from '../../sim/interventions/compose';
import { schemaFields } from '../../sim/schemaFields';
import type { InterventionSpec, Mode } from '../../sim/types';
import { Citation } from './Citation';
import { Formula } from './Formula';
import { SchemaFields } from './SchemaFields';

type Raw = Record<string, unknown>;

interface Props {
  entries: Raw[];
  epochs: number;
  mode: Mode;
  /** Intervention ids to offer (an embed's choice); all when absent. */
  offered?: readonly string[];
  revision: number;
  errors(path: string): Record<string, string>;
  locked?: boolean;
  /** The new list; `switchedOn` when the change switched an intervention on. */
  onChange(entries: Raw[], switchedOn?: boolean): void;
}

const SPECS = INTERVENTIONS as readonly InterventionSpec[];

export function InterventionsList({ entries, epochs, mode, offered, revision, errors, locked, onChange }: Props) {
  const activeSpecs = entries.map((e) => interventionSpec(String(e.type))).filter((s): s is InterventionSpec => s !== undefined);
  const notes = inertIssues(activeSpecs, epochs);
  const isOn = (spec: InterventionSpec) => entries.some((e) => e.type === spec.id);
  const offeredSpecs = SPECS.filter((s) => !offered || offered.includes(s.id) || isOn(s));
  const listed = offeredSpecs.filter((s) => s.modes.includes(mode) || isOn(s));
  const hidden = offeredSpecs.length - listed.length;
  return (
    <>
      <ul className="interventions">
        {listed.map((spec) => {
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
                  onChange={(e) => (e.target.checked ? onChange([...entries, { type: spec.id }], true) : onChange(entries.filter((_, i) => i !== index)))}
                />
                {spec.label}
                <span className="modes">{spec.modes.join(' · ')}</span>
              </label>
              {(entryErrors[''] || entryErrors.type) && (
                <small className="error" role="alert">
                  {entryErrors[''] ?? entryErrors.type}
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
                <summary>What {spec.label} does</summary>
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
      {hidden > 0 && (
        <p className="help">
          {hidden} more act{hidden === 1 ? 's' : ''} on sampled tokens: set the algorithm’s mode to sampled to offer {hidden === 1 ? 'it' : 'them'}.
        </p>
      )}
    </>
  );
}
