// The application menu as data: what each item says, its shortcut, and the command it sends. No electron import.
import type { AppCommand } from '../../shared/api.js';

export type MenuRole =
  | 'about' | 'services' | 'hide' | 'hideOthers' | 'unhide' | 'quit' | 'close'
  | 'cut' | 'copy' | 'paste' | 'minimize' | 'zoom' | 'front' | 'togglefullscreen' | 'toggleDevTools' | 'reload';

export type MenuSpec =
  | { kind: 'separator' }
  | { kind: 'role'; role: MenuRole; label?: string }
  | {
      kind: 'command';
      label: string;
      command: AppCommand;
      accelerator?: string;
      /** The accelerator is shown but left to the window (a bare letter or F2 must still type into text fields). */
      shownOnly?: true;
      radioGroup?: 'theme';
      checked?: boolean;
    }
  | { kind: 'open-recent'; label: string; path: string }
  | { kind: 'clear-recent'; label: string; enabled: boolean }
  | { kind: 'submenu'; label: string; items: MenuSpec[]; role?: 'appMenu' | 'fileMenu' | 'editMenu' | 'viewMenu' | 'windowMenu' | 'help' };

export interface MenuInput {
  platform: NodeJS.Platform;
  recent: { path: string; displayName: string }[];
  theme: 'light' | 'dark' | 'system';
  /** Developer tools only in unpackaged runs. */
  devTools: boolean;
}

const sep: MenuSpec = { kind: 'separator' };
const cmd = (label: string, command: AppCommand, accelerator?: string): MenuSpec => ({ kind: 'command', label, command, accelerator });
/** A command whose key the window handles itself, outside text fields: the menu only shows it. */
const windowKey = (label: string, command: AppCommand, accelerator: string): MenuSpec => ({ kind: 'command', label, command, accelerator, shownOnly: true });

export function menuTemplate(input: MenuInput): MenuSpec[] {
  const mac = input.platform === 'darwin';
  const recentItems: MenuSpec[] = input.recent.length
    ? input.recent.map((r) => ({ kind: 'open-recent' as const, label: r.displayName, path: r.path }))
    : [];
  const file: MenuSpec = {
    kind: 'submenu',
    label: '&File',
    role: 'fileMenu',
    items: [
      cmd('&New Lab', 'new', 'CmdOrCtrl+N'),
      cmd('New from &Example…', 'new-from-example', 'CmdOrCtrl+Shift+N'),
      cmd('New from &Template…', 'new-from-template'),
      cmd('&Open…', 'open', 'CmdOrCtrl+O'),
      { kind: 'submenu', label: 'Open &Recent', items: [...recentItems, ...(recentItems.length ? [sep] : []), { kind: 'clear-recent', label: 'Clear Recent', enabled: recentItems.length > 0 }] },
      sep,
      cmd('&Save', 'save', 'CmdOrCtrl+S'),
      cmd('Save &As…', 'save-as', 'CmdOrCtrl+Shift+S'),
      sep,
      cmd('&Import JSON…', 'import-json'),
      cmd('Import from &Hyper-V…', 'import-hyperv'),
      cmd('&Export JSON…', 'export-json'),
      cmd('Export &Report (HTML)…', 'export-report'),
      cmd('Export &Capture (pcap)…', 'export-capture'),
      cmd('Export &Diagram…', 'export-diagram'),
      cmd('&Merge Another Copy…', 'merge'),
      cmd('Com&pare With…', 'compare-with'),
      sep,
      cmd('&Close Lab', 'close', 'CmdOrCtrl+W'),
      ...(mac ? [] : [sep, { kind: 'role', role: 'quit', label: 'E&xit' } as MenuSpec]),
    ],
  };
  const edit: MenuSpec = {
    kind: 'submenu',
    label: '&Edit',
    role: 'editMenu',
    items: [
      cmd('&Undo', 'undo', 'CmdOrCtrl+Z'),
      cmd('&Redo', 'redo', mac ? 'Cmd+Shift+Z' : 'Ctrl+Shift+Z'),
      sep,
      // Cut, Copy and Paste stay the platform's own (text fields need them); outside a text field the window takes
      // their clipboard events as copying and pasting the selected hosts and VMs.
      { kind: 'role', role: 'cut' },
      { kind: 'role', role: 'copy' },
      { kind: 'role', role: 'paste' },
      windowKey('Dup&licate', 'duplicate', 'CmdOrCtrl+D'),
      cmd('&Delete', 'delete', 'Delete'),
      cmd('Select &All', 'select-all', 'CmdOrCtrl+A'),
      sep,
      windowKey('&Find…', 'find', 'CmdOrCtrl+F'),
      windowKey('Re&name', 'rename', 'F2'),
      windowKey('Ca&ble Tool', 'cable-tool', 'C'),
      sep,
      cmd('Add N &VMs to This Host…', 'add-vms'),
      cmd('Add N &Hosts Like This One…', 'add-hosts-like'),
    ],
  };
  const arrange: MenuSpec = {
    kind: 'submenu',
    label: '&Arrange',
    items: [
      cmd('Align &Left Edges', 'arrange-left'),
      cmd('Align &Centres (Horizontally)', 'arrange-centre'),
      cmd('Align &Right Edges', 'arrange-right'),
      sep,
      cmd('Align &Top Edges', 'arrange-top'),
      cmd('Align &Middles (Vertically)', 'arrange-middle'),
      cmd('Align &Bottom Edges', 'arrange-bottom'),
      sep,
      cmd('Distribute &Horizontally', 'arrange-horizontally'),
      cmd('Distribute &Vertically', 'arrange-vertically'),
      sep,
      cmd('&Snap to Grid', 'snap-to-grid'),
    ],
  };
  const theme = (label: string, command: AppCommand, value: MenuInput['theme']): MenuSpec => ({
    kind: 'command',
    label,
    command,
    radioGroup: 'theme',
    checked: input.theme === value,
  });
  const view: MenuSpec = {
    kind: 'submenu',
    label: '&View',
    role: 'viewMenu',
    items: [
      cmd('&Command Palette…', 'command-palette', 'CmdOrCtrl+Shift+P'),
      sep,
      cmd('&Fit to Window', 'fit', 'CmdOrCtrl+0'),
      cmd('Show/Hide &Minimap', 'toggle-minimap'),
      sep,
      cmd('C&ollapse Selected Hosts', 'collapse-hosts'),
      cmd('E&xpand Selected Hosts', 'expand-hosts'),
      cmd('Co&llapse All Hosts', 'collapse-all-hosts'),
      cmd('Expand &All Hosts', 'expand-all-hosts'),
      sep,
      { kind: 'submenu', label: '&Theme', items: [theme('&Light', 'theme-light', 'light'), theme('&Dark', 'theme-dark', 'dark'), theme('Follow &System', 'theme-system', 'system')] },
      sep,
      { kind: 'role', role: 'togglefullscreen' },
      ...(input.devTools ? [{ kind: 'role', role: 'reload' } as MenuSpec, { kind: 'role', role: 'toggleDevTools' } as MenuSpec] : []),
    ],
  };
  const drills: MenuSpec = {
    kind: 'submenu',
    label: '&Drills',
    items: [
      cmd('&Run Drill', 'run-drill', 'F5'),
      cmd('Run &All Drills', 'run-all-drills', 'Shift+F5'),
      sep,
      cmd('Run &What-if Matrix', 'run-matrix', 'CmdOrCtrl+Shift+M'),
      cmd('Run &History…', 'run-history'),
    ],
  };
  const windowMenu: MenuSpec = {
    kind: 'submenu',
    label: '&Window',
    role: 'windowMenu',
    items: [{ kind: 'role', role: 'minimize' }, ...(mac ? [{ kind: 'role', role: 'zoom' } as MenuSpec, sep, { kind: 'role', role: 'front' } as MenuSpec] : [])],
  };
  const help: MenuSpec = {
    kind: 'submenu',
    label: '&Help',
    role: 'help',
    items: [
      cmd('&Documentation', 'help-docs'),
      cmd('&Keyboard Shortcuts', 'shortcut-reference'),
      ...(mac ? [] : [sep, cmd('&About Lab Planner', 'about')]),
    ],
  };
  const appMenu: MenuSpec = {
    kind: 'submenu',
    label: 'Lab Planner',
    role: 'appMenu',
    items: [
      { kind: 'role', role: 'about' },
      sep,
      { kind: 'role', role: 'services' },
      sep,
      { kind: 'role', role: 'hide' },
      { kind: 'role', role: 'hideOthers' },
      { kind: 'role', role: 'unhide' },
      sep,
      { kind: 'role', role: 'quit' },
    ],
  };
  return [...(mac ? [appMenu] : []), file, edit, view, drills, arrange, windowMenu, help];
}

/** Every command a menu sends, in menu order (for tests and for checking the renderer handles them). */
export function menuCommands(items: readonly MenuSpec[]): AppCommand[] {
  return items.flatMap((item) => (item.kind === 'command' ? [item.command] : item.kind === 'submenu' ? menuCommands(item.items) : []));
}
