// A small disclosure menu (button + panel) that works with the keyboard: Escape closes it and
// returns focus to its button.
import { useEffect, useRef, useState, type ReactNode } from 'react';

export function Menu({ label, children, closeOnChoice = false }: { label: string; children: ReactNode; /** Close once a button inside is pressed. */ closeOnChoice?: boolean }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    function onKey(e: KeyboardEvent): void {
      if (e.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    }
    function onClick(e: MouseEvent): void {
      if (!panel.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setOpen(false);
    }
    window.addEventListener('keydown', onKey);
    window.addEventListener('mousedown', onClick);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('mousedown', onClick);
    };
  }, [open]);
  const id = `menu-${label.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <div className="menu">
      <button ref={button} type="button" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        {label} ▾
      </button>
      {open && (
        <div ref={panel} id={id} className="menu-panel" role="region" aria-label={label} onClick={(e) => closeOnChoice && (e.target as HTMLElement).closest('button') && setOpen(false)}>
          {children}
        </div>
      )}
    </div>
  );
}
