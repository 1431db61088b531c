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
