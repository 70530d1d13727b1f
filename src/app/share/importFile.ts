// Reading a dropped or picked file back into the lab: an experiment JSON (config + records) or a
// metrics CSV (records only, shown under the current settings). Pure and never throws; a bad
// file gives one message naming the line or field, and the caller leaves the current run alone.
import type { ExperimentConfig } from '../../sim/config';
import { fromExperimentFile } from '../../sim/experimentFile';
import { recordsFromCsv } from '../../sim/exportFormats';
import type { StepRecord } from '../../sim/types';
import { minOf } from '../../sim/arrays';

export type ImportOutcome = { ok: true; config: ExperimentConfig; records: StepRecord[]; summary: string } | { ok: false; error: string };

/** 8 MiB of text: far above any lab export, low enough not to freeze the page while parsing. */
export const MAX_IMPORT_CHARS = 8 << 20;

/**
 * Records of a CSV checked against the experiment they will be drawn under (runs 0..runs−1,
 * steps 0,1,2… in order): the steps every run reached, or the first misfit as a message.
 */
function csvStepsReached(records: StepRecord[], config: ExperimentConfig): number | string {
  const nextStep = new Array<number>(config.runs).fill(0);
  for (let i = 0; i < records.length; i++) {
    const { run, step } = records[i];
    // Line numbers count the header, as recordsFromCsv's messages do.
    if (run >= config.runs) return `line ${i + 2}: run ${run}, but the current experiment has ${config.runs} runs (a CSV carries no settings: open the experiment's link or JSON first)`;
    if (step !== nextStep[run]) return `line ${i + 2}: run ${run} step ${step}, expected step ${nextStep[run]} (each run's steps in order from 0)`;
    if (step >= config.steps) return `line ${i + 2}: step ${step} is past the current experiment's ${config.steps} steps`;
    nextStep[run]++;
  }
  if (records.length === 0) return 'no data rows below the header';
  const missing = nextStep.findIndex((n) => n === 0);
  return missing >= 0 ? `run ${missing} has no rows; the current experiment has ${config.runs} runs` : minOf(nextStep);
}

/** Read a file's text by its name's extension (.csv, else experiment JSON). */
export function readImportedFile(name: string, text: string, current: ExperimentConfig): ImportOutcome {
  const fail = (error: string): ImportOutcome => ({ ok: false, error: `${name}: ${error}. Nothing was changed.` });
  if (text.length > MAX_IMPORT_CHARS) return fail(`the file is ${(text.length / 2 ** 20).toFixed(1)} MiB, more than the ${MAX_IMPORT_CHARS >> 20} MiB an import may be`);
  if (/\.csv$/i.test(name)) {
    const csv = recordsFromCsv(text);
    if (!csv.ok) return fail(csv.error);
    const steps = csvStepsReached(csv.records, current);
    if (typeof steps === 'string') return fail(steps);
    return { ok: true, config: current, records: csv.records, summary: `Loaded ${name}: ${steps} steps of ${current.runs} runs, drawn under the current settings. Reset to run it again.` };
  }
  const file = fromExperimentFile(text);
  if (!file.ok) return fail(file.error);
  const { experiment } = file;
  return {
    ok: true,
    config: experiment.config,
    records: experiment.records.flat(),
    summary: `Loaded ${experiment.name}: ${experiment.records[0]?.length ?? 0} steps of ${experiment.records.length} runs. Reset to run it again.`,
  };
}
