// The window's command registry: the one list the menu bar, the keyboard, the palette and the shortcut reference read.
import { shallowRef } from 'vue';

/** The menu a command sits in; also its group in the palette and the shortcut reference. */
export type CommandCategory = 'File' | 'Edit' | 'View' | 'Drills' | 'Help' | (string & {});

export interface Command {
  /** Stable id, e.g. `save`; the Electron menu's commands (shared/api.ts APP_COMMANDS) use the same ids. */
  id: string;
  /** What the menu and the palette say; a function for titles that follow the state ("Undo Move"). */
  title: string | (() => string);
  category: CommandCategory;
  /** The shortcut shown and matched, written `Ctrl+Shift+P`, `Delete`, `?`, `F5`; `Ctrl` is Cmd on a Mac. */
  shortcut?: string;
  /** Further keys that run it but are not shown (`Ctrl+Y` for redo, `Backspace` for delete). */
  keys?: readonly string[];
  /** Keys that run it only while focus is not in a text field (`/` for find), when the command itself works in fields. */
  keysOutsideFields?: readonly string[];
  /** The shortcut in the browser host when the browser keeps `shortcut` for itself; derived when absent. */
  browserShortcut?: string;
  /** Whether it can run now; always when absent. Disabled commands show greyed in menus and the palette. */
  enabled?: () => boolean;
  /** The shortcut works while typing in a text field (saving, running drills, the palette). */
  inTextFields?: boolean;
  /** Listed in the menu bar (default); palette-only commands say false. */
  inMenu?: boolean;
  run: () => void;
}

/** Commands that change with the lab or the session (examples, recent files), asked for whenever the list is read. */
export type CommandSource = () => readonly Command[];

type Entry = { kind: 'command'; command: Command } | { kind: 'source'; id: string; source: CommandSource };

/** Registration order is menu order: each module's commands stay together, in the order given. */
const entries = shallowRef<readonly Entry[]>([]);

function keyOf(e: Entry): string {
  return e.kind === 'command' ? `command:${e.command.id}` : `source:${e.id}`;
}

function register(added: Entry[]): () => void {
  const kept = [...entries.value];
  // Registering an id again replaces it in place, so a module registering twice (hot reload, remount) keeps its order.
  for (const e of added) {
    const at = kept.findIndex((k) => keyOf(k) === keyOf(e));
    if (at >= 0) kept[at] = e;
    else kept.push(e);
  }
  entries.value = kept;
  return () => (entries.value = entries.value.filter((e) => !added.includes(e)));
}

/** Adds commands (or replaces those with the same id); returns a function that takes them out again. */
export function registerCommands(commands: readonly Command[]): () => void {
  return register(commands.map((command) => ({ kind: 'command', command })));
}

/** Adds a list of commands computed when read (one per recent file, per example), at this place in the order. */
export function registerCommandSource(id: string, source: CommandSource): () => void {
  return register([{ kind: 'source', id, source }]);
}

/** Every command, in registration order (reactive: a computed that reads it follows registrations and sources). */
export function allCommands(): Command[] {
  return entries.value.flatMap((e) => (e.kind === 'command' ? [e.command] : e.source()));
}

export function commandById(id: string): Command | undefined {
  return allCommands().find((c) => c.id === id);
}

export const titleOf = (c: Command): string => (typeof c.title === 'function' ? c.title() : c.title);
export const isEnabled = (c: Command): boolean => c.enabled?.() ?? true;

/** Runs a command by id if it exists and is enabled; answers whether it ran. */
export function runCommand(id: string): boolean {
  const c = commandById(id);
  if (!c || !isEnabled(c)) return false;
  c.run();
  return true;
}

const MENU_ORDER: readonly string[] = ['File', 'Edit', 'View', 'Drills', 'Help'];
const menuRank = (name: string) => (MENU_ORDER.includes(name) ? MENU_ORDER.indexOf(name) : MENU_ORDER.indexOf('Help') - 0.5);

/** The menus of the menu bar (File, Edit, View, Drills, other categories, Help), each with its commands in registration order. */
export function menus(): { name: CommandCategory; commands: Command[] }[] {
  const out: { name: CommandCategory; commands: Command[] }[] = [];
  for (const c of allCommands()) {
    if (c.inMenu === false) continue;
    let menu = out.find((m) => m.name === c.category);
    if (!menu) out.push((menu = { name: c.category, commands: [] }));
    menu.commands.push(c);
  }
  return out.sort((a, b) => menuRank(a.name) - menuRank(b.name));
}

/** Test-only: forget every registration. */
export function clearCommands(): void {
  entries.value = [];
}

// ---- shortcuts ---------------------------------------------------------------------------------

export type HostKind = 'electron' | 'browser';

/** Shortcuts a browser keeps for itself (new window, close tab, new tab, reopen tab…): a page never sees them. */
export const BROWSER_RESERVED = new Set(['Ctrl+N', 'Ctrl+Shift+N', 'Ctrl+W', 'Ctrl+Shift+W', 'Ctrl+T', 'Ctrl+Shift+T', 'Ctrl+Tab', 'Ctrl+Shift+Tab', 'Ctrl+Q', 'Ctrl+L', 'F11']);

/** The shortcut that works in this host: in a browser, Ctrl+N becomes Alt+N (or the command's own choice). */
export function shortcutFor(c: Pick<Command, 'shortcut' | 'browserShortcut'>, host: HostKind): string | undefined {
  if (!c.shortcut || host === 'electron' || !BROWSER_RESERVED.has(c.shortcut)) return c.shortcut;
  return c.browserShortcut ?? c.shortcut.replace(/^Ctrl\+/, 'Alt+');
}

interface Chord {
  ctrl: boolean;
  shift: boolean;
  alt: boolean;
  key: string;
}

function parse(shortcut: string): Chord {
  // The last part is the key, so `Ctrl++` means Ctrl and the plus key.
  const parts = shortcut.split(/\+(?=.)/);
  const key = parts.pop()!;
  const mods = new Set(parts.map((p) => p.toLowerCase()));
  return { ctrl: mods.has('ctrl'), shift: mods.has('shift'), alt: mods.has('alt'), key: key === 'Del' ? 'Delete' : key };
}

/** Whether a key press is this shortcut. Letters are matched by key position too, so Alt+N works where Alt types a letter of its own. */
export function matchesShortcut(e: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>, shortcut: string): boolean {
  const want = parse(shortcut);
  if (want.ctrl !== (e.ctrlKey || e.metaKey) || want.alt !== e.altKey) return false;
  if (/^[a-z]$/i.test(want.key)) return want.shift === e.shiftKey && (e.key.toLowerCase() === want.key.toLowerCase() || e.code === `Key${want.key.toUpperCase()}`);
  // Named keys (Enter, Delete, F5) care about Shift; printed symbols (?, +) already carry it in the key they type.
  if (want.key.length > 1) return want.shift === e.shiftKey && e.key.toLowerCase() === want.key.toLowerCase();
  return e.key === want.key;
}

/** The command a key press runs in this host, or undefined. `typing`: focus is in a text field. */
export function commandForKey(e: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>, host: HostKind, typing: boolean): Command | undefined {
  return allCommands().find((c) => {
    if (typing && !c.inTextFields) return false;
    const own = shortcutFor(c, host);
    return [own, ...(c.keys ?? []), ...(typing ? [] : (c.keysOutsideFields ?? []))].some((s) => s !== undefined && matchesShortcut(e, s));
  });
}
