// Entry point of the lab page: the store and its worker, permalink and embed handling.
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'katex/dist/katex.min.css';
import { App } from './App';
import { attachEmbedBridge } from './embed/embedBridge';
import { parseEmbedOptions } from './embed/embedOptions';
import type { LoadedExperiment } from '../sim/experimentFile';
import { ExportMenu } from './share/ExportMenu';
import { LibraryMenu } from './share/LibraryMenu';
import { readHash } from './share/permalinkSync';
import { ShareMenu } from './share/ShareMenu';
import { CompareControl } from './components/CompareControl';
import { followLane } from './store/compareLanes';
import { createLabStore, startupConfig, type LabStore } from './store/labStore';
import { createWorkerBridge } from './worker/bridge';
import './lab.css';

const embed = parseEmbedOptions(location.search);
const first = readHash(location.hash);
const store = createLabStore(createWorkerBridge(), first.kind === 'config' ? first.config : startupConfig());

function Notices({ initial }: { initial: string[] }) {
  const [messages, setMessages] = useState(initial);
  useEffect(() => {
    function onHash(): void {
      const r = readHash(location.hash);
      if (r.kind === 'config') {
        store.getState().loadConfig(r.config);
        store.getState().play();
        setMessages(r.ignored.map((m) => `Ignored from the link: ${m}`));
      } else if (r.kind === 'rejected') setMessages([r.message]);
    }
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  if (!messages.length) return null;
  return (
    <div className="notice" role="alert">
      <ul>
        {messages.map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
      <button type="button" onClick={() => setMessages([])}>
        Dismiss
      </button>
    </div>
  );
}

const initialMessages = [
  ...(first.kind === 'config' ? first.ignored.map((m) => `Ignored from the link: ${m}`) : first.kind === 'rejected' ? [first.message] : []),
  ...embed.ignored.map((m) => `Embed option ignored: ${m}`),
];

store.getState().loadConfig(store.getState().config);
if (embed.embed) {
  attachEmbedBridge(store, embed);
  if (embed.startStep > 0) store.getState().stepOnce(embed.startStep);
}
// The collapse preset starts playing at once (ux.md: a picture before anything is read).
if (!embed.embed || embed.autoplay) store.getState().play();

function Root() {
  const [compare, setCompare] = useState<{ lane: LabStore; stop(): void } | null>(null);
  function pin(): void {
    const a = store.getState();
    const lane = createLabStore(createWorkerBridge(), a.config);
    lane.getState().loadConfig(a.config);
    setCompare({ lane, stop: followLane(store, lane) });
    a.reset();
  }
  function compareWith(experiment: LoadedExperiment): void {
    compare?.stop();
    compare?.lane.getState().dispose();
    // A saved run is finished: B shows its results and does not follow A.
    const lane = createLabStore(createWorkerBridge(), experiment.config);
    lane.getState().showResults(experiment.config, experiment.records.flat());
    setCompare({ lane, stop: () => {} });
  }
  function stop(): void {
    compare?.stop();
    compare?.lane.getState().dispose();
    setCompare(null);
  }
  return (
    <App
      store={store}
      compare={compare?.lane ?? null}
      embed={embed.embed ? embed : undefined}
      menus={
        embed.embed ? undefined : (
          <>
            <CompareControl compare={compare?.lane ?? null} onPin={pin} onStop={stop} />
            <ShareMenu store={store} />
            <ExportMenu store={store} />
            <LibraryMenu store={store} onCompare={compareWith} />
          </>
        )
      }
      notices={<Notices initial={initialMessages} />}
    />
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
