// A chart's frame in the lab: title, the chart, its warnings, and a toggleable table of the
// latest values under the CLI's metric names (the chart's text alternative).
import { useState, type ReactNode } from 'react';
import type { EmbedPanel } from '../embed/embedOptions';

export interface TableRow {
  metric: string;
  value: number | string | null;
}

interface Props {
  id: EmbedPanel;
  title: string;
  rows: TableRow[];
  warnings?: string[];
  focused?: boolean;
  onFocus?(): void;
  children: ReactNode;
}

export function formatValue(v: number | string | null): string {
  if (v === null) return '—';
  if (typeof v === 'string') return v;
  if (!Number.isFinite(v) || Number.isInteger(v)) return String(v);
  return Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(3) : v.toFixed(4);
}

export function ChartPanel({ id, title, rows, warnings = [], focused, onFocus, children }: Props) {
  const [table, setTable] = useState(false);
  const [expanded, setExpanded] = useState(false);
  return (
    <section className={`chart-panel ${expanded ? 'expanded' : ''} ${focused ? 'focused' : ''}`} aria-labelledby={`${id}-title`} onFocusCapture={onFocus} onClick={onFocus}>
      <header>
        <h3 id={`${id}-title`}>{title}</h3>
        <div className="panel-actions">
          <button type="button" aria-pressed={table} onClick={() => setTable(!table)}>
            {table ? 'Hide table' : 'Table'}
          </button>
          <button type="button" aria-pressed={expanded} aria-label={expanded ? `Shrink ${title}` : `Expand ${title}`} onClick={() => setExpanded(!expanded)}>
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
              <th scope="col">value</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.metric} data-metric={r.metric}>
                <th scope="row">{r.metric}</th>
                <td>{formatValue(r.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
