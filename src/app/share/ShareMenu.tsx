// Share ▾: the permalink (copy, or select by hand when the clipboard is unavailable; with B when
// comparing), the same experiment on the command line, and the embed link builder.
import { useStore } from 'zustand';
import { encodePermalink } from '../../sim/permalink';
import { useComparison } from '../compare/compare';
import type { LabStore } from '../store/labStore';
import { CopyField } from './CopyField';
import { EmbedBuilder } from './EmbedBuilder';
import { Menu } from './Menu';
import { formatHash } from './permalinkSync';

export function ShareMenu({ store }: { store: LabStore }) {
  const config = useStore(store, (s) => s.config);
  const comparison = useComparison();
  const configB = useStore(comparison?.store ?? store, (s) => s.config);
  const b = comparison ? configB : undefined;
  const hash = encodePermalink(config);
  return (
    <Menu label="Share">
      <CopyField label={b ? 'Link to this comparison (A and B)' : 'Link to this experiment'} value={`${location.origin}${location.pathname}#${formatHash(config, b)}`} />
      <CopyField label={b ? 'A’s numbers from the command line' : 'Same numbers from the command line'} value={`npm run sim -- '#${hash}'`} />
      {b && <CopyField label="B’s numbers from the command line" value={`npm run sim -- '#${encodePermalink(b)}'`} />}
      <EmbedBuilder hash={hash} />
    </Menu>
  );
}
