// A read-only text field with a Copy button; when the clipboard is unavailable (insecure
// context, permission denied) it says so and the text stays selectable to copy by hand.
// `multiline` shows a text area (a snippet of several lines).
import { useState } from 'react';

export function CopyField({ label, value, multiline = false }: { label: string; value: string; multiline?: boolean }) {
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
        {multiline ? <textarea id={id} readOnly value={value} rows={6} onFocus={(e) => e.target.select()} /> : <input id={id} readOnly value={value} onFocus={(e) => e.target.select()} />}
        <button type="button" onClick={() => void copy()} aria-label={`Copy ${label}`}>
          Copy
        </button>
      </div>
      {state === 'copied' && <small role="status">Copied.</small>}
      {state === 'failed' && <small role="alert">The clipboard is not available here: select the text above and copy it by hand.</small>}
    </div>
  );
}
