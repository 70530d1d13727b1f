// Under the law chart: the user's imported runs in words (fit, ceiling, early forecast and its
// error), what the ceiling means and what would move it, and keeping them in the Library.
// Everything stays in this browser. Run names are shown as text, never as HTML.
import { useStore } from 'zustand';
import { ImportedLogsLibrary } from '../library/importedLogs';
import { LibraryItem, LibraryNotice, useLibraryList } from '../library/useLibraryList';
import { importedRunSentence } from './importedLaw';
import { importedRuns } from './importedRuns';

const library = new ImportedLogsLibrary();

export function ImportedRunsSummary() {
  const runs = useStore(importedRuns, (s) => s.runs);
  const { items: kept, message, attempt } = useLibraryList(() => library.list());

  if (runs.length === 0 && kept.length === 0) return null;
  return (
    <div className="imported-runs" role="group" aria-label="Your imported runs">
      {runs.length > 0 && (
        <>
          <ul className="imported-list">
            {runs.map((run) => (
              <li key={run.id}>
                <span className="swatch" style={{ background: run.colour }} aria-hidden="true" />
                <span>{importedRunSentence(run)}</span>
                <button type="button" onClick={() => importedRuns.getState().remove(run.id)} aria-label={`Remove ${run.name} from the chart`}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
          <p className="help">
            The ceiling b − a is the reward the fitted law reaches when entropy is spent (H = 0): a run that keeps trading entropy for reward along the same
            curve cannot pass it, however long it trains. What moves it is a different curve: keeping entropy from collapsing (Clip-Cov, KL-Cov, a careful
            entropy bonus: try them on the left and compare the simulated ceilings), or a different model, data or reward.
          </p>
          <button
            type="button"
            onClick={() =>
              void attempt(async () => {
                const name = runs.map((r) => r.name).join(', ');
                await library.save(name, runs);
                return `Kept “${name}” in this browser’s Library.`;
              })
            }
          >
            Keep in Library
          </button>
        </>
      )}
      {kept.length > 0 && (
        <details>
          <summary>Kept logs in this browser ({kept.length})</summary>
          <ul className="library-list" aria-label="Kept logs">
            {kept.map((it) => (
              <LibraryItem
                key={it.id}
                name={it.name}
                meta={`${it.runs} run${it.runs === 1 ? '' : 's'}`}
                actions={[
                  { label: 'Show', name: `Show ${it.name}`, run: () => void attempt(async () => (importedRuns.getState().add(await library.load(it.id)), `Showing “${it.name}”.`)) },
                  { label: 'Delete', name: `Delete ${it.name}`, run: () => void attempt(async () => (await library.remove(it.id), `Deleted “${it.name}”.`)) },
                ]}
              />
            ))}
          </ul>
        </details>
      )}
      <LibraryNotice message={message} />
    </div>
  );
}
