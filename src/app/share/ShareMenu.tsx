// Share ▾: the permalink (copy, or select by hand when the clipboard is unavailable), the same
// experiment on the command line, and the embed link builder for course pages.
import { useStore } from 'zustand';
import { encodePermalink } from '../../sim/permalink';
import type { LabStore } from '../store/labStore';
import { CopyField } from './CopyField';
import { EmbedBuilder } from './EmbedBuilder';
import { Menu } from './Menu';

export function ShareMenu({ store }: { store: LabStore }) {
  const config = useStore(store, (s) => s.config);
  const hash = encodePermalink(config);
  return (
    <Menu label="Share">
      <CopyField label="Link to this experiment" value={`${location.origin}${location.pathname}#${hash}`} />
      <CopyField label="Same numbers from the command line" value={`npm run sim -- '#${hash}'`} />
      <EmbedBuilder hash={hash} />
    </Menu>
  );
}
