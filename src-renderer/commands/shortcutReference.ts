// The shortcut reference (?): every command that has a key, by menu, generated from the registry.
import { shortcutFor, titleOf, type Command, type HostKind } from './registry.js';

export interface ShortcutRow {
  title: string;
  /** The key in this host, and the others that do the same. */
  keys: string[];
  /** In the browser host, the desktop app's key when the browser keeps it for itself ("Ctrl+N in the desktop app"). */
  desktop: string | null;
}

/** Keys that are no command of their own but work everywhere in the window. */
const WINDOW_KEYS: { category: string; rows: ShortcutRow[] }[] = [
  {
    category: 'Everywhere',
    rows: [
      { title: 'Close the dialog, the menu or the palette', keys: ['Escape'], desktop: null },
      { title: 'Resize a panel (on a focused splitter)', keys: ['←', '→', '↑', '↓'], desktop: null },
    ],
  },
];

export function shortcutReference(commands: readonly Command[], host: HostKind): { category: string; rows: ShortcutRow[] }[] {
  const groups: { category: string; rows: ShortcutRow[] }[] = [];
  for (const c of commands) {
    const own = shortcutFor(c, host);
    if (!own) continue;
    let group = groups.find((g) => g.category === c.category);
    if (!group) groups.push((group = { category: String(c.category), rows: [] }));
    group.rows.push({ title: titleOf(c), keys: [own, ...(c.keys ?? []), ...(c.keysOutsideFields ?? [])], desktop: own !== c.shortcut ? c.shortcut! : null });
  }
  return [...groups, ...WINDOW_KEYS];
}
