// A/B comparison (ux.md): a second configuration trained beside the first on common random
// numbers — same seed, hence the same streams for every run — with its curves overlaid in the
// second colour. B is a second store and worker whose run controls follow A's (store `peer`).
import { createContext, useContext, useEffect } from 'react';
import { useStore } from 'zustand';
import type { RunData } from '../data/runData';
import type { LabStore } from '../store/labStore';

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
  onEdit(side: 'A' | 'B'): void;
  onStart(): void;
  onStop(): void;
}

/** Start/stop the comparison, choose which side the settings edit, and say when it is not CRN. */
export function ComparePanel({ a, comparison, editing, onEdit, onStart, onStop }: Props) {
  const seedA = useStore(a, (s) => s.config.seed);
  if (!comparison) {
    return (
      <div className="compare-bar">
        <button type="button" onClick={onStart}>
          Compare A/B
        </button>
        <span className="help">Train a second configuration beside this one on the same random numbers.</span>
      </div>
    );
  }
  return <CompareControls a={a} b={comparison.store} seedA={seedA} editing={editing} onEdit={onEdit} onStop={onStop} />;
}

function CompareControls({ a, b, seedA, editing, onEdit, onStop }: { a: LabStore; b: LabStore; seedA: number; editing: 'A' | 'B'; onEdit(side: 'A' | 'B'): void; onStop(): void }) {
  const seedB = useStore(b, (s) => s.config.seed);
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
      {seedA !== seedB && (
        <p className="note" role="status">
          A uses seed {seedA} and B seed {seedB}: the runs no longer share random numbers, so differences mix the settings with sampling noise.
        </p>
      )}
    </div>
  );
}
