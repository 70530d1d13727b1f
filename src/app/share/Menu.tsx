// A small disclosure menu (button + panel) that works with the keyboard: Escape closes it and
// returns focus to its button, and it closes when focus or a click goes elsewhere. On a phone
// the panel is a sheet across the screen's width (lab.css), never off its edge.
import { useEffect, useRef, useState, type ReactNode } from 'react';

export function Menu({ label, children, closeOnChoice = false }: { label: string; children: ReactNode; /** Close once a button inside is pressed. */ closeOnChoice?: boolean }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    function onKey(e: KeyboardEvent): void {
      if (e.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    }
    function onPointer(e: MouseEvent): void {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    }
    function onFocus(e: FocusEvent): void {
      if (e.target instanceof Node && !root.current?.contains(e.target)) setOpen(false);
    }
    window.addEventListener('keydown', onKey);
    window.addEventListener('mousedown', onPointer);
    window.addEventListener('focusin', onFocus);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('mousedown', onPointer);
      window.removeEventListener('focusin', onFocus);
    };
  }, [open]);
  const id = `menu-${label.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <div className="menu" ref={root}>
      <button ref={button} type="button" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        {label} ▾
      </button>
      {open && (
        <div id={id} className="menu-panel" role="region" aria-label={label} onClick={(e) => closeOnChoice && (e.target as HTMLElement).closest('button') && setOpen(false)}>
          {children}
        </div>
      )}
    </div>
  );
}
