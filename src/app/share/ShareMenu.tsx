// Share ▾: the permalink (copy, or select by hand when the clipboard is unavailable), the same
// experiment on the command line, and the embed link builder for course pages.
import { useState } from 'react';
import { useStore } from 'zustand';
import { encodePermalink } from '../../sim/permalink';
import { EMBED_CONTROLS, EMBED_PANELS, formatEmbedQuery, type EmbedControl, type EmbedPanel } from '../embed/embedOptions';
import type { LabStore } from '../store/labStore';
import { Menu } from './Menu';

function pageUrl(): string {
  return `${location.origin}${location.pathname}`;
}

function CopyField({ label, value }: { label: string; value: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const id = `copy-${label.toLowerCase().replace(/\W+/g, '-')}`;
  async function copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      setState('failed');
    }
  }
  return (
    <div className="copy-field">
      <label htmlFor={id}>{label}</label>
      <div className="row">
        <input id={id} readOnly value={value} onFocus={(e) => e.target.select()} />
        <button type="button" onClick={() => void copy()}>
          Copy
        </button>
      </div>
      {state === 'copied' && <small role="status">Copied.</small>}
      {state === 'failed' && <small role="alert">The clipboard is not available here: select the text above and copy it by hand.</small>}
    </div>
  );
}

function EmbedBuilder({ hash }: { hash: string }) {
  const [panels, setPanels] = useState<EmbedPanel[]>(['entropy', 'reward']);
  const [controls, setControls] = useState<EmbedControl[]>(['play', 'step', 'reset']);
  const [autoplay, setAutoplay] = useState(true);
  const [origin, setOrigin] = useState('');
  const toggle = <T,>(list: T[], item: T) => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);
  const query = formatEmbedQuery({ panels, controls, locked: [], autoplay, startStep: 0, allowedOrigins: origin.trim() ? [origin.trim()] : [] });
  const url = `${pageUrl()}?${query}#${hash}`;
  const snippet = `<iframe src="${url}" title="Entropy Lab" style="width:100%;border:0" height="640" loading="lazy"></iframe>`;
  return (
    <fieldset className="embed-builder">
      <legend>Embed in a course page</legend>
      <p className="help">Charts</p>
      {EMBED_PANELS.map((p) => (
        <label key={p} className="check">
          <input type="checkbox" checked={panels.includes(p)} onChange={() => setPanels(toggle(panels, p))} /> {p}
        </label>
      ))}
      <p className="help">Controls</p>
      {EMBED_CONTROLS.map((c) => (
        <label key={c} className="check">
          <input type="checkbox" checked={controls.includes(c)} onChange={() => setControls(toggle(controls, c))} /> {c}
        </label>
      ))}
      <label className="check">
        <input type="checkbox" checked={autoplay} onChange={(e) => setAutoplay(e.target.checked)} /> start playing on load
      </label>
      <label htmlFor="embed-origin">Course page origin allowed to send commands (optional)</label>
      <input id="embed-origin" placeholder="https://course.example.edu" value={origin} onChange={(e) => setOrigin(e.target.value)} />
      <CopyField label="Embed URL" value={url} />
      <CopyField label="iframe snippet" value={snippet} />
    </fieldset>
  );
}

export function ShareMenu({ store }: { store: LabStore }) {
  const config = useStore(store, (s) => s.config);
  const hash = encodePermalink(config);
  return (
    <Menu label="Share">
      <CopyField label="Link to this experiment" value={`${pageUrl()}#${hash}`} />
      <CopyField label="Same numbers from the command line" value={`npm run sim -- '#${hash}'`} />
      <EmbedBuilder hash={hash} />
    </Menu>
  );
}
