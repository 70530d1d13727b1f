// Which preset, if any, is the experiment on screen: the preset menu shows it instead of a
// placeholder. Two configs are the same experiment when their permalinks are equal.
import { parseConfig, type ExperimentConfig } from '../../sim/config';
import { encodePermalink } from '../../sim/permalink';
import { PRESETS } from '../../sim/presets';

let byHash: Map<string, string> | null = null;

/** The id of the preset whose config is `config`, or undefined for one of the user's own. */
export function presetMatching(config: ExperimentConfig): string | undefined {
  byHash ??= new Map(
    PRESETS.flatMap((p) => {
      const parsed = parseConfig(p.config);
      return parsed.ok ? [[encodePermalink(parsed.config), p.id] as const] : [];
    }),
  );
  return byHash.get(encodePermalink(config));
}
