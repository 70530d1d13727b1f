// Embed mode options from the page URL (design.md): `?embed=1&panels=entropy,reward&controls=
// play,step&lock=lr&interventions=clipCov,entropyBonus&autoplay=1&start=50&allow=https://course.example`.
// Unknown names are ignored and listed, so a teacher's typo shows up instead of silently doing
// nothing.
import { INTERVENTIONS } from '../../sim/interventions';
import { PANEL_IDS, type PanelId } from '../panels';

export const EMBED_CONTROLS = ['play', 'step', 'reset', 'speed', 'preset', 'interventions', 'algorithm', 'environment'] as const;
/** Settings an embed can lock (ControlsPanel shows them disabled, marked as locked). */
export const EMBED_LOCKABLE = ['preset', 'env', 'policy', 'algorithm', 'lr', 'runs', 'interventions'] as const;
export type EmbedControl = (typeof EMBED_CONTROLS)[number];
export type EmbedLockable = (typeof EMBED_LOCKABLE)[number];
/** Intervention ids a teacher can offer (the config's intervention `type` values). */
export const OFFERABLE_INTERVENTIONS: readonly string[] = INTERVENTIONS.map((s) => s.id);

export interface EmbedOptions {
  embed: boolean;
  panels: PanelId[];
  controls: EmbedControl[];
  /** Config fields (e.g. "lr", "interventions") shown but not editable. */
  locked: EmbedLockable[];
  /** The interventions the settings offer (all when undefined). */
  interventions?: string[];
  autoplay: boolean;
  /** Steps to run before showing the embed (a teacher can start mid-run). */
  startStep: number;
  /** Origins whose command messages are obeyed, besides the page's own. */
  allowedOrigins: string[];
  ignored: string[];
}

const DEFAULT_PANELS: PanelId[] = ['entropy', 'reward'];
const DEFAULT_CONTROLS: EmbedControl[] = ['play', 'step', 'reset'];
const MAX_START_STEP = 1_000_000;

function list<T extends string>(raw: string | null, known: readonly T[], what: string, ignored: string[]): T[] | undefined {
  if (raw === null) return undefined;
  const out: T[] = [];
  for (const name of raw.split(',').map((s) => s.trim()).filter(Boolean).slice(0, 64)) {
    if ((known as readonly string[]).includes(name)) out.push(name as T);
    else ignored.push(`${what} "${name.slice(0, 40)}" is not one of ${known.join(', ')}`);
  }
  return out;
}

/** An origin as the browser reports it ("https://host[:port]"), or undefined if malformed. */
export function normaliseOrigin(text: string): string | undefined {
  try {
    const u = new URL(text.trim());
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin !== 'null' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

export function parseEmbedOptions(search: string): EmbedOptions {
  const q = new URLSearchParams(search);
  const ignored: string[] = [];
  const embed = q.get('embed') === '1' || q.get('embed') === 'true';
  const startText = q.get('start');
  let startStep = 0;
  if (startText !== null) {
    const n = Number(startText);
    if (Number.isInteger(n) && n >= 0 && n <= MAX_START_STEP) startStep = n;
    else ignored.push(`start "${startText.slice(0, 20)}" is not a whole number of steps from 0 to ${MAX_START_STEP}`);
  }
  const allowedOrigins: string[] = [];
  for (const o of (q.get('allow') ?? '').split(',').filter((s) => s.trim())) {
    const origin = normaliseOrigin(o);
    if (origin) allowedOrigins.push(origin);
    else ignored.push(`allow "${o.slice(0, 60)}" is not an http(s) origin`);
  }
  return {
    embed,
    panels: list(q.get('panels'), PANEL_IDS, 'panel', ignored) ?? DEFAULT_PANELS,
    controls: list(q.get('controls'), EMBED_CONTROLS, 'control', ignored) ?? DEFAULT_CONTROLS,
    locked: list(q.get('lock'), EMBED_LOCKABLE, 'lock', ignored) ?? [],
    interventions: list(q.get('interventions'), OFFERABLE_INTERVENTIONS, 'intervention', ignored),
    autoplay: q.get('autoplay') === '1' || q.get('autoplay') === 'true',
    startStep,
    allowedOrigins,
    ignored,
  };
}

/** The query string for a set of options (the instructor link builder writes links with it). */
export function formatEmbedQuery(o: Omit<EmbedOptions, 'embed' | 'ignored'>): string {
  const q = new URLSearchParams({ embed: '1', panels: o.panels.join(','), controls: o.controls.join(',') });
  if (o.locked.length) q.set('lock', o.locked.join(','));
  if (o.interventions) q.set('interventions', o.interventions.join(','));
  if (o.autoplay) q.set('autoplay', '1');
  if (o.startStep > 0) q.set('start', String(o.startStep));
  if (o.allowedOrigins.length) q.set('allow', o.allowedOrigins.join(','));
  return `?${q.toString()}`;
}
