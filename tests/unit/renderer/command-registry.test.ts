// The command registry: one list behind the menu bar, the keys, the palette and the shortcut reference.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { computed } from 'vue';
import { createPinia, setActivePinia } from 'pinia';
import {
  allCommands, clearCommands, commandById, commandForKey, matchesShortcut, menus, registerCommands, registerCommandSource,
  runCommand, shortcutFor, titleOf, isEnabled, BROWSER_RESERVED, type HostKind,
} from '../../../src-renderer/commands/registry.js';
import { registerWindowCommands } from '../../../src-renderer/commands/windowCommands.js';
import { registerEditingCommands } from '../../../src-renderer/commands/editingCommands.js';
import { registerOverviewCommands } from '../../../src-renderer/commands/overviewCommands.js';
import { useCommands } from '../../../src-renderer/views/useCommands.js';
import { useLabStore } from '../../../src-renderer/stores/lab.js';
import { useApi } from '../../../src-renderer/api/client.js';
import { APP_COMMANDS } from '../../../shared/api.js';
import { menuCommands, menuTemplate, type MenuSpec } from '../../../src-main/electron/menu-template.js';
import { FakeService } from './fake-api.js';

type Press = Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;
const press = (key: string, mods: Partial<Press> = {}): Press => ({
  key, code: /^[a-z]$/i.test(key) ? `Key${key.toUpperCase()}` : '', ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods,
});

describe('shortcut matching', () => {
  it('tells Ctrl+Shift+P from Ctrl+P and from P', () => {
    expect(matchesShortcut(press('P', { ctrlKey: true, shiftKey: true }), 'Ctrl+Shift+P')).toBe(true);
    expect(matchesShortcut(press('p', { ctrlKey: true }), 'Ctrl+Shift+P')).toBe(false);
    expect(matchesShortcut(press('p'), 'Ctrl+Shift+P')).toBe(false);
    expect(matchesShortcut(press('p', { metaKey: true, shiftKey: true }), 'Ctrl+Shift+P')).toBe(true);
  });

  it('tells Ctrl+Enter from Ctrl+Shift+Enter and Delete from Backspace', () => {
    expect(matchesShortcut(press('Enter', { ctrlKey: true }), 'Ctrl+Enter')).toBe(true);
    expect(matchesShortcut(press('Enter', { ctrlKey: true, shiftKey: true }), 'Ctrl+Enter')).toBe(false);
    expect(matchesShortcut(press('Enter', { ctrlKey: true, shiftKey: true }), 'Ctrl+Shift+Enter')).toBe(true);
    expect(matchesShortcut(press('Delete'), 'Delete')).toBe(true);
    expect(matchesShortcut(press('Delete'), 'Del')).toBe(true);
    expect(matchesShortcut(press('Backspace'), 'Delete')).toBe(false);
  });

  it('takes ? and + as the characters typed, whatever Shift it took to type them', () => {
    expect(matchesShortcut(press('?', { shiftKey: true }), '?')).toBe(true);
    expect(matchesShortcut(press('/'), '?')).toBe(false);
    expect(matchesShortcut(press('+', { shiftKey: true }), '+')).toBe(true);
    expect(matchesShortcut(press('+', { ctrlKey: true, shiftKey: true }), '+')).toBe(false);
  });

  it('matches Alt+N by the key position where Alt types a character of its own (macOS)', () => {
    expect(matchesShortcut({ ...press('˜', { altKey: true }), code: 'KeyN' }, 'Alt+N')).toBe(true);
    expect(matchesShortcut(press('n', { altKey: true }), 'Ctrl+N')).toBe(false);
  });
});

describe('browser-host alternatives', () => {
  it('gives a shortcut the browser keeps for itself an Alt alternative in the browser host only', () => {
    expect(shortcutFor({ shortcut: 'Ctrl+N' }, 'browser')).toBe('Alt+N');
    expect(shortcutFor({ shortcut: 'Ctrl+W' }, 'browser')).toBe('Alt+W');
    expect(shortcutFor({ shortcut: 'Ctrl+Shift+N' }, 'browser')).toBe('Alt+Shift+N');
    expect(shortcutFor({ shortcut: 'Ctrl+N' }, 'electron')).toBe('Ctrl+N');
    expect(shortcutFor({ shortcut: 'Ctrl+S' }, 'browser')).toBe('Ctrl+S');
    expect(shortcutFor({ shortcut: 'Ctrl+T', browserShortcut: 'Ctrl+Alt+T' }, 'browser')).toBe('Ctrl+Alt+T');
    expect(shortcutFor({}, 'browser')).toBeUndefined();
  });
});

describe('registering commands', () => {
  beforeEach(clearCommands);

  it('keeps registration order, replaces a command registered again in place, and takes a registration out', () => {
    const ran: string[] = [];
    const off = registerCommands([
      { id: 'a', title: 'A', category: 'Edit', run: () => ran.push('a') },
      { id: 'b', title: 'B', category: 'Edit', run: () => ran.push('b') },
    ]);
    registerCommands([{ id: 'a', title: 'A again', category: 'Edit', run: () => ran.push('a2') }]);
    expect(allCommands().map(titleOf)).toEqual(['A again', 'B']);
    expect(runCommand('a')).toBe(true);
    expect(ran).toEqual(['a2']);
    off();
    expect(allCommands().map((c) => c.id)).toEqual(['a']);
  });

  it('does not run a disabled command, and says so', () => {
    let ran = false;
    registerCommands([{ id: 'x', title: 'X', category: 'Edit', enabled: () => false, run: () => (ran = true) }]);
    expect(runCommand('x')).toBe(false);
    expect(runCommand('missing')).toBe(false);
    expect(ran).toBe(false);
  });

  it('reads command sources each time, so a computed menu follows them', () => {
    let files = ['one.lab'];
    const trigger = { n: 0 };
    registerCommandSource('recent', () => (trigger.n, files.map((f) => ({ id: `open:${f}`, title: f, category: 'File', run: () => undefined }))));
    const titles = computed(() => menus().flatMap((m) => m.commands.map(titleOf)));
    expect(titles.value).toEqual(['one.lab']);
    files = ['one.lab', 'two.lab'];
    registerCommands([{ id: 'later', title: 'Later', category: 'File', run: () => undefined }]);
    expect(titles.value).toEqual(['one.lab', 'two.lab', 'Later']);
  });

  it('lays the menus out File, Edit, View, Drills, others, Help, whatever order modules register in', () => {
    registerCommands([
      { id: 'h', title: 'H', category: 'Help', run: () => undefined },
      { id: 'm', title: 'M', category: 'Matrix', run: () => undefined },
      { id: 'e', title: 'E', category: 'Edit', run: () => undefined },
      { id: 'f', title: 'F', category: 'File', run: () => undefined },
      { id: 'p', title: 'P', category: 'View', inMenu: false, run: () => undefined },
    ]);
    expect(menus().map((m) => m.name)).toEqual(['File', 'Edit', 'Matrix', 'Help']);
  });
});

describe("the window's commands", () => {
  let off: () => void = () => undefined;
  beforeEach(() => {
    clearCommands();
    useApi(new FakeService());
    setActivePinia(createPinia());
    // As the editor does: the window's, the editing and the overview commands.
    const offs = [registerWindowCommands(), registerEditingCommands(), registerOverviewCommands()];
    off = () => offs.forEach((o) => o());
  });
  afterEach(() => off());

  it('has a command for every command the Electron menu sends', () => {
    const registered = new Set(allCommands().map((c) => c.id));
    for (const c of APP_COMMANDS) expect(registered, c).toContain(c);
    for (const c of menuCommands(menuTemplate({ platform: 'linux', recent: [], theme: 'light', devTools: true }))) expect(registered, c).toContain(c);
  });

  it('runs each Electron menu accelerator in the window as well: the native menu and the registry agree', () => {
    const accelerators = (items: MenuSpec[]): { command: string; accelerator: string }[] =>
      items.flatMap((i) => (i.kind === 'submenu' ? accelerators(i.items) : i.kind === 'command' && i.accelerator ? [{ command: i.command, accelerator: i.accelerator }] : []));
    for (const platform of ['linux', 'darwin'] as const) {
      for (const { command, accelerator } of accelerators(menuTemplate({ platform, recent: [], theme: 'light', devTools: false }))) {
        const c = commandById(command)!;
        expect([c.shortcut, ...(c.keys ?? [])], `${command} ${accelerator}`).toContain(accelerator.replace(/^(CmdOrCtrl|Cmd)\+/, 'Ctrl+'));
      }
    }
  });

  it('puts every menu item of the menu bar in the registry: the File menu lists the examples and recent files as commands', () => {
    const commands = useCommands();
    commands.examples.value = [{ id: 'field-report', title: 'Field report', description: '' } as never];
    commands.recent.value = [{ path: 'labs/a.lab', displayName: 'a.lab', title: 'A' } as never];
    const file = menus().find((m) => m.name === 'File')!;
    expect(file.commands.map(titleOf)).toEqual(expect.arrayContaining(['New empty lab', 'New from example: Field report', 'Open…', 'Open recent: a.lab', 'Save', 'Close lab']));
    for (const m of menus()) for (const c of m.commands) expect(titleOf(commandById(c.id)!)).toBe(titleOf(c));
    expect(menus().map((m) => m.name)).toEqual(['File', 'Edit', 'View', 'Drills', 'Arrange', 'Help']);
  });

  it('gives no two commands the same shortcut, and none the browser keeps for itself in the browser host', () => {
    for (const host of ['browser', 'electron'] as HostKind[]) {
      const shown = allCommands().flatMap((c) => [shortcutFor(c, host), ...(c.keys ?? [])]).filter((s): s is string => !!s);
      expect(new Set(shown).size, host).toBe(shown.length);
      if (host === 'browser') for (const s of shown) expect(BROWSER_RESERVED.has(s), s).toBe(false);
    }
  });

  it('runs the command of a key press: Ctrl+Shift+P the palette, ? the shortcut reference, Alt+N a new lab in the browser only', () => {
    expect(commandForKey(press('P', { ctrlKey: true, shiftKey: true }), 'browser', false)?.id).toBe('command-palette');
    expect(commandForKey(press('P', { ctrlKey: true, shiftKey: true }), 'browser', true)?.id).toBe('command-palette');
    expect(commandForKey(press('?', { shiftKey: true }), 'browser', false)?.id).toBe('shortcut-reference');
    expect(commandForKey(press('?', { shiftKey: true }), 'browser', true)).toBeUndefined();
    expect(commandForKey(press('n', { altKey: true }), 'browser', false)?.id).toBe('new');
    expect(commandForKey(press('n', { altKey: true }), 'electron', false)).toBeUndefined();
    expect(commandForKey(press('n', { ctrlKey: true }), 'electron', false)?.id).toBe('new');
    expect(commandForKey(press('y', { ctrlKey: true }), 'browser', false)?.id).toBe('redo');
    expect(commandForKey(press('Backspace'), 'browser', false)?.id).toBe('delete');
    expect(commandForKey(press('Delete'), 'browser', true)).toBeUndefined();
  });

  it('follows the lab: Save is disabled with no lab, Undo names the edit it undoes', async () => {
    const lab = useLabStore();
    expect(isEnabled(commandById('save')!)).toBe(false);
    expect(titleOf(commandById('undo')!)).toBe('Undo');
    await lab.newLab({ kind: 'example', id: 'field-report' });
    lab.edit('Rename VM', (d) => void (d.vms[0].name = 'Guest9'));
    expect(isEnabled(commandById('save')!)).toBe(true);
    expect(titleOf(commandById('undo')!)).toBe('Undo Rename VM');
  });
});
