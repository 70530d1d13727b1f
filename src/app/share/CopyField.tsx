// A read-only text field with a Copy button; when the clipboard is unavailable (insecure
// context, permission denied) it says so and the text stays selectable to copy by hand.
import { useState } from 'react';

export function CopyField({ label, value }: { label: string; value: string }) {
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
