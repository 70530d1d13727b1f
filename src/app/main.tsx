// Entry point of the lab page: the store and its worker, permalink and embed handling.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { useStore } from 'zustand';
import 'katex/dist/katex.min.css';
import { App } from './App';
import { attachEmbedBridge } from './embed/embedBridge';
import { parseEmbedOptions } from './embed/embedOptions';
import { notices } from './notices';
import { ExportMenu } from './share/ExportMenu';
import { RunData } from './data/runData';
import { readHash } from './share/permalinkSync';
import { ShareMenu } from './share/ShareMenu';
import { createLabStore, providePageStore, startupConfig } from './store/labStore';
import { createWorkerBridge } from './worker/bridge';
import { threadsFromQuery } from './worker/browserThreads';
import './lab.css';

const embed = parseEmbedOptions(location.search);
// ?threads=N: CPU worker threads (default: navigator.hardwareConcurrency).
const cpu = threadsFromQuery(location.search);
const first = readHash(location.hash);
const store = createLabStore(createWorkerBridge(cpu.threads), first.kind === 'config' ? first.config : startupConfig());
providePageStore(store);

function Notices() {
  const messages = useStore(notices, (s) => s.messages);
  if (!messages.length) return null;
  return (
    <div className="notice" role="alert">
      <ul>
        {messages.map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
      <button type="button" onClick={() => notices.getState().dismiss()}>
        Dismiss
      </button>
    </div>
  );
}

notices.getState().add(
  ...(first.kind === 'config' ? first.ignored.map((m) => `Ignored from the link: ${m}`) : first.kind === 'rejected' ? [first.message] : []),
  ...embed.ignored.map((m) => `Embed option ignored: ${m}`),
  ...(cpu.ignored ? [`Option ignored: ${cpu.ignored}`] : []),
);

store.getState().loadConfig(store.getState().config);
if (embed.embed) {
  attachEmbedBridge(store, embed, window, (warning) => notices.getState().add(warning));
  if (embed.startStep > 0) store.getState().stepOnce(embed.startStep);
}
// The collapse preset starts playing at once (ux.md: a picture before anything is read).
if (!embed.embed || embed.autoplay) store.getState().play();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App
      store={store}
      embed={embed.embed ? embed : undefined}
      menus={
        embed.embed ? undefined : (
          <>
            <ShareMenu store={store} />
            <ExportMenu store={store} />
          </>
        )
      }
      notices={<Notices />}
      initialComparison={!embed.embed && first.kind === 'config' ? first.compare : undefined}
      createComparison={(config) => {
        const data = new RunData();
        return { store: createLabStore(createWorkerBridge(cpu.threads), config, data), data };
      }}
    />
  </StrictMode>,
);
