// Export ▾: every visible chart as PNG (2×) and SVG; metrics as CSV (with verl/TRL alias
// columns) and JSON under the CLI's names; the whole experiment as one JSON file that imports
// back; and the verl and TRL configs for the same experiment (npm run sim -- … --emit). Import
// (pick, or drop files anywhere on the page) reads an experiment JSON or a metrics CSV back,
// validated, or puts training logs (verl, W&B, TRL) on the law chart as the user's runs; a bad
// file leaves everything alone.
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { chartToPng, chartToSvg } from '../../charts/exportImage';
import { toExperimentFile } from '../../sim/experimentFile';
import { recordsToCsv, thinningNote } from '../../sim/exportFormats';
import { formatJsonlStep } from '../../sim/recordFormat';
import type { BackendName } from '../../sim/types';
import { trlConfigYaml } from '../../sim/io/trlConfig';
import { verlConfigYaml } from '../../sim/io/verlConfig';
import type { LabStore } from '../store/labStore';
import { downloadBlob, downloadText, fileBase } from './download';
import { readImportedFiles } from '../imported/importFiles';
import { importedRuns } from '../imported/importedRuns';
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

  // A long run or a large ensemble is held thinned (runData.ts): exports say so in their first line.
  const thinned = runData.complete ? null : thinningNote(runData.decimation);
  const csvText = () => (thinned ? `# ${thinned}\n` : '') + recordsToCsv(runData.records());
  const jsonlText = () => (thinned ? JSON.stringify({ type: 'export', decimated: true, note: thinned }) + '\n' : '') + runData.records().map(formatJsonlStep).join('\n') + '\n';

  function exportExperiment(): void {
    const file = toExperimentFile(base, backend.name as BackendName, config, runData.recordsByRun(), statuses);
    downloadText(`${base}.experiment.json`, JSON.stringify(file), 'application/json');
  }

  async function importFiles(files: File[]): Promise<void> {
    const result = readImportedFiles(await Promise.all(files.map(async (f) => ({ name: f.name, text: await f.text() }))), store.getState().config);
    if (result.kind === 'error') {
      setMessage({ kind: 'alert', text: result.error });
      return;
    }
    if (result.kind === 'logs') importedRuns.getState().add(result.runs);
    else store.getState().showResults(result.config, result.records);
    setMessage({ kind: 'status', text: result.summary });
  }

  useEffect(() => {
    const isFileDrag = (e: DragEvent) => !!e.dataTransfer?.types.includes('Files');
    function onDragOver(e: DragEvent): void {
      if (isFileDrag(e)) e.preventDefault();
    }
    function onDrop(e: DragEvent): void {
      const files = [...(e.dataTransfer?.files ?? [])];
      if (!isFileDrag(e) || files.length === 0) return;
      e.preventDefault();
      void importFiles(files);
    }
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  });

  return (
    <>
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
          {thinned && <p className="help">This run is larger than the page keeps whole: {thinned}.</p>}
          <button type="button" onClick={() => downloadText(`${base}.csv`, csvText(), 'text/csv')}>
            Metrics CSV
          </button>
          <button type="button" onClick={() => downloadText(`${base}.jsonl`, jsonlText(), 'application/jsonl')}>
            Metrics JSONL
          </button>
          <button type="button" onClick={exportExperiment} disabled={!!thinned} title={thinned ? 'A thinned run cannot be replayed from a file: share its link instead' : undefined}>
            Whole experiment (JSON)
          </button>
          <button type="button" onClick={() => downloadText(`${base}.verl.yaml`, verlConfigYaml(config), 'text/yaml')}>
            verl config (YAML)
          </button>
          <button type="button" onClick={() => downloadText(`${base}.trl.yaml`, trlConfigYaml(config), 'text/yaml')}>
            TRL GRPOConfig (YAML)
          </button>
          <label className="file-input">
            Import an experiment JSON, metrics CSV or training log (verl, W&amp;B, TRL)… (or drop files on the page)
            <input type="file" multiple accept=".json,.jsonl,.csv,.log,.txt,application/json,text/csv,text/plain" onChange={(e) => e.target.files?.length && void importFiles([...e.target.files])} />
          </label>
        </div>
      </Menu>
      {message && (
        <p role={message.kind} className={message.kind === 'alert' ? 'error import-message' : 'help import-message'}>
          {message.text}{' '}
          <button type="button" onClick={() => setMessage(null)}>
            Dismiss
          </button>
        </p>
      )}
    </>
  );
}
