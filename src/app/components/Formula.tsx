// A KaTeX formula. Only the lab's own formula strings (from the module specs) come here,
// never user text. It scrolls sideways where it is wider than its column (a phone), so it is
// focusable for keyboard users, and carries MathML for screen readers.
import katex from 'katex';
import { useMemo } from 'react';

export function Formula({ tex, display = true }: { tex: string; display?: boolean }) {
  const html = useMemo(() => katex.renderToString(tex, { displayMode: display, throwOnError: false, output: 'htmlAndMathml' }), [tex, display]);
  return <span className="formula" tabIndex={0} role="group" aria-label="formula (scrolls sideways when wide)" dangerouslySetInnerHTML={{ __html: html }} />;
}
