// The A/B comparison's state: B is a second store and worker whose run controls follow A's.
// A comparison starts from the Compare button (B a copy of A), from a saved run, from a link
// that carries B, from a tour step that overlays its baseline, or — compare first — when an
// intervention is switched on: A keeps the config without it, B gets it.
import { useRef, useState } from 'react';
import type { ExperimentConfig } from '../../sim/config';
import type { LabStore } from '../store/labStore';
import type { Comparison } from './compare';

export interface ComparisonState {
  comparison: Comparison | null;
  editing: 'A' | 'B';
  setEditing(side: 'A' | 'B'): void;
  /**
   * Compare with `b` as B (a copy of A when absent), A first replaced by `a` when given; both
   * play from step 0 unless `play` is false (a tour step waits for its prediction).
   */
  start(b?: ExperimentConfig, a?: ExperimentConfig, play?: boolean): void;
  stop(): void;
}

export function useComparisonState(store: LabStore, create?: (config: ExperimentConfig) => Comparison): ComparisonState {
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [editing, setEditing] = useState<'A' | 'B'>('A');
  // One B worker per page, reused when a comparison is started again.
  const built = useRef<Comparison | null>(null);
  function start(b?: ExperimentConfig, a?: ExperimentConfig, play = true): void {
    if (!create) return;
    const state = store.getState();
    if (a) state.loadConfig(a);
    const side = (built.current ??= create(store.getState().config));
    side.store.getState().loadConfig(b ?? store.getState().config);
    store.getState().setPeer(side.store);
    if (play) store.getState().play();
    setComparison(side);
    setEditing('B');
  }
  function stop(): void {
    store.getState().setPeer(null);
    comparison?.store.getState().pause();
    setComparison(null);
    setEditing('A');
  }
  return { comparison, editing, setEditing, start, stop };
}
