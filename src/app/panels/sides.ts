// The configurations a chart draws: A alone, or A and B of a comparison. Colour always says
// which configuration (A blue, B orange, never used for anything else); within a chart, its own
// series differ by line style (SERIES_DASHES), so they never collide with B's colour.
import { useStore } from 'zustand';
import { PALETTE } from '../../charts/palette';
import { useComparison } from '../compare/compare';
import { sideNames } from '../compare/configDiff';
import type { RunData } from '../data/runData';
import type { LabStore } from '../store/labStore';
import { SERIES_DASHES } from '../charts/chartModels';
import { useFrameVersion } from '../charts/useChart';

export interface Side {
  key: 'A' | 'B';
  store: LabStore;
  data: RunData;
  colour: string;
  /** Prefix of series names in read-outs and tables: '' alone, 'A · ' and 'B · ' when compared. */
  prefix: string;
  /** Legend name: "A", "B: + Clip-Cov r = 0.02". */
  name: string;
}

export const SIDE_COLOURS = { A: PALETTE.blue, B: PALETTE.orange } as const;
export { SERIES_DASHES };

/**
 * The sides on screen and a version that changes with them: with `live`, at most once a frame
 * as either side's data grow; without, only when the comparison or its names change (a chart
 * that draws no per-step data, such as the policy view, need not re-render every frame).
 */
export function useSides(store: LabStore, live = true): { sides: Side[]; version: string } {
  const comparison = useComparison();
  const versionA = useFrameVersion(store, live);
  const versionB = useFrameVersion(comparison?.store ?? store, live);
  const configA = useStore(store, (s) => s.config);
  const configB = useStore(comparison?.store ?? store, (s) => s.config);
  const a: Side = { key: 'A', store, data: store.getState().data, colour: SIDE_COLOURS.A, prefix: '', name: 'A' };
  if (!comparison) return { sides: [a], version: `${versionA}` };
  const names = sideNames(configA, configB);
  return {
    sides: [
      { ...a, prefix: 'A · ', name: names.A },
      { key: 'B', store: comparison.store, data: comparison.data, colour: SIDE_COLOURS.B, prefix: 'B · ', name: names.B },
    ],
    version: `${versionA}/${versionB}/${names.B}`,
  };
}

/** Legend entries for a chart: one colour swatch per side when compared, then one line style per series. */
export function sideLegend(sides: readonly Side[], series: readonly { label: string; dash?: string | null }[]) {
  const compared = sides.length > 1;
  // Full names ("B: + Clip-Cov r = 0.02") where they fit beside one series; the keys A and B
  // beside several (the strip above the charts and exported captions name the difference).
  const full = series.length <= 1;
  return [
    ...(compared ? sides.map((s) => ({ label: full ? s.name : s.key, colour: s.colour, mark: 'swatch' as const })) : []),
    ...(compared && series.length === 1 ? [] : series.map((s) => ({ label: s.label, colour: compared ? PALETTE.grey : sides[0].colour, dash: s.dash ?? null }))),
  ];
}
