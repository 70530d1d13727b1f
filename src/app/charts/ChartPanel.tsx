// A chart's frame in the lab: title, the chart, its warnings, an expand button (the chart fills
// the window; Escape or the button shrinks it back and focus returns to the button), and a
// toggleable table of the latest values under the CLI's metric names, one column per
// configuration (the chart's text alternative).
import { useEffect, useRef, useState, type ReactNode } from 'react';

export interface TableRow {
  metric: string;
  /** One value per configuration shown (A, then B). */
  values: (number | string | null)[];
}

export interface TableColumn {
  name: string;
  colour: string;
}

interface Props {
  id: string;
  title: string;
  rows: TableRow[];
  /** The configurations the columns hold (A alone, or A and B). */
  columns: TableColumn[];
  warnings?: string[];
  focused?: boolean;
  onFocus?(): void;
  children: ReactNode;
}

export function formatValue(v: number | string | null | undefined): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  if (!Number.isFinite(v) || Number.isInteger(v)) return String(v);
  return Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(3) : v.toFixed(4);
}

export function ChartPanel({ id, title, rows, columns, warnings = [], focused, onFocus, children }: Props) {
  const [table, setTable] = useState(false);
  const [expanded, setExpanded] = useState(false);
  const expandButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!expanded) return;
    function onKey(e: KeyboardEvent): void {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      setExpanded(false);
      expandButton.current?.focus();
    }
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [expanded]);
  return (
    <>
      {expanded && <div className="expand-backdrop" aria-hidden="true" onClick={() => setExpanded(false)} />}
      <section
        className={`chart-panel ${expanded ? 'expanded' : ''} ${focused ? 'focused' : ''}`}
        aria-labelledby={`${id}-title`}
        data-panel={id}
        onFocusCapture={onFocus}
        onClick={onFocus}
        {...(expanded ? { role: 'dialog', 'aria-modal': false } : {})}
      >
        <header>
          <h3 id={`${id}-title`}>{title}</h3>
          <div className="panel-actions">
            <button type="button" aria-pressed={table} onClick={() => setTable(!table)}>
              {table ? 'Hide table' : 'Table'}
            </button>
            <button ref={expandButton} type="button" aria-pressed={expanded} aria-label={expanded ? `Shrink ${title} (Escape)` : `Expand ${title}`} title={expanded ? 'Shrink (Escape)' : 'Expand'} onClick={() => setExpanded(!expanded)}>
              {expanded ? '⤡' : '⤢'}
            </button>
          </div>
        </header>
        <div className="chart" data-chart-id={id}>
          {children}
        </div>
        {warnings.map((w) => (
          <p key={w} className="warning" role="status">
            ⚠ {w}
          </p>
        ))}
        {table && (
          <table className="values" aria-label={`${title}: latest values`}>
            <thead>
              <tr>
                <th scope="col">metric</th>
                {columns.map((c) => (
                  <th key={c.name} scope="col" style={{ borderBottomColor: c.colour }} className="side-column">
                    <span className="swatch" style={{ background: c.colour }} aria-hidden="true" />
                    {columns.length > 1 ? c.name : 'value'}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.metric} data-metric={r.metric}>
                  <th scope="row">{r.metric}</th>
                  {columns.map((c, i) => (
                    <td key={c.name} data-side={i === 0 ? 'A' : 'B'}>
                      {formatValue(r.values[i])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
