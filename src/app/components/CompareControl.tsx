// A/B comparison switch: pin the current configuration as B, then change A; both lanes run
// side by side on the same seeds and their curves are overlaid.
import { useStore } from 'zustand';
import { encodePermalink } from '../../sim/permalink';
import type { LabStore } from '../store/labStore';

interface Props {
  compare: LabStore | null;
  onPin(): void;
  onStop(): void;
}

export function CompareControl({ compare, onPin, onStop }: Props) {
  return compare ? <ComparingWith compare={compare} onStop={onStop} /> : (
    <button type="button" onClick={onPin} title="Keep the current settings as configuration B, then change A: both run on the same seeds, overlaid.">
      A/B: pin as B
    </button>
  );
}

function ComparingWith({ compare, onStop }: { compare: LabStore; onStop(): void }) {
  const config = useStore(compare, (s) => s.config);
  return (
    <span className="compare-badge">
      <span className="swatch" aria-hidden="true" /> B: <code title={encodePermalink(config)}>{config.algorithm.type} · {config.interventions.map((i) => i.type).join(' + ') || 'no intervention'}</code>
      <button type="button" onClick={onStop}>
        Stop comparing
      </button>
    </span>
  );
}
