// Shared steps of the lab's browser tests.
import { expect, type Page } from '@playwright/test';
import { parseConfig, type ExperimentConfig } from '../src/sim/config';
import { encodePermalink } from '../src/sim/permalink';
import { presetById } from '../src/sim/presets';

/** Console errors and uncaught exceptions of a page, collected from now on. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

export function presetConfig(id: string, over: Record<string, unknown> = {}): ExperimentConfig {
  const parsed = parseConfig({ ...presetById(id)!.config, ...over });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.config;
}

export const linkTo = (config: ExperimentConfig) => `/#${encodePermalink(config)}`;

export async function waitForDone(page: Page): Promise<void> {
  await expect(page.locator('.topbar .status')).toHaveText('done', { timeout: 120_000 });
}

/** A metric's value in a chart panel's table of latest values. */
export async function tableValue(page: Page, chart: string, metric: string): Promise<number> {
  const panel = page.locator('section.chart-panel', { has: page.locator(`[data-chart-id="${chart}"]`) });
  const toggle = panel.getByRole('button', { name: 'Table', exact: true });
  if (await toggle.isVisible()) await toggle.click();
  const text = await panel.locator(`tr[data-metric="${metric}"] td`).textContent();
  return Number(text);
}
