import { describe, it, expect } from 'vitest';
import { menuTemplate, menuCommands, type MenuSpec } from '../../../src-main/electron/menu-template.js';
import { APP_COMMANDS } from '../../../shared/api.js';

const base = { platform: 'linux' as const, recent: [], theme: 'system' as const, devTools: false };
const labels = (items: MenuSpec[]) => items.map((i) => ('label' in i ? i.label : i.kind === 'role' ? i.role : '—'));
const find = (items: MenuSpec[], label: string): MenuSpec | undefined =>
  items.flatMap((i) => (i.kind === 'submenu' ? [i, ...(find(i.items, label) ? [find(i.items, label)!] : [])] : [i])).find((i) => 'label' in i && i.label === label);

describe('the application menu', () => {
  it('has the issue’s commands with their shortcuts', () => {
    const commands = menuCommands(menuTemplate(base));
    for (const c of ['new', 'open', 'save', 'save-as', 'import-json', 'export-json', 'undo', 'redo', 'delete', 'select-all', 'fit', 'run-drill', 'run-all-drills', 'run-matrix', 'export-report', 'export-capture', 'theme-light', 'theme-dark'])
      expect(commands).toContain(c);
    expect(find(menuTemplate(base), '&Undo')).toMatchObject({ accelerator: 'CmdOrCtrl+Z' });
    expect(find(menuTemplate(base), '&Redo')).toMatchObject({ accelerator: 'Ctrl+Shift+Z' });
  });

  it('has the editor’s speed features: Find, the palette, the cable tool, copy/paste/duplicate, arrange and collapse', () => {
    const menu = menuTemplate(base);
    const edit = find(menu, '&Edit');
    expect(edit?.kind === 'submenu' && labels(edit.items)).toEqual(expect.arrayContaining(['cut', 'copy', 'paste', 'Dup&licate', '&Find…', 'Re&name', 'Ca&ble Tool']));
    expect(find(menu, '&Find…')).toMatchObject({ command: 'find', accelerator: 'CmdOrCtrl+F' });
    expect(find(menu, '&Command Palette…')).toMatchObject({ command: 'command-palette', accelerator: 'CmdOrCtrl+Shift+P' });
    expect(find(menu, 'Dup&licate')).toMatchObject({ command: 'duplicate', accelerator: 'CmdOrCtrl+D' });
    expect(find(menu, 'Ca&ble Tool')).toMatchObject({ command: 'cable-tool', accelerator: 'C' });
    expect(find(menu, 'Re&name')).toMatchObject({ command: 'rename', accelerator: 'F2' });
    const commands = menuCommands(menu);
    for (const c of ['arrange-left', 'arrange-centre', 'arrange-right', 'arrange-top', 'arrange-middle', 'arrange-bottom', 'arrange-horizontally', 'arrange-vertically', 'snap-to-grid'])
      expect(commands).toContain(c);
    for (const c of ['collapse-hosts', 'expand-hosts', 'collapse-all-hosts', 'expand-all-hosts', 'toggle-minimap', 'add-vms', 'add-hosts-like']) expect(commands).toContain(c);
    expect(labels(menu)).toEqual(['&File', '&Edit', '&View', '&Drills', '&Arrange', '&Window', '&Help']);
  });

  it('leaves keys that type text to the window: a bare letter or F2 is shown, never taken from a text field', () => {
    const commands = (items: MenuSpec[]): Extract<MenuSpec, { kind: 'command' }>[] =>
      items.flatMap((i) => (i.kind === 'submenu' ? commands(i.items) : i.kind === 'command' ? [i] : []));
    for (const item of commands(menuTemplate(base))) {
      if (item.accelerator && !/^(CmdOrCtrl|Cmd|Ctrl|Alt)\+|^(F5|Shift\+F5|Delete)$/.test(item.accelerator)) expect(item, item.label).toMatchObject({ shownOnly: true });
    }
    expect(find(menuTemplate(base), '&Undo')).not.toHaveProperty('shownOnly');
  });

  it('sends only commands the contract declares', () => {
    for (const c of menuCommands(menuTemplate({ ...base, platform: 'darwin' }))) expect(APP_COMMANDS).toContain(c);
  });

  it('lists recent files under Open Recent', () => {
    const menu = menuTemplate({ ...base, recent: [{ path: '/labs/a.lab', displayName: 'a.lab' }] });
    const recent = find(menu, 'Open &Recent');
    expect(recent?.kind === 'submenu' && recent.items[0]).toEqual({ kind: 'open-recent', label: 'a.lab', path: '/labs/a.lab' });
    const empty = find(menuTemplate(base), 'Open &Recent');
    expect(empty?.kind === 'submenu' && empty.items).toEqual([{ kind: 'clear-recent', label: 'Clear Recent', enabled: false }]);
  });

  it('follows each platform’s conventions', () => {
    expect(labels(menuTemplate({ ...base, platform: 'darwin' }))[0]).toBe('Lab Planner');
    expect(labels(menuTemplate(base))[0]).toBe('&File');
    expect(find(menuTemplate(base), 'E&xit')).toBeDefined();
  });

  it('marks the current theme', () => {
    expect(find(menuTemplate({ ...base, theme: 'dark' }), '&Dark')).toMatchObject({ checked: true });
    expect(find(menuTemplate({ ...base, theme: 'dark' }), '&Light')).toMatchObject({ checked: false });
  });
});
