import { Menu } from '../share/Menu';
import { TOURS, type Tour } from './tours';

export function TourMenu({ onStart }: { onStart(tour: Tour): void }) {
  return (
    <Menu label="Guided tours" closeOnChoice>
      <ol className="tour-list">
        {TOURS.map((t) => (
          <li key={t.id}>
            <button type="button" onClick={() => onStart(t)}>
              {t.finding}. {t.title}
            </button>
          </li>
        ))}
      </ol>
    </Menu>
  );
}
