// Entry point of the lab page: the store and its worker, permalink and embed handling.
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'katex/dist/katex.min.css';
import { App } from './App';
import { attachEmbedBridge } from './embed/embedBridge';
import { parseEmbedOptions } from './embed/embedOptions';
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
  ...(cpu.ignored ? [`Option ignored: ${cpu.ignored}`] : []),
];

store.getState().loadConfig(store.getState().config);
if (embed.embed) {
  attachEmbedBridge(store, embed);
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
      notices={<Notices initial={initialMessages} />}
      createComparison={(config) => {
        const data = new RunData();
        return { store: createLabStore(createWorkerBridge(cpu.threads), config, data), data };
      }}
    />
  </StrictMode>,
);
