// A/B comparison (ux.md): a second configuration trained beside the first on common random
// numbers — same seed, hence the same streams for every run — with its curves overlaid in the
// second colour. B is a second store and worker whose run controls follow A's (store `peer`).
// Compare first: by default, switching an intervention on starts a comparison against the same
// settings without it.
import { createContext, useContext, useEffect } from 'react';
import { useStore } from 'zustand';
import type { RunData } from '../data/runData';
import type { LabStore } from '../store/labStore';
import { sideNames } from './configDiff';

export interface Comparison {
  store: LabStore;
  data: RunData;
}

export const CompareContext = createContext<Comparison | null>(null);

/** The B side when a comparison is on, else null. */
export const useComparison = (): Comparison | null => useContext(CompareContext);

interface Props {
  a: LabStore;
  comparison: Comparison | null;
  editing: 'A' | 'B';
  compareFirst: boolean;
  onCompareFirst(on: boolean): void;
  onEdit(side: 'A' | 'B'): void;
  onStart(): void;
  onStop(): void;
}

/** Start/stop the comparison, choose which side the settings edit, and say how B differs and when it is not CRN. */
export function ComparePanel({ a, comparison, editing, compareFirst, onCompareFirst, onEdit, onStart, onStop }: Props) {
  if (!comparison) {
    return (
      <div className="compare-bar">
        <button type="button" onClick={onStart}>
          Compare A/B
        </button>
        <label className="check">
          <input type="checkbox" checked={compareFirst} onChange={(e) => onCompareFirst(e.target.checked)} /> switching an intervention on compares it with the same settings without it
        </label>
      </div>
    );
  }
  return <CompareControls a={a} b={comparison.store} editing={editing} onEdit={onEdit} onStop={onStop} />;
}

/** The two sides' legend names in their colours ("A", "B: + Clip-Cov r = 0.02"), above the charts. */
export function CompareNames({ a, b }: { a: LabStore; b: LabStore }) {
  const names = sideNames(
    useStore(a, (s) => s.config),
    useStore(b, (s) => s.config),
  );
  return (
    <p className="compare-names" data-testid="compare-names">
      <span className="swatch side-A" aria-hidden="true" /> {names.A} <span className="swatch side-B" aria-hidden="true" /> {names.B}
    </p>
  );
}

function CompareControls({ a, b, editing, onEdit, onStop }: { a: LabStore; b: LabStore; editing: 'A' | 'B'; onEdit(side: 'A' | 'B'): void; onStop(): void }) {
  const configA = useStore(a, (s) => s.config);
  const configB = useStore(b, (s) => s.config);
  useEffect(
    () =>
      // An edit of B restarts both sides, so step t of A and of B stay comparable.
      b.subscribe((s, prev) => {
        if (s.config === prev.config) return;
        const wasRunning = a.getState().status === 'running';
        a.getState().reset();
        if (wasRunning) a.getState().play();
      }),
    [a, b],
  );
  return (
    <div className="compare-bar" role="group" aria-label="A/B comparison">
      <span className="help">Settings of:</span>
      {(['A', 'B'] as const).map((side) => (
        <button key={side} type="button" className={`side side-${side}`} aria-pressed={editing === side} onClick={() => onEdit(side)}>
          {side}
        </button>
      ))}
      <button type="button" onClick={onStop}>
        Stop comparing
      </button>
      {configA.seed !== configB.seed && (
        <p className="note" role="status">
          A uses seed {configA.seed} and B seed {configB.seed}: the runs no longer share random numbers, so differences mix the settings with sampling noise.
        </p>
      )}
    </div>
  );
}
