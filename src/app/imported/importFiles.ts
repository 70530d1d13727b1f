// Which way a picked or dropped file goes (pure, never throws): the lab's own experiment JSON or
// metrics CSV that fits the current experiment loads as results, as before; any other training
// log (verl, W&B, TRL, or a lab export of another experiment) joins the law chart as the
// user's runs. Several files at once are logs (W&B panel exports come one metric per file).
import type { ExperimentConfig } from '../../sim/config';
import type { RunLawFit } from '../../sim/io/logFit';
import { EXPERIMENT_FORMAT } from '../../sim/experimentFile';
import type { StepRecord } from '../../sim/types';
import { readImportedFile } from '../share/importFile';
import { readLogFiles } from './importedRuns';

export type FilesImport =
  | { kind: 'results'; config: ExperimentConfig; records: StepRecord[]; summary: string }
  | { kind: 'logs'; runs: RunLawFit[]; summary: string }
  | { kind: 'error'; error: string };

/** A file that only the lab's own import can mean: an experiment file, or a CSV with run and step columns. */
function labShaped(name: string, text: string): boolean {
  if (text.includes(`"${EXPERIMENT_FORMAT}"`)) return true;
  const header = text.slice(0, text.search(/\r?\n|$/)).split(',').map((h) => h.trim());
  return /\.csv$/i.test(name) && header.includes('run') && header.includes('step');
}

export function readImportedFiles(files: readonly { name: string; text: string }[], current: ExperimentConfig): FilesImport {
  const lab = files.length === 1 ? readImportedFile(files[0].name, files[0].text, current) : null;
  if (lab?.ok) return { kind: 'results', config: lab.config, records: lab.records, summary: lab.summary };
  const logs = readLogFiles(files);
  if (logs.ok) {
    const n = logs.runs.length;
    const names = files.map((f) => f.name).join(' + ');
    return { kind: 'logs', runs: logs.runs, summary: `Added ${n} run${n === 1 ? '' : 's'} from ${names} to the entropy–reward law chart (read in this browser; nothing was uploaded).` };
  }
  if (lab && labShaped(files[0].name, files[0].text)) return { kind: 'error', error: lab.error };
  return { kind: 'error', error: `${logs.error}. Nothing was changed.` };
}
