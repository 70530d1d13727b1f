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
