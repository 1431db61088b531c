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
  rows: { vm: string; squares: HeatSquare[] }[];
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
    .replace(/^fail the cable at /, 'cable ')
    .replace(/^fail the inter-switch link /, 'link ')
    .replace(/^fail (NIC|switch|host) /, '$1 ')
    .replace(/^fail (\S+\/port\d+)$/, '$1')
    .replace(/ and the cable at /, ' + cable ')
    .replace(/ and the inter-switch link /, ' + link ')
    .replace(/ and /, ' + ');
}

function squareFor(cell: MatrixCellDetail, vm: string): HeatSquare {
  const what = `${vm} · ${cell.label}`;
  if (cell.status === 'error') return { cell: cell.index, status: 'error', title: `${what}: not simulated${cell.problems.length ? ` (${cell.problems.join('; ')})` : ''}` };
  if (cell.status === 'client-isolated') return { cell: cell.index, status: 'isolated', title: `${cell.label} cuts the client itself off: not judged` };
  const lost = cell.lostVms.find((l) => l.vm === vm);
  if (lost) return { cell: cell.index, status: 'lost', title: `${what}: lost for ${secondsText(lost.downtimeMs)}${lost.code ? ` (${lost.code})` : ''}` };
  if (!cell.pingedVms.includes(vm)) return { cell: -1, status: 'none', title: `${cell.label} does not touch ${vm}` };
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
  const byKey = new Map<string, MatrixCellDetail[]>();
  for (const cell of view.cells) {
    if (cell.vm !== null) {
      const key = `vm-event:${vmEventKey(cell)}`;
      if (!vmColumns.has(key)) vmColumns.set(key, { key, header: vmEventHeader(vmEventKey(cell)), label: cell.label, group: GROUP_NAMES['vm-event'] });
      byKey.set(key, [...(byKey.get(key) ?? []), cell]);
    } else {
      const key = `cell:${cell.index}`;
      failureColumns.push({ key, header: failureHeader(cell.label), label: cell.label, group: GROUP_NAMES[cell.event] ?? cell.event });
      byKey.set(key, [cell]);
    }
  }
  const eventRank = (c: HeatColumn) => VM_EVENT_ORDER.indexOf(c.key.slice('vm-event:'.length).split(':')[0]);
  const byName = (a: HeatColumn, b: HeatColumn) => eventRank(a) - eventRank(b) || a.header.localeCompare(b.header, undefined, { numeric: true });
  const allColumns = [...[...vmColumns.values()].sort(byName), ...failureColumns];
  const squareAt = (col: HeatColumn, vm: string): HeatSquare => {
    const cells = byKey.get(col.key) ?? [];
    const cell = col.key.startsWith('vm-event:') ? cells.find((c) => c.vm === vm) : cells[0];
    return cell ? squareFor(cell, vm) : { cell: -1, status: 'none', title: `${col.header}: not a case for ${vm}` };
  };
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
  const rows = vms.map((vm) => ({ vm, squares: columns.map((col) => squareAt(col, vm)) }));
  return { groups, columns, rows };
}
