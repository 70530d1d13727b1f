// verl's console log: its LocalLogger prints one line per step, `step:N - key:value - …`
// (concat_dict_to_str in verl/utils/logger/aggregate_logger.py, values through pprint, so numpy 2
// scalars read `np.float64(0.43)`). Under Ray the line carries a `(TaskRunner pid=…)` prefix,
// often coloured; every other line (warnings, progress bars, validation dumps) is skipped.
import { parseLogNumber, type LogRead, type LogRow } from './trainingLog';

const STEP_LINE = /(?:^|[\s)\]])step:(\d+) - (.*)$/;
// eslint-disable-next-line no-control-regex -- terminal colour codes are control characters
const ANSI_ESCAPE = /\u001b\[[0-9;]*m/g;

/** True when some line of the text is a verl step line. */
export function looksLikeVerlLog(text: string): boolean {
  return text.split(/\r?\n/, 2000).some((line) => STEP_LINE.test(line.replace(ANSI_ESCAPE, '')));
}

/** One run per file; a step logged twice (a resumed run) keeps its last line. */
export function readVerlConsoleLog(file: string, text: string): LogRead {
  const bySteps = new Map<number, LogRow>();
  for (const raw of text.split(/\r?\n/)) {
    const m = STEP_LINE.exec(raw.replace(ANSI_ESCAPE, ''));
    if (!m) continue;
    const step = Number(m[1]);
    const values: Record<string, number> = {};
    for (const pair of m[2].split(' - ')) {
      const colon = pair.lastIndexOf(':');
      if (colon <= 0) continue;
      const value = parseLogNumber(pair.slice(colon + 1));
      if (value !== undefined) values[pair.slice(0, colon).trim()] = value;
    }
    bySteps.set(step, { step, values });
  }
  if (bySteps.size === 0) return { ok: false, error: `${file}: no verl step lines ("step:N - key:value - …")` };
  const rows = [...bySteps.values()].sort((x, y) => x.step! - y.step!);
  return { ok: true, runs: [{ name: file, file, format: 'verl console log', rows }] };
}
