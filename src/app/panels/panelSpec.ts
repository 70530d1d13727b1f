// What a panel of the lab is: its chart component and everything else that names it (the
// explain panel's text, the embed id, the export file name). panels/index.ts lists them; a new
// chart is one file here and one entry there.
import type { ComponentType } from 'react';
import type { Citation } from '../../sim/types';
import type { LabStore } from '../store/labStore';

export interface ChartProps {
  store: LabStore;
  focused: boolean;
  onFocus(): void;
}

export interface Explanation {
  title: string;
  formula: string;
  text: string;
  lookFor: string;
  citation?: Citation;
}

export interface PanelSpec<I extends string = string> {
  /** The embed id (`panels=entropy,law`), the chart container's data-chart-id and the tours' `watch`. */
  id: I;
  /** The panel's heading (and the exported image's title). */
  title: string;
  /** The last part of exported file names: entropy-lab-…-<exportName>.png. */
  exportName: string;
  component: ComponentType<ChartProps>;
  explanation: Explanation;
}

/** A panel spec with its id kept as a literal type (for the registry's PanelId union). */
export function definePanel<const I extends string>(spec: PanelSpec<I>): PanelSpec<I> {
  return spec;
}

export const ENTROPY_MECHANISM: Citation = { title: 'The Entropy Mechanism of Reinforcement Learning for Reasoning Language Models', arxiv: '2505.22617' };
