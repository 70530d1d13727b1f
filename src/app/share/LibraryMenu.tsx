// Library ▾: save the current run under a name in this browser (IndexedDB), list, load,
// compare (as the B lane) and delete saved runs. A full or blocked storage shows what to do;
// the current run is never touched by a failure.
import { useState } from 'react';
import { useStore } from 'zustand';
import { toExperimentFile, type LoadedExperiment } from '../../sim/experimentFile';
import { thinningNote } from '../../sim/exportFormats';
import type { BackendName } from '../../sim/types';
import { SavedRunsLibrary } from '../library/savedRuns';
import { LibraryItem, LibraryNotice, useLibraryList } from '../library/useLibraryList';
import type { LabStore } from '../store/labStore';
import { Menu } from './Menu';

const library = new SavedRunsLibrary();

interface Props {
  store: LabStore;
  /** Compare with a saved run: it becomes configuration B, rerun on the same seeds (runs are deterministic). */
  onCompare(experiment: LoadedExperiment): void;
}

export function LibraryMenu({ store, onCompare }: Props) {
  const { items, message, attempt } = useLibraryList(() => library.list());
  const [name, setName] = useState('');
  const config = useStore(store, (s) => s.config);

  async function save(): Promise<string> {
    const s = store.getState();
    if (!s.data.complete) return `Not saved: this run is larger than the page keeps whole (${thinningNote(s.data.decimation)}). Save its link instead.`;
    const label = name.trim() || `${config.env.type} · ${config.algorithm.type} · ${new Date().toLocaleString()}`;
    await library.save(toExperimentFile(label, s.backend.name as BackendName, s.config, s.data.recordsByRun(), s.statuses));
    setName('');
    return `Saved “${label}”.`;
  }

  async function load(id: number, compare: boolean): Promise<string> {
    const experiment = await library.load(id);
    if (compare) onCompare(experiment);
    else store.getState().showResults(experiment.config, experiment.records.flat());
    return `${compare ? 'Comparing with' : 'Loaded'} “${experiment.name}”.`;
  }

  return (
    <Menu label="Library">
      <label htmlFor="library-name">Save the current run as</label>
      <div className="row">
        <input id="library-name" value={name} placeholder="name (optional)" onChange={(e) => setName(e.target.value)} />
        <button type="button" onClick={() => void attempt(save)}>
          Save
        </button>
      </div>
      {items.length === 0 ? (
        <p className="help">No saved runs in this browser yet.</p>
      ) : (
        <ul className="library-list" aria-label="Saved runs">
          {items.map((it) => (
            <LibraryItem
              key={it.id}
              name={it.name}
              meta={`${it.env} · ${it.algorithm} · ${it.runs} runs × ${it.steps} steps`}
              actions={[
                { label: 'Load', name: `Load ${it.name}`, run: () => void attempt(() => load(it.id, false)) },
                { label: 'Compare', name: `Compare with ${it.name}`, run: () => void attempt(() => load(it.id, true)) },
                { label: 'Delete', name: `Delete ${it.name}`, run: () => void attempt(async () => (await library.remove(it.id), `Deleted “${it.name}”.`)) },
              ]}
            />
          ))}
        </ul>
      )}
      <LibraryNotice message={message} />
    </Menu>
  );
}
