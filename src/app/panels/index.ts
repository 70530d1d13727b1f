// The panel registry: every chart of the lab, in the grid's order. Its ids are the embed's
// `panels=` names, the tours' `watch` targets and the chart containers' data-chart-id; the
// explain panel, the export menu and the embed builder all read this list.
import { covariancePanel } from './covariance';
import { entropyPanel } from './entropy';
import { interventionsPanel } from './interventions';
import { lawPanel } from './law';
import type { PanelSpec } from './panelSpec';
import { policyPanel } from './policy';
import { rewardPanel } from './reward';

export const PANELS = [entropyPanel, rewardPanel, covariancePanel, lawPanel, policyPanel, interventionsPanel] as const;

export type PanelId = (typeof PANELS)[number]['id'];

export const PANEL_IDS: readonly PanelId[] = PANELS.map((p) => p.id);

export function panelSpec(id: string): PanelSpec<PanelId> | undefined {
  return (PANELS as readonly PanelSpec<PanelId>[]).find((p) => p.id === id);
}

export type { ChartProps, Explanation, PanelSpec } from './panelSpec';
