// What the command palette lists for a query: every command, fuzzy-matched on its title and menu, best first.
import fuzzysort from 'fuzzysort';
import { isEnabled, shortcutFor, titleOf, type Command, type HostKind } from './registry.js';

export interface TitlePart {
  text: string;
  /** The characters the query matched, drawn in bold. */
  matched: boolean;
}

export interface PaletteRow {
  command: Command;
  title: string;
  parts: TitlePart[];
  category: string;
  shortcut: string | undefined;
  enabled: boolean;
}

function row(command: Command, host: HostKind, title: string, parts: TitlePart[]): PaletteRow {
  return { command, title, parts, category: command.category, shortcut: shortcutFor(command, host), enabled: isEnabled(command) };
}

/** The rows for a query: all commands in menu order when it is empty, else the matches by score (menu order on ties). */
export function paletteRows(query: string, commands: readonly Command[], host: HostKind): PaletteRow[] {
  const items = commands.map((command, order) => ({ command, order, title: titleOf(command), category: String(command.category) }));
  const q = query.trim();
  if (!q) return items.map((i) => row(i.command, host, i.title, [{ text: i.title, matched: false }]));
  const found = fuzzysort.go(q, items, { keys: ['title', 'category'], threshold: 0.5, limit: 0 });
  return [...found]
    .sort((a, b) => b.score - a.score || a.obj.order - b.obj.order)
    .map((r) => {
      const onTitle = r[0];
      const parts = onTitle && onTitle.indexes.length
        ? onTitle.highlight((text) => ({ text, matched: true })).map((p) => (typeof p === 'string' ? { text: p, matched: false } : p)).filter((p) => p.text)
        : [{ text: r.obj.title, matched: false }];
      return row(r.obj.command, host, r.obj.title, parts);
    });
}
