// Helpers for editing a config draft: validation issues grouped by the field they name.
import type { ConfigIssue } from '../../sim/config';

/**
 * Issues under `prefix` ("env", "interventions[1]", "" for top level) keyed by the next path
 * segment; an issue naming the prefix itself is keyed "".
 */
export function issuesUnder(issues: readonly ConfigIssue[], prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    let rest: string;
    if (prefix === '') rest = issue.path;
    else if (issue.path === prefix) rest = '';
    else if (issue.path.startsWith(`${prefix}.`)) rest = issue.path.slice(prefix.length + 1);
    else continue;
    const key = rest.split(/[.[]/)[0];
    out[key] ??= issue.message;
  }
  return out;
}

/**
 * The id of the input that edits `path` in the settings form ("algorithm.lr" → "algorithm-lr",
 * "interventions[1].ratio" → "iv-clipCov-ratio", "steps" → "run-steps"), so a message about a
 * field can take the user to it.
 */
export function fieldIdOf(path: string, draft: Record<string, unknown>): string {
  const keys = path.match(/[^.[\]]+/g) ?? [];
  const [section, second, third] = keys;
  if (section === 'interventions' && second !== undefined) {
    const type = String(((draft.interventions as Record<string, unknown>[] | undefined)?.[Number(second)] ?? {}).type ?? '');
    return third && third !== 'type' ? `iv-${type}-${third}` : `iv-${type}`;
  }
  if (section === 'env' || section === 'algorithm' || section === 'policy') return `${section}-${second ?? 'type'}`;
  return `run-${section ?? 'steps'}`;
}
