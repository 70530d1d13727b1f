// The instructor's embed link builder: pick charts, controls, locked settings, autoplay, a start
// step and the course page's origin; shows the embed URL, an <iframe> snippet and a live preview.
// The query is written by formatEmbedQuery, so the embed reads back exactly what was picked.
import { useState } from 'react';
import { EMBED_CONTROLS, EMBED_LOCKABLE, EMBED_PANELS, formatEmbedQuery, normaliseOrigin, type EmbedControl, type EmbedPanel } from '../embed/embedOptions';
import { CopyField } from './CopyField';

const toggle = <T,>(list: T[], item: T): T[] => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);

function Checks<T extends string>({ title, names, picked, onChange }: { title: string; names: readonly T[]; picked: T[]; onChange: (next: T[]) => void }) {
  return (
    <fieldset className="checks">
      <legend>{title}</legend>
      {names.map((n) => (
        <label key={n} className="check">
          <input type="checkbox" checked={picked.includes(n)} onChange={() => onChange(toggle(picked, n))} /> {n}
        </label>
      ))}
    </fieldset>
  );
}

export function EmbedBuilder({ hash }: { hash: string }) {
  const [panels, setPanels] = useState<EmbedPanel[]>(['entropy', 'reward']);
  const [controls, setControls] = useState<EmbedControl[]>(['play', 'step', 'reset']);
  const [locked, setLocked] = useState<string[]>([]);
  const [autoplay, setAutoplay] = useState(true);
  const [startText, setStartText] = useState('0');
  const [originText, setOriginText] = useState('');
  const [preview, setPreview] = useState(false);
  const start = Number(startText);
  const startStep = Number.isInteger(start) && start >= 0 ? start : 0;
  const origin = originText.trim() ? normaliseOrigin(originText) : undefined;
  const query = formatEmbedQuery({ panels, controls, locked, autoplay, startStep, allowedOrigins: origin ? [origin] : [] });
  const url = `${location.origin}${location.pathname}${query}#${hash}`;
  const snippet = `<iframe src="${url}" title="Entropy Lab" style="width:100%;border:0" height="640" loading="lazy"></iframe>`;
  return (
    <fieldset className="embed-builder">
      <legend>Embed in a course page</legend>
      <Checks title="Charts" names={EMBED_PANELS} picked={panels} onChange={setPanels} />
      <Checks title="Controls" names={EMBED_CONTROLS} picked={controls} onChange={setControls} />
      <Checks title="Locked settings (shown, not editable)" names={EMBED_LOCKABLE} picked={locked} onChange={setLocked} />
      <label className="check">
        <input type="checkbox" checked={autoplay} onChange={(e) => setAutoplay(e.target.checked)} /> start playing on load
      </label>
      <label htmlFor="embed-start">Start at step</label>
      <input id="embed-start" inputMode="numeric" value={startText} onChange={(e) => setStartText(e.target.value)} />
      {startStep !== start && <small role="alert">The start step must be a whole number ≥ 0; using 0.</small>}
      <label htmlFor="embed-origin">Course page origin allowed to send commands (optional)</label>
      <input id="embed-origin" placeholder="https://course.example.edu" value={originText} onChange={(e) => setOriginText(e.target.value)} />
      {originText.trim() !== '' && !origin && <small role="alert">Not an http(s) origin such as https://course.example.edu; no origin is allowed.</small>}
      <CopyField label="Embed URL" value={url} />
      <CopyField label="iframe snippet" value={snippet} />
      <label className="check">
        <input type="checkbox" checked={preview} onChange={(e) => setPreview(e.target.checked)} /> live preview
      </label>
      {preview && <iframe className="embed-preview" src={url} title="Embed preview" loading="lazy" />}
    </fieldset>
  );
}
