// The lab's topology as a static SVG picture: clients, physical switches, hosts with their NICs,
// team and virtual switch, and the VMs on each host. Elements named by design-check errors are red.
import type { Lab } from '../../../shared/lab.js';
import { h, empty, type Markup, type Child } from './html.js';

const HOST_WIDTH = 220;
const HOST_GAP = 30;
const NIC_WIDTH = 44;
const LINE = 16;
const HOSTS_PER_ROW = 6;
const ROW_GAP = 50;
/** A host box lists this many VMs and counts the rest, so a 256-VM host stays readable. */
const MAX_VM_LINES = 24;
const SWITCH_WIDTH = 140;

interface Point {
  x: number;
  y: number;
}

/** `flagged` holds element ids (shared/checks.ts scheme) to draw as problems. */
export function topologySvg(lab: Lab, flagged: ReadonlySet<string> = new Set()): Markup {
  const perRow = Math.max(1, Math.min(lab.hosts.length, HOSTS_PER_ROW));
  const hostsWidth = perRow * (HOST_WIDTH + HOST_GAP);
  const switchesWidth = Math.max(1, lab.switches.length) * (SWITCH_WIDTH + 60);
  const clientsWidth = Math.max(1, lab.clients.length) * (SWITCH_WIDTH + 40);
  const width = Math.max(hostsWidth, switchesWidth, clientsWidth) + 40;
  const rowClients = 30;
  const rowSwitches = 130;
  const firstHostRow = 260;
  const vmsOf = new Map(lab.hosts.map((host) => [host.name, lab.vms.filter((v) => v.host === host.name)]));
  const hostLines = (name: string) => {
    const host = lab.hosts.find((x) => x.name === name)!;
    const vms = vmsOf.get(name)!.length;
    return host.teams.length + host.virtualSwitches.length + Math.min(vms, MAX_VM_LINES) + (vms > MAX_VM_LINES ? 1 : 0);
  };
  const hostHeight = (name: string) => 70 + hostLines(name) * LINE;
  // Hosts wrap into rows; each row is as tall as its tallest host.
  const rowTops: number[] = [];
  let top = firstHostRow;
  for (let r = 0; r * perRow < lab.hosts.length; r++) {
    rowTops.push(top);
    top += Math.max(...lab.hosts.slice(r * perRow, (r + 1) * perRow).map((host) => hostHeight(host.name))) + ROW_GAP;
  }
  const height = Math.max(top, firstHostRow + 40);

  const center = (i: number, count: number, step: number) => width / 2 + (i - (count - 1) / 2) * step;
  const anchors = new Map<string, Point>();
  const parts: Child[] = [];

  lab.clients.forEach((client, i) => {
    const x = center(i, lab.clients.length, SWITCH_WIDTH + 40);
    anchors.set(`client:${client.name}`, { x, y: rowClients + 34 });
    parts.push(box(x - 60, rowClients, 120, 34, 'client', flagged.has(`client:${client.name}`), client.name, client.ip));
  });
  lab.switches.forEach((sw, i) => {
    const x = center(i, lab.switches.length, SWITCH_WIDTH + 60);
    anchors.set(`switch:${sw.name}`, { x, y: rowSwitches + 17 });
    parts.push(box(x - SWITCH_WIDTH / 2, rowSwitches, SWITCH_WIDTH, 34, 'switch', flagged.has(`switch:${sw.name}`), sw.name, sw.model));
  });
  lab.hosts.forEach((host, i) => {
    const row = Math.floor(i / perRow);
    const inRow = Math.min(perRow, lab.hosts.length - row * perRow);
    const x0 = center(i % perRow, inRow, HOST_WIDTH + HOST_GAP) - HOST_WIDTH / 2;
    const y0 = rowTops[row];
    const vms = vmsOf.get(host.name)!;
    parts.push(box(x0, y0, HOST_WIDTH, hostHeight(host.name), 'host', flagged.has(`host:${host.name}`), host.name, host.managementIp, 28));
    const cabled = host.nics.filter((n) => lab.cables.some((c) => [c.a, c.b].some((e) => 'nic' in e && e.host === host.name && e.nic === n.name)));
    cabled.forEach((nic, k) => {
      const nx = x0 + 8 + k * (NIC_WIDTH + 4);
      anchors.set(`nic:${host.name}/${nic.name}`, { x: nx + NIC_WIDTH / 2, y: y0 - 8 });
      parts.push(
        h('g', { class: `nic${flagged.has(`nic:${host.name}/${nic.name}`) ? ' flagged' : ''}` },
          empty('rect', { x: nx, y: y0 - 10, width: NIC_WIDTH, height: 18, rx: 3 }),
          h('text', { x: nx + NIC_WIDTH / 2, y: y0 + 3, 'text-anchor': 'middle' }, nic.name)),
      );
    });
    const lines: { text: string; cls: string; id: string }[] = [];
    for (const team of host.teams) lines.push({ text: `team ${team.name} (${team.members.join(' + ')})`, cls: 'team', id: `team:${host.name}/${team.name}` });
    for (const vs of host.virtualSwitches) lines.push({ text: `virtual switch ${vs.name}`, cls: 'vswitch', id: `vswitch:${host.name}/${vs.name}` });
    for (const vm of vms.slice(0, MAX_VM_LINES)) lines.push({ text: `${vm.name} ${vm.ip} (${vm.macMode} MAC)`, cls: 'vm', id: `vm:${vm.name}` });
    if (vms.length > MAX_VM_LINES) lines.push({ text: `… and ${vms.length - MAX_VM_LINES} more VMs`, cls: 'vm', id: '' });
    lines.forEach((line, k) =>
      parts.push(h('text', { x: x0 + 10, y: y0 + 64 + k * LINE, class: `${line.cls}${flagged.has(line.id) ? ' flagged' : ''}` }, line.text)),
    );
  });

  const wires: Child[] = [];
  for (const cable of lab.cables) {
    const ends = [cable.a, cable.b].map((e) =>
      'nic' in e ? anchors.get(`nic:${e.host}/${e.nic}`) : 'port' in e ? anchors.get(`switch:${e.switch}`) : anchors.get(`client:${e.client}`),
    );
    const [a, b] = ends;
    if (!a || !b) continue;
    const interSwitch = 'port' in cable.a && 'port' in cable.b;
    if (interSwitch) {
      const mid = { x: (a.x + b.x) / 2, y: a.y - 45 };
      wires.push(empty('path', { d: `M${a.x},${a.y - 17} Q${mid.x},${mid.y} ${b.x},${b.y - 17}`, class: 'link' }));
    } else {
      wires.push(empty('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y + ('port' in cable.b || 'port' in cable.a ? 17 : 0), class: 'cable' }));
    }
  }

  return h(
    'svg',
    { xmlns: 'http://www.w3.org/2000/svg', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': 'Lab topology' },
    h('g', null, wires),
    h('g', null, parts),
  );
}

function box(x: number, y: number, w: number, hgt: number, cls: string, flagged: boolean, title: string, subtitle: string, top = 15): Markup {
  return h('g', { class: `${cls}${flagged ? ' flagged' : ''}` },
    empty('rect', { x, y, width: w, height: hgt, rx: 6 }),
    h('text', { x: x + 10, y: y + top, class: 'title' }, title),
    h('text', { x: x + 10, y: y + top + 14, class: 'subtitle' }, subtitle));
}
