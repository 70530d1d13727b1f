import type { EmbedPanel } from '../embed/embedOptions';
import { Citation } from './Citation';
import { EXPLANATIONS } from './explanations';
import { Formula } from './Formula';

export function ExplainPanel({ focus }: { focus: EmbedPanel }) {
  const e = EXPLANATIONS[focus];
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
