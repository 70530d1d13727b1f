// Opening a permalink: the hash (on load and on hashchange) becomes the experiment. A hash
// that is not a permalink changes nothing; a permalink's bad parts fall back to defaults and
// are listed for the user.
import type { ExperimentConfig } from '../../sim/config';
import { decodePermalink, looksLikePermalink } from '../../sim/permalink';

export type HashResult = { kind: 'none' } | { kind: 'config'; config: ExperimentConfig; ignored: string[] } | { kind: 'rejected'; message: string };

export function readHash(hash: string): HashResult {
  const text = hash.replace(/^#/, '');
  if (!text) return { kind: 'none' };
  if (!looksLikePermalink(text)) {
    return { kind: 'rejected', message: `The link's "#${text.slice(0, 60)}" is not an Entropy Lab permalink (it has no v=…); the current experiment is unchanged.` };
  }
  const { config, ignored } = decodePermalink(text);
  return { kind: 'config', config, ignored };
}
