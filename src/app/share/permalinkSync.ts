// The address bar holds the experiment on screen (TF Playground's convention): the hash is the
// permalink of A, plus `&vs=` and B's permalink (URI-encoded) while an A/B comparison runs. It
// is rewritten with replaceState on every change (no history entries), and read on load and on
// hashchange. A hash that is not a permalink changes nothing; a permalink's bad parts fall back
// to defaults and are listed for the user.
import type { ExperimentConfig } from '../../sim/config';
import { decodePermalink, encodePermalink, looksLikePermalink } from '../../sim/permalink';

/** The hash key that carries the comparison's B side. */
export const COMPARE_KEY = 'vs';

export type HashResult = { kind: 'none' } | { kind: 'config'; config: ExperimentConfig; compare?: ExperimentConfig; ignored: string[] } | { kind: 'rejected'; message: string };

/** The hash (without '#') for A, and B when comparing. */
export function formatHash(a: ExperimentConfig, b?: ExperimentConfig | null): string {
  const main = encodePermalink(a);
  return b ? `${main}&${COMPARE_KEY}=${encodeURIComponent(encodePermalink(b))}` : main;
}

export function readHash(hash: string): HashResult {
  const text = hash.replace(/^#/, '');
  if (!text) return { kind: 'none' };
  if (!looksLikePermalink(text)) {
    return { kind: 'rejected', message: `The link's "#${text.slice(0, 60)}" is not an Entropy Lab permalink (it has no v=…); the current experiment is unchanged.` };
  }
  const parts = text.split('&');
  const vs = parts.find((p) => p.startsWith(`${COMPARE_KEY}=`));
  const { config, ignored } = decodePermalink(parts.filter((p) => p !== vs).join('&'));
  if (vs === undefined) return { kind: 'config', config, ignored };
  let inner: string;
  try {
    inner = decodeURIComponent(vs.slice(COMPARE_KEY.length + 1));
  } catch {
    return { kind: 'config', config, ignored: [...ignored, `${COMPARE_KEY}: not a URI-encoded permalink; no comparison`] };
  }
  const b = decodePermalink(inner);
  return { kind: 'config', config, compare: b.config, ignored: [...ignored, ...b.ignored.map((m) => `B: ${m}`)] };
}
