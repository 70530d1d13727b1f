// Text forms of step records shared by the CLI and the app's exports, so JSONL and CSV
// carry the same names everywhere (design.md).
import type { StepRecord } from './types';

export function formatJsonlStep(r: StepRecord): string {
  return JSON.stringify({ type: 'step', ...r });
}

export function formatCsvHeader(columns: string[]): string {
  return columns.join(',');
}

export function formatCsvRow(r: StepRecord, columns: string[]): string {
  return columns.map((c) => (r[c] === undefined ? '' : String(r[c]))).join(',');
}
