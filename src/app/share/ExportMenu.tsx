// Export ▾: every visible chart as PNG (2×) and SVG; metrics as CSV (with verl/TRL alias
// columns) and JSON under the CLI's names; the whole experiment as one JSON file that imports
// back; and a verl config snippet. Import ▸ reads an experiment file back, validated.
import { useState } from 'react';
import { useStore } from 'zustand';
import { chartToPng, chartToSvg } from '../../charts/exportImage';
import { toExperimentFile, fromExperimentFile } from '../../sim/experimentFile';
import { recordsToCsv } from '../../sim/exportFormats';
import { formatJsonlStep } from '../../sim/recordFormat';
import type { BackendName } from '../../sim/types';
import { verlSnippet } from '../../sim/verlConfig';
import type { LabStore } from '../store/labStore';
import { downloadBlob, downloadText, fileBase } from './download';
import { Menu } from './Menu';

export function ExportMenu({ store }: { store: LabStore }) {
  const config = useStore(store, (s) => s.config);
  const backend = useStore(store, (s) => s.backend);
  const statuses = useStore(store, (s) => s.statuses);
  const runData = useStore(store, (s) => s.data);
  const [message, setMessage] = useState<{ kind: 'status' | 'alert'; text: string } | null>(null);
  const base = fileBase(config);
  const charts = [...document.querySelectorAll<HTMLElement>('[data-chart-id]')];

  async function exportChart(el: HTMLElement, format: 'png' | 'svg'): Promise<void> {
    const id = el.dataset.chartId ?? 'chart';
    try {
      const image = chartToSvg(el, `Entropy Lab · ${id}`);
      if (format === 'svg') downloadText(`${base}-${id}.svg`, image.svg, 'image/svg+xml');
      else downloadBlob(`${base}-${id}.png`, await chartToPng(image, 2));
    } catch (e) {
      setMessage({ kind: 'alert', text: `Could not export the ${id} chart: ${(e as Error).message}` });
    }
  }

  function exportExperiment(): void {
    const file = toExperimentFile(base, backend.name as BackendName, config, runData.byRun, statuses);
    downloadText(`${base}.experiment.json`, JSON.stringify(file), 'application/json');
  }

  async function importFile(file: File): Promise<void> {
    const result = fromExperimentFile(await file.text());
    if (!result.ok) {
      setMessage({ kind: 'alert', text: `${file.name}: ${result.error}. Nothing was changed.` });
      return;
    }
    store.getState().showResults(result.experiment.config, result.experiment.records.flat());
    setMessage({ kind: 'status', text: `Loaded ${result.experiment.name}: ${result.experiment.records[0]?.length ?? 0} steps of ${result.experiment.records.length} runs. Reset to run it again.` });
  }

  return (
    <Menu label="Export">
      <div className="export-list">
        <p className="help">Charts</p>
        {charts.map((el) => (
          <div key={el.dataset.chartId} className="row">
            <span>{el.dataset.chartId}</span>
            <button type="button" onClick={() => void exportChart(el, 'png')}>
              PNG
            </button>
            <button type="button" onClick={() => void exportChart(el, 'svg')}>
              SVG
            </button>
          </div>
        ))}
        <p className="help">Data (same names as the CLI)</p>
        <button type="button" onClick={() => downloadText(`${base}.csv`, recordsToCsv(runData.records()), 'text/csv')}>
          Metrics CSV
        </button>
        <button type="button" onClick={() => downloadText(`${base}.jsonl`, runData.records().map(formatJsonlStep).join('\n') + '\n', 'application/jsonl')}>
          Metrics JSONL
        </button>
        <button type="button" onClick={exportExperiment}>
          Whole experiment (JSON)
        </button>
        <button type="button" onClick={() => downloadText(`${base}.verl.yaml`, verlSnippet(config), 'text/yaml')}>
          verl config snippet
        </button>
        <label className="file-input">
          Import experiment JSON…
          <input type="file" accept=".json,application/json" onChange={(e) => e.target.files?.[0] && void importFile(e.target.files[0])} />
        </label>
        {message && (
          <p role={message.kind} className={message.kind === 'alert' ? 'error' : 'help'}>
            {message.text}
          </p>
        )}
      </div>
    </Menu>
  );
}
