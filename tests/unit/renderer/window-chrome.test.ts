// The palette's filter, the shortcut reference, the status bar's words, the panel sizes and the licences in About.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { paletteRows } from '../../../src-renderer/commands/paletteFilter.js';
import { shortcutReference } from '../../../src-renderer/commands/shortcutReference.js';
import type { Command } from '../../../src-renderer/commands/registry.js';
import { selectionWords, problemWords } from '../../../src-renderer/components/statusWords.js';
import { readPanelSizes, panelMax, clampSize, DEFAULT_PANEL_SIZES } from '../../../src-renderer/stores/panelSizes.js';
import { LICENCES } from '../../../src-renderer/components/licences.js';

const noop = () => undefined;
const COMMANDS: Command[] = [
  { id: 'new', title: 'New empty lab', category: 'File', shortcut: 'Ctrl+N', run: noop },
  { id: 'save', title: 'Save', category: 'File', shortcut: 'Ctrl+S', enabled: () => false, run: noop },
  { id: 'run-drill', title: 'Run drill', category: 'Drills', shortcut: 'Ctrl+Enter', keys: ['F5'], run: noop },
  { id: 'run-all-drills', title: 'Run all drills', category: 'Drills', shortcut: 'Ctrl+Shift+Enter', run: noop },
  { id: 'auto-layout', title: 'Auto layout', category: 'View', run: noop },
];

describe('the command palette filter', () => {
  it('lists every command in menu order for an empty query, with its shortcut and whether it can run', () => {
    const rows = paletteRows('', COMMANDS, 'browser');
    expect(rows.map((r) => r.title)).toEqual(['New empty lab', 'Save', 'Run drill', 'Run all drills', 'Auto layout']);
    expect(rows.map((r) => r.shortcut)).toEqual(['Alt+N', 'Ctrl+S', 'Ctrl+Enter', 'Ctrl+Shift+Enter', undefined]);
    expect(rows.find((r) => r.title === 'Save')?.enabled).toBe(false);
  });

  it('puts "Run all drills" first for "run all" and marks the letters it matched', () => {
    const [first] = paletteRows('run all', COMMANDS, 'browser');
    expect(first.title).toBe('Run all drills');
    expect(first.parts.filter((p) => p.matched).map((p) => p.text).join('')).toBe('Run all');
    expect(first.parts.map((p) => p.text).join('')).toBe('Run all drills');
  });

  it('matches loosely typed letters and nothing for a query no title has', () => {
    expect(paletteRows('rad', COMMANDS, 'electron')[0].title).toBe('Run all drills');
    expect(paletteRows('zzqq', COMMANDS, 'electron')).toEqual([]);
  });
});

describe('the shortcut reference', () => {
  it('lists the commands with keys by menu, with the desktop key beside a browser alternative', () => {
    const groups = shortcutReference(COMMANDS, 'browser');
    expect(groups.map((g) => g.category)).toEqual(['File', 'Drills', 'Everywhere']);
    expect(groups[0].rows[0]).toEqual({ title: 'New empty lab', keys: ['Alt+N'], desktop: 'Ctrl+N' });
    expect(groups[1].rows[0]).toEqual({ title: 'Run drill', keys: ['Ctrl+Enter', 'F5'], desktop: null });
    expect(shortcutReference(COMMANDS, 'electron')[0].rows[0]).toEqual({ title: 'New empty lab', keys: ['Ctrl+N'], desktop: null });
  });
});

describe('the status bar', () => {
  it('names one selected element and counts several, by kind when they are alike', () => {
    expect(selectionWords([])).toBe('Nothing selected');
    expect(selectionWords(['host:HostA'])).toBe('HostA selected');
    expect(selectionWords(['port:switch1/2'])).toBe('switch1 port 2 selected');
    expect(selectionWords(['cable:nic:HostA/NIC3~port:switch1/1'])).toBe('cable HostA/NIC3 ↔ switch1/1 selected');
    expect(selectionWords(['vm:Guest1', 'vm:Guest2', 'vm:Guest3'])).toBe('3 VMs selected');
    expect(selectionWords(['switch:a', 'switch:b'])).toBe('2 switches selected');
    expect(selectionWords(['host:HostA', 'vm:Guest1', 'switch:s'])).toBe('3 elements selected');
    expect(problemWords(0)).toBe('No problems');
    expect(problemWords(1)).toBe('1 problem');
    expect(problemWords(4)).toBe('4 problems');
  });
});

describe('panel sizes', () => {
  it('reads remembered sizes and falls back to the defaults for anything unreadable', () => {
    expect(readPanelSizes(JSON.stringify({ inspector: 480, problems: 200, bottom: 300 }))).toEqual({ inspector: 480, problems: 200, bottom: 300 });
    expect(readPanelSizes('{"inspector": "wide", "problems": 20, "bottom": 1e9}')).toEqual(DEFAULT_PANEL_SIZES);
    expect(readPanelSizes('not json')).toEqual(DEFAULT_PANEL_SIZES);
    expect(readPanelSizes(null)).toEqual(DEFAULT_PANEL_SIZES);
  });

  it('never lets a panel take the room the canvas needs', () => {
    const max = panelMax({ inspector: 340, problems: 260, bottom: 330 }, { width: 1500, height: 950 }, 180);
    expect(max.inspector).toBe(1500 - 180 - 260 - 280);
    expect(clampSize(5000, 240, max.inspector)).toBe(max.inspector);
    expect(clampSize(10, 240, max.inspector)).toBe(240);
    // A window too small for both: the minimum wins.
    expect(clampSize(400, 240, 100)).toBe(240);
  });
});

describe('About', () => {
  it('names each shipped package with the licence its package declares', () => {
    for (const l of LICENCES) {
      const pkg = JSON.parse(readFileSync(new URL(`../../../node_modules/${l.pkg}/package.json`, import.meta.url), 'utf8')) as { license: string };
      expect(pkg.license.replace(/[()]/g, ''), l.pkg).toBe(l.licence);
    }
  });
});
