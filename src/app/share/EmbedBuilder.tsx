// The instructor's embed link builder: pick charts, controls, locked settings, the interventions
// offered, autoplay, a start step and the course page's origin; shows the embed URL, a
// copy-paste snippet (the iframe and a few lines that resize it to the lab's height) and a live
// preview. The query is written by formatEmbedQuery, so the embed reads back exactly what was
// picked.
import { useState } from 'react';
import { INTERVENTIONS } from '../../sim/interventions';
import { EMBED_CONTROLS, EMBED_LOCKABLE, formatEmbedQuery, normaliseOrigin, OFFERABLE_INTERVENTIONS, type EmbedControl, type EmbedLockable } from '../embed/embedOptions';
import { PANEL_IDS, type PanelId } from '../panels';
import { CopyField } from './CopyField';

const toggle = <T,>(list: T[], item: T): T[] => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);

function Checks<T extends string>({ title, names, labels, picked, onChange }: { title: string; names: readonly T[]; labels?: readonly string[]; picked: T[]; onChange: (next: T[]) => void }) {
  return (
    <fieldset className="checks">
      <legend>{title}</legend>
      {names.map((n, i) => (
        <label key={n} className="check">
          <input type="checkbox" checked={picked.includes(n)} onChange={() => onChange(toggle(picked, n))} /> {labels?.[i] ?? n}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * The iframe and a listener that sets its height from the lab's resize messages (only from the
 * lab's origin and that iframe). Plain ES5, so it runs on any course page.
 */
export function embedSnippet(url: string, labOrigin: string): string {
  return [
    `<iframe id="entropy-lab" src="${url}" title="Entropy Lab" style="width:100%;border:0;height:640px" loading="lazy"></iframe>`,
    '<script>',
    "addEventListener('message', function (e) {",
    "  var f = document.getElementById('entropy-lab');",
    `  if (!f || e.source !== f.contentWindow || e.origin !== '${labOrigin}' || !e.data || e.data.type !== 'entropy-lab:resize') return;`,
    "  f.style.height = Math.max(100, Math.min(6000, Number(e.data.height) || 640)) + 'px';",
    '});',
    '</script>',
  ].join('\n');
}

export function EmbedBuilder({ hash }: { hash: string }) {
  const [panels, setPanels] = useState<PanelId[]>(['entropy', 'reward']);
  const [controls, setControls] = useState<EmbedControl[]>(['play', 'step', 'reset']);
  const [locked, setLocked] = useState<EmbedLockable[]>([]);
  const [offered, setOffered] = useState<string[]>([...OFFERABLE_INTERVENTIONS]);
  const [autoplay, setAutoplay] = useState(true);
  const [startText, setStartText] = useState('0');
  const [originText, setOriginText] = useState('');
  const [preview, setPreview] = useState(false);
  const start = Number(startText);
  const startStep = Number.isInteger(start) && start >= 0 ? start : 0;
  const origin = originText.trim() ? normaliseOrigin(originText) : undefined;
  const interventions = controls.includes('interventions') && offered.length < OFFERABLE_INTERVENTIONS.length ? OFFERABLE_INTERVENTIONS.filter((id) => offered.includes(id)) : undefined;
  const query = formatEmbedQuery({ panels, controls, locked, interventions, autoplay, startStep, allowedOrigins: origin ? [origin] : [] });
  const url = `${location.origin}${location.pathname}${query}#${hash}`;
  return (
    <fieldset className="embed-builder">
      <legend>Embed in a course page</legend>
      <Checks title="Charts" names={PANEL_IDS} picked={panels} onChange={setPanels} />
      <Checks title="Controls" names={EMBED_CONTROLS} picked={controls} onChange={setControls} />
      {controls.includes('interventions') && (
        <Checks title="Interventions offered" names={OFFERABLE_INTERVENTIONS} labels={INTERVENTIONS.map((s) => s.label)} picked={offered} onChange={setOffered} />
      )}
      <Checks title="Locked settings (shown, not editable)" names={EMBED_LOCKABLE} picked={locked} onChange={setLocked} />
      <label className="check">
        <input type="checkbox" checked={autoplay} onChange={(e) => setAutoplay(e.target.checked)} /> start playing on load
      </label>
      <label htmlFor="embed-start">Start at step</label>
      <input id="embed-start" inputMode="numeric" value={startText} onChange={(e) => setStartText(e.target.value)} />
      {startStep !== start && <small role="alert">The start step must be a whole number ≥ 0; using 0.</small>}
      <label htmlFor="embed-origin">Course page origin allowed to send commands</label>
      <input id="embed-origin" placeholder="https://course.example.edu" value={originText} aria-describedby="embed-origin-help" onChange={(e) => setOriginText(e.target.value)} />
      <small id="embed-origin-help" className="help">
        Needed when the course page has its own buttons (play, load…): the lab obeys only its own page and the origin named here, and shows a warning for any other. A page that only shows the lab can leave it empty.
      </small>
      {originText.trim() !== '' && !origin && <small role="alert">Not an http(s) origin such as https://course.example.edu; no origin is allowed.</small>}
      <CopyField label="Embed URL" value={url} />
      <CopyField label="iframe snippet" value={embedSnippet(url, location.origin)} multiline />
      <label className="check">
        <input type="checkbox" checked={preview} onChange={(e) => setPreview(e.target.checked)} /> live preview
      </label>
      {preview && <iframe className="embed-preview" src={url} title="Embed preview" loading="lazy" />}
    </fieldset>
  );
}
