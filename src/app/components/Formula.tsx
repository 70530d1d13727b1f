// A KaTeX formula. Only the lab's own formula strings (from the module specs) come here,
// never user text.
import katex from 'katex';
import { useMemo } from 'react';

export function Formula({ tex, display = true }: { tex: string; display?: boolean }) {
  const html = useMemo(() => katex.renderToString(tex, { displayMode: display, throwOnError: false, output: 'html' }), [tex, display]);
  return <span className="formula" dangerouslySetInnerHTML={{ __html: html }} />;
}
