// The explanation of the focused chart (its formula, what it shows, what to look for), read from
// the panel registry.
import { panelSpec, type PanelId } from '../panels';
import { Citation } from './Citation';
import { Formula } from './Formula';

export function ExplainPanel({ focus }: { focus: PanelId }) {
  const e = panelSpec(focus)?.explanation;
  if (!e) return null;
  return (
    <aside className="explain" aria-labelledby="explain-title" aria-live="polite">
      <h2 id="explain-title">{e.title}</h2>
      <Formula tex={e.formula} />
      <p>{e.text}</p>
      <h3>What to look for</h3>
      <p>{e.lookFor}</p>
      {e.citation && (
        <p className="meta">
          Source: <Citation citation={e.citation} />
        </p>
      )}
      <p className="meta">Select a chart to explain it.</p>
    </aside>
  );
}
