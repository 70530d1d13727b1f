// A Library list in React (saved runs, kept logs): the items, and every action run through
// `attempt`, which refreshes the list and turns a LibraryError into the message it carries.
import { useEffect, useState } from 'react';
import { LibraryError } from './savedRuns';

export type LibraryMessage = { kind: 'status' | 'alert'; text: string } | null;

export function useLibraryList<T>(list: () => Promise<T[]>) {
  const [items, setItems] = useState<T[]>([]);
  const [message, setMessage] = useState<LibraryMessage>(null);

  async function attempt(fn: () => Promise<string | void>): Promise<void> {
    try {
      const text = await fn();
      setItems(await list());
      if (text) setMessage({ kind: 'status', text });
    } catch (e) {
      setMessage({ kind: 'alert', text: e instanceof LibraryError ? e.message : `Library: ${(e as Error).message}` });
    }
  }

  useEffect(() => void attempt(async () => undefined), []);
  return { items, message, attempt };
}

export function LibraryNotice({ message }: { message: LibraryMessage }) {
  return (
    message && (
      <p role={message.kind} className={message.kind === 'alert' ? 'error' : 'help'}>
        {message.text}
      </p>
    )
  );
}

export interface LibraryAction {
  label: string;
  /** The accessible name, with the item's name in it ("Delete run 3"). */
  name: string;
  run(): void;
}

/** One row of a Library list: the name, what it holds, and its buttons. */
export function LibraryItem({ name, meta, actions }: { name: string; meta?: string; actions: LibraryAction[] }) {
  return (
    <li>
      <span className="name">{name}</span>
      {meta && <span className="meta">{meta}</span>}
      <span className="row">
        {actions.map((a) => (
          <button key={a.label} type="button" onClick={a.run} aria-label={a.name}>
            {a.label}
          </button>
        ))}
      </span>
    </li>
  );
}
