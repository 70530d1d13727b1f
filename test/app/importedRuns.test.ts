// The user's own runs in the lab (issue 16): which way an imported file goes (the lab's results
// as before; training logs onto the law chart), the law chart's layers for them (points, the fit
// reaching the ceiling at H = 0, the early fit's forecast over the steps it did not see), their
// words under the chart, and keeping them in the Library across a new connection (with the
// saved-runs store of the older database version kept).
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PALETTE } from '../../src/charts/palette';
import { importedLawLayers, importedRunSentence } from '../../src/app/imported/importedLaw';
import { readImportedFiles } from '../../src/app/imported/importFiles';
import { createImportedRunsStore, readLogFiles } from '../../src/app/imported/importedRuns';
import { ImportedLogsLibrary } from '../../src/app/library/importedLogs';
import { LibraryError, SavedRunsLibrary } from '../../src/app/library/savedRuns';
import { parseConfig } from '../../src/sim/config';
import { CpuBackend } from '../../src/sim/cpuBackend';
import { toExperimentFile } from '../../src/sim/experimentFile';
import { exp } from '../../src/sim/portableMath';
import { recordsByRun } from '../../src/sim/summary';
import { FIXTURE_RUNS } from '../sim/io/syntheticLogs';

const fixture = (name: string) => ({ name, text: readFileSync(`test/fixtures/logs/${name}`, 'utf8') });
const parsed = parseConfig({ version: 1, steps: 4, runs: 2 });
if (!parsed.ok) throw new Error('bad config');
const current = parsed.config;

function importedStore(names: string[]) {
  const logs = readLogFiles(names.map(fixture));
  if (!logs.ok) throw new Error(logs.error);
  const store = createImportedRunsStore();
  store.getState().add(logs.runs);
  return store;
}

describe('importing files', () => {
  it('puts training logs on the law chart and says nothing was uploaded', () => {
    const verl = readImportedFiles([fixture('verl-console.log')], current);
    expect(verl).toMatchObject({ kind: 'logs', summary: 'Added 1 run from verl-console.log to the entropy–reward law chart (read in this browser; nothing was uploaded).' });
    const panels = readImportedFiles([fixture('wandb-panel-entropy.csv'), fixture('wandb-panel-reward.csv')], current);
    expect(panels.kind === 'logs' && panels.runs.map((r) => [r.name, r.n])).toEqual([
      ['qwen7b-grpo', 150],
      ['qwen7b-clip-cov', 120],
    ]);
    // A lab CSV of another experiment cannot be drawn as this one's results: it joins the law chart.
    const lab = readImportedFiles([fixture('lab-export.csv')], current);
    expect(lab.kind === 'logs' && lab.runs.length).toBe(2);
    expect(readImportedFiles([fixture('trainer_state.json')], current)).toMatchObject({ kind: 'logs' });
  });

  it('keeps the lab’s own files on their old path, and explains a bad file in the reader that fits it', () => {
    const backend = new CpuBackend(current);
    const experiment = toExperimentFile('mine', 'cpu', current, recordsByRun(backend.advanceSync(4), 2), backend.statuses());
    expect(readImportedFiles([{ name: 'mine.experiment.json', text: JSON.stringify(experiment) }], current)).toMatchObject({ kind: 'results', config: current });
    expect(readImportedFiles([{ name: 'bad.csv', text: 'run,step,entropy\n0,0,1' }], current)).toEqual({ kind: 'error', error: 'bad.csv: line 1: missing the "reward" column (columns: run, step, entropy). Nothing was changed.' });
    expect(readImportedFiles([{ name: 'metrics.csv', text: 'epoch,loss\n1,0.3\n' }], current)).toEqual({
      kind: 'error',
      error:
        'metrics.csv: no entropy (looked for actor/entropy, entropy, train/entropy) or reward (looked for critic/score/mean, critic/rewards/mean, reward, train/reward) column; found: epoch, loss. Nothing was changed.',
    });
    expect(readImportedFiles([{ name: 'notes.txt', text: 'hello' }], current)).toMatchObject({ kind: 'error', error: expect.stringMatching(/^notes\.txt: not a training log this reads/) });
  });

  it('gives each imported run its own colour, never the simulation’s blue or its fit’s vermillion', () => {
    const store = importedStore(['wandb-panel-entropy.csv', 'wandb-panel-reward.csv', 'verl-console.log']);
    const colours = store.getState().runs.map((r) => r.colour);
    expect(new Set(colours).size).toBe(3);
    expect(colours).not.toContain(PALETTE.blue);
    expect(colours).not.toContain(PALETTE.vermillion);
    store.getState().remove(store.getState().runs[0].id);
    store.getState().add(store.getState().runs.slice(0, 1));
    expect(new Set(store.getState().runs.map((r) => r.colour)).size).toBe(3);
  });
});

describe('the law chart’s layers for an imported run', () => {
  const [run] = importedStore(['verl-console.log']).getState().runs;
  const { layers, curves } = importedLawLayers([run]);

  it('draws its points, and its fit from H = 0, where the curve is the ceiling', () => {
    expect(layers).toEqual([{ id: `imported-${run.id}`, label: 'verl-console.log', colour: run.colour, points: run.series.entropy.map((h, i) => [h, run.series.reward[i]]) }]);
    const fit = curves.find((c) => c.id.endsWith('-fit'))!;
    expect(fit.colour).toBe(run.colour);
    expect(fit.points[0][0]).toBe(0);
    expect(fit.points[0][1]).toBeCloseTo(run.fit.ceiling!, 12);
    expect(fit.points.at(-1)![0]).toBe(Math.max(...run.series.entropy));
  });

  it('forecasts, dashed, over the entropies of the steps the early fit did not see', () => {
    const early = curves.find((c) => c.id.endsWith('-early'))!;
    const heldOut = run.series.entropy.slice(run.earlyFit!.n);
    expect(early.dashed).toBe(true);
    expect(early.points[0][0]).toBe(Math.min(...heldOut));
    expect(early.points.at(-1)![0]).toBe(Math.max(...heldOut));
    for (const [h, r] of early.points) expect(r).toBeCloseTo(-run.earlyFit!.a! * exp(h) + run.earlyFit!.b!, 12);
  });

  it('says the fit, the ceiling and the forecast’s error in words', () => {
    const sentence = importedRunSentence(run);
    expect(sentence).toMatch(/^verl-console\.log \(verl console log, 149 points, 1 rows skipped\): a = 0\.15\d ± 0\.00\d, b = 0\.90\d ± 0\.00\d, R² = 0\.9\d\d; ceiling b − a = 0\.7\d\d\./);
    expect(sentence).toContain(`forecast a final reward of ${run.earlyFit!.predictedFinal!.toFixed(3)}; the run ended at ${run.earlyFit!.actualFinal.toFixed(3)}`);
    expect(Math.abs(run.fit.a! - FIXTURE_RUNS.verl.a) / FIXTURE_RUNS.verl.a).toBeLessThan(0.05);
  });
});

describe('kept logs in the Library', () => {
  it('keep, list, show (refitted to the same numbers) and delete across a new connection', async () => {
    const idb = new IDBFactory();
    const runs = importedStore(['wandb-panel-entropy.csv', 'wandb-panel-reward.csv']).getState().runs;
    const id = await new ImportedLogsLibrary(idb).save('panels', runs);
    const reopened = new ImportedLogsLibrary(idb);
    expect((await reopened.list()).map((r) => [r.name, r.runs])).toEqual([['panels', 2]]);
    const back = await reopened.load(id);
    expect(back.map((r) => [r.name, r.n, r.fit.a, r.fit.b, r.earlyFit?.error])).toEqual(runs.map((r) => [r.name, r.n, r.fit.a, r.fit.b, r.earlyFit?.error]));
    await reopened.remove(id);
    expect(await new ImportedLogsLibrary(idb).list()).toEqual([]);
    await expect(reopened.load(id)).rejects.toThrow(LibraryError);
  });

  it('opens a database of the first version with its saved runs intact', async () => {
    const idb = new IDBFactory();
    await new Promise<void>((resolve, reject) => {
      const req = idb.open('entropy-lab', 1);
      req.onupgradeneeded = () => req.result.createObjectStore('savedRuns', { keyPath: 'id', autoIncrement: true }).add({ name: 'old', savedAt: 1, env: 'bandit', algorithm: 'pg', runs: 1, steps: 0, file: '{}' });
      req.onsuccess = () => (req.result.close(), resolve());
      req.onerror = () => reject(req.error);
    });
    expect((await new SavedRunsLibrary(idb).list()).map((r) => r.name)).toEqual(['old']);
    expect(await new ImportedLogsLibrary(idb).list()).toEqual([]);
  });

  it('refuses a damaged kept log with a message', async () => {
    const idb = new IDBFactory();
    const lib = new ImportedLogsLibrary(idb);
    const [run] = importedStore(['verl-console.log']).getState().runs;
    const id = await lib.save('broken', [{ ...run, series: { ...run.series, reward: run.series.reward.slice(1) } }]);
    await expect(lib.load(id)).rejects.toThrow(/kept log "broken" is damaged and cannot be shown: its series are not lists of numbers of one length/);
  });
});
