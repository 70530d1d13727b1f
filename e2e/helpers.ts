// Shared steps of the lab's browser tests.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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

/**
 * The collapse preset with steps enough that it cannot end before a click lands: its own 300
 * steps can be over within a second on WebGPU, and Pause on a finished run does nothing.
 */
export const longCollapseRun = () => presetConfig('tokens-grpo-collapse', { steps: 100_000 });

export async function waitForDone(page: Page): Promise<void> {
  await expect(page.locator('.topbar .status')).toHaveText('done', { timeout: 120_000 });
}

/** A metric's value in a chart panel's table of latest values. */
export async function tableValue(page: Page, chart: string, metric: string): Promise<number> {
  const panel = page.locator('section.chart-panel', { has: page.locator(`[data-chart-id="${chart}"]`) });
  const toggle = panel.getByRole('button', { name: 'Table', exact: true });
  if (await toggle.isVisible()) await toggle.click();
  const text = await panel.locator(`tr[data-metric="${metric}"] td[data-side="A"]`).textContent();
  return Number(text);
}

/** Click a menu item that downloads a file; the file's name and bytes. */
export async function download(page: Page, menu: string, item: string | RegExp): Promise<{ name: string; body: Buffer }> {
  await page.getByRole('button', { name: menu }).click();
  const button = page.getByRole('region', { name: menu }).getByRole('button', { name: item, exact: typeof item === 'string' }).first();
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = await file.path();
  await page.keyboard.press('Escape');
  return { name: file.suggestedFilename(), body: readFileSync(path!) };
}

/** Metrics CSV rows keyed by "run:step", every cell as a number. */
export function csvByStep(text: string): Map<string, Record<string, number>> {
  const [head, ...rows] = text.trim().split('\n');
  const cols = head.split(',');
  return new Map(rows.map((r) => r.split(',')).map((v) => [`${v[0]}:${v[1]}`, Object.fromEntries(v.map((x, i) => [cols[i], Number(x)]))]));
}

/** The CLI's metrics CSV for a config, given its permalink as the CLI's input. */
export function cliCsv(config: ExperimentConfig, ...options: string[]): string {
  return execFileSync('node', ['scripts/run-ts.mjs', 'src/cli/sim.ts', `#${encodePermalink(config)}`, '--format', 'csv', ...options], { encoding: 'utf8' });
}

/** axe-core's serious and critical violations on the page (or under `include`), as "id: target" lines. */
export async function seriousAxeViolations(page: Page, include?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);
  if (include) builder.include(include);
  const { violations } = await builder.analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

/** A chart panel by its data-chart-id. */
export const panel = (page: Page, id: string) => page.locator('section.chart-panel', { has: page.locator(`[data-chart-id="${id}"]`) });
