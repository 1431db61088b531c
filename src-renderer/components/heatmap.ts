// The what-if matrix as a heatmap: one row per VM, one column per event or failure, each square this VM's outcome.
import type { MatrixView, MatrixCellDetail } from '../../shared/api.js';
import { secondsText } from './drillSteps.js';

/** lost: this VM lost connectivity; isolated: the client itself was cut off; none: the case does not touch this VM. */
export type HeatStatus = 'ok' | 'lost' | 'isolated' | 'error' | 'none';

export interface HeatSquare {
  /** Index of the matrix cell this square opens; -1 for an empty square. */
  cell: number;
  status: HeatStatus;
  /** Hover text: what happened, for how long, and the diagnosis code. */
  title: string;
}

export interface HeatColumn {
  key: string;
  header: string;
  /** The whole event, for hover text. */
  label: string;
  group: string;
}

export interface Heatmap {
  groups: { name: string; span: number }[];
  columns: HeatColumn[];
  /** The rows' VMs, in order. */
  vms: string[];
  /** The square of row `row` (index into `vms`) and column `column`, computed when asked: a depth-2 matrix of a
   * 256-VM lab has millions of squares and the window draws only those in view. */
  square(row: number, column: number): HeatSquare;
  /** Every row in full: for small maps and tests; the window asks `square` for what it shows. */
  readonly rows: { vm: string; squares: HeatSquare[] }[];
}

const GROUP_NAMES: Record<string, string> = {
  'vm-event': 'VM events',
  nic: 'NIC fails',
  cable: 'cable fails',
  port: 'switch port fails',
  switch: 'switch fails',
  'inter-switch-link': 'inter-switch link fails',
  host: 'host fails',
  flap: 'cable flaps',
  'one-way': 'cable fails one way',
  pair: 'two failures',
};

const GROUP_ORDER = Object.values(GROUP_NAMES);

const VM_EVENT_ORDER = ['restart', 'mac-mode-restart', 'live-migrate', 'migrate-restart'];

/** The column of a VM event, the same for every VM: "restart", "live-migrate:HostB". */
function vmEventKey(cell: MatrixCellDetail): string {
  const prefix = `vm:${cell.vm}/`;
  return cell.id.startsWith(prefix) ? cell.id.slice(prefix.length) : cell.event;
}

function vmEventHeader(key: string): string {
  const [event, target] = [key.split(':')[0], key.slice(key.indexOf(':') + 1)];
  if (event === 'restart') return 'restart';
  if (event === 'mac-mode-restart') return 'MAC mode + restart';
  if (event === 'live-migrate') return `live-migrate → ${target}`;
  if (event === 'migrate-restart') return `migrate → ${target} + restart`;
  return key;
}

/** "fail the cable at HostA/NIC3" → "cable HostA/NIC3": short enough for a turned column header. */
function failureHeader(label: string): string {
  return label
    .replace(/^flap the cable at (\S+) .*$/, 'flap $1')
    .replace(/^fail the cable \S+ – \S+ one way: frames from (\S+) no longer reach (\S+)$/, '$1 ↛ $2')
    .replace(/^fail the cable at /, 'cable ')
    .replace(/^fail the inter-switch link /, 'link ')
    .replace(/^fail (NIC|switch|host) /, '$1 ')
    .replace(/^fail (\S+\/port\d+)$/, '$1')
    .replace(/ and the cable at /, ' + cable ')
    .replace(/ and the inter-switch link /, ' + link ')
    .replace(/ and /, ' + ');
}

/** A cell's VMs as sets, made once per cell however many squares ask. */
const pingedOf = new WeakMap<MatrixCellDetail, Set<string>>();
function pinged(cell: MatrixCellDetail): Set<string> {
  let set = pingedOf.get(cell);
  if (!set) pingedOf.set(cell, (set = new Set(cell.pingedVms)));
  return set;
}

function squareFor(cell: MatrixCellDetail, vm: string): HeatSquare {
  const what = `${vm} · ${cell.label}`;
  if (cell.status === 'error') return { cell: cell.index, status: 'error', title: `${what}: not simulated${cell.problems.length ? ` (${cell.problems.join('; ')})` : ''}` };
  if (cell.status === 'client-isolated') return { cell: cell.index, status: 'isolated', title: `${cell.label} cuts the client itself off: not judged` };
  const lost = cell.lostVms.length > 0 ? cell.lostVms.find((l) => l.vm === vm) : undefined;
  if (lost) return { cell: cell.index, status: 'lost', title: `${what}: lost for ${secondsText(lost.downtimeMs)}${lost.code ? ` (${lost.code})` : ''}` };
  if (!pinged(cell).has(vm)) return { cell: -1, status: 'none', title: `${cell.label} does not touch ${vm}` };
  const blip = cell.okMaxDowntimeMs > 0 ? `, down ${secondsText(cell.okMaxDowntimeMs)} at most` : '';
  return { cell: cell.index, status: 'ok', title: `${what}: keeps connectivity${blip}` };
}

export interface HeatmapOptions {
  /** Only the VMs that lose connectivity somewhere and the events and failures that lose one. */
  lossesOnly?: boolean;
}

export function heatmapOf(view: MatrixView, options: HeatmapOptions = {}): Heatmap {
  const vmColumns = new Map<string, HeatColumn>();
  const failureColumns: HeatColumn[] = [];
  /** VM-event columns: the cell of each VM; failure columns: their one cell. */
  const vmEventCells = new Map<string, Map<string, MatrixCellDetail>>();
  const failureCell = new Map<string, MatrixCellDetail>();
  for (const cell of view.cells) {
    if (cell.vm !== null) {
      const event = vmEventKey(cell);
      const key = `vm-event:${event}`;
      let byVm = vmEventCells.get(key);
      if (!byVm) {
        vmColumns.set(key, { key, header: vmEventHeader(event), label: cell.label, group: GROUP_NAMES['vm-event'] });
        vmEventCells.set(key, (byVm = new Map()));
      }
      if (!byVm.has(cell.vm)) byVm.set(cell.vm, cell);
    } else {
      const key = `cell:${cell.index}`;
      failureColumns.push({ key, header: failureHeader(cell.label), label: cell.label, group: GROUP_NAMES[cell.event] ?? cell.event });
      failureCell.set(key, cell);
    }
  }
  const eventRank = (c: HeatColumn) => VM_EVENT_ORDER.indexOf(c.key.slice('vm-event:'.length).split(':')[0]);
  const byName = (a: HeatColumn, b: HeatColumn) => eventRank(a) - eventRank(b) || a.header.localeCompare(b.header, undefined, { numeric: true });
  // Each group's columns side by side (a cable's fail, flap and one-way cases come together), so every group header
  // spans its columns and is readable.
  const groupRank = (c: HeatColumn) => (GROUP_ORDER.includes(c.group) ? GROUP_ORDER.indexOf(c.group) : GROUP_ORDER.length);
  const failuresByGroup = failureColumns.map((c, i) => ({ c, i })).sort((a, b) => groupRank(a.c) - groupRank(b.c) || a.i - b.i).map((x) => x.c);
  const allColumns = [...[...vmColumns.values()].sort(byName), ...failuresByGroup];
  let vms = view.vms;
  let columns = allColumns;
  if (options.lossesOnly) {
    const lostIn = new Set<string>();
    const lostVms = new Set<string>();
    for (const cell of view.cells) {
      if (cell.lostVms.length === 0) continue;
      lostIn.add(cell.vm === null ? `cell:${cell.index}` : `vm-event:${vmEventKey(cell)}`);
      for (const l of cell.lostVms) lostVms.add(l.vm);
    }
    vms = vms.filter((vm) => lostVms.has(vm));
    columns = allColumns.filter((c) => lostIn.has(c.key));
  }
  const groups: Heatmap['groups'] = [];
  for (const c of columns) {
    const last = groups.at(-1);
    if (last && last.name === c.group) last.span++;
    else groups.push({ name: c.group, span: 1 });
  }
  const square = (row: number, column: number): HeatSquare => {
    const vm = vms[row];
    const col = columns[column];
    const cell = col.key.startsWith('vm-event:') ? vmEventCells.get(col.key)?.get(vm) : failureCell.get(col.key);
    return cell ? squareFor(cell, vm) : { cell: -1, status: 'none', title: `${col.header}: not a case for ${vm}` };
  };
  return {
    groups,
    columns,
    vms,
    square,
    get rows() {
      return vms.map((vm, r) => ({ vm, squares: columns.map((_, c) => square(r, c)) }));
    },
  };
}

/** The column groups of the columns `first` to `last` (exclusive), clipped to them: the header row over a window of columns. */
export function groupsIn(columns: readonly HeatColumn[], first: number, last: number): { name: string; span: number }[] {
  const groups: { name: string; span: number }[] = [];
  for (let i = first; i < last; i++) {
    const g = groups.at(-1);
    if (g && g.name === columns[i].group) g.span++;
    else groups.push({ name: columns[i].group, span: 1 });
  }
  return groups;
}

/** A square of the shown heatmap: its row and its column among the columns shown. */
export interface SquarePlace {
  row: number;
  column: number;
}

/**
 * Where a key moves the keyboard's square in a heatmap whose squares are a Tab stop together (one
 * square takes the focus, the arrows move it): `opens(row, column)` says whether a square is one
 * that can be opened. Arrows go to the nearest such square that way, Home and End to the first and
 * last of the row, with Ctrl of the heatmap. Null when the key is not one of these or leads nowhere.
 */
export function squareAfterKey(
  from: SquarePlace,
  key: string,
  ctrl: boolean,
  size: { rows: number; columns: number },
  opens: (row: number, column: number) => boolean,
): SquarePlace | null {
  const step = { ArrowRight: [0, 1], ArrowLeft: [0, -1], ArrowDown: [1, 0], ArrowUp: [-1, 0] }[key];
  if (step) {
    const [dr, dc] = step;
    for (let r = from.row + dr, c = from.column + dc; r >= 0 && r < size.rows && c >= 0 && c < size.columns; r += dr, c += dc) {
      if (opens(r, c)) return { row: r, column: c };
    }
    return null;
  }
  if (key !== 'Home' && key !== 'End') return null;
  const rows = ctrl ? Array.from({ length: size.rows }, (_, r) => r) : [from.row];
  if (key === 'End') rows.reverse();
  for (const r of rows) {
    for (let i = 0; i < size.columns; i++) {
      const c = key === 'Home' ? i : size.columns - 1 - i;
      if (opens(r, c)) return { row: r, column: c };
    }
  }
  return null;
}

/** The square that is the heatmap's Tab stop: the one the keyboard was on if it is still shown, else the first. */
export function tabStopOf(current: SquarePlace | null, size: { rows: number; columns: number }, opens: (row: number, column: number) => boolean): SquarePlace | null {
  if (current && current.row < size.rows && current.column < size.columns && opens(current.row, current.column)) return current;
  return squareAfterKey({ row: 0, column: 0 }, 'Home', true, size, opens);
}
