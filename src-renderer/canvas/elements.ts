// The lab document as Cytoscape elements: hosts and switches as compound nodes, cables and bindings as edges.
import type { Lab, Host, PhysicalSwitchSpec, VirtualSwitchSpec, Endpoint } from '../../shared/lab.js';
import { HYPERVISOR_WORDS } from '../../shared/lab.js';
import { hostId, nicId, teamId, virtualSwitchId, vmId, switchId, portId, clientId, cableId } from '../../shared/checks.js';
import { endpointElementId } from '../stores/elements.js';
import { CLEARANCE, LANE, routeCables } from './routing.js';
import { boxLabel, fitLabel, LABEL_CHARS } from './labels.js';

export type Point = { x: number; y: number };

export interface CanvasElement {
  group: 'nodes' | 'edges';
  data: {
    id: string; label?: string; name?: string; kind: string; parent?: string; source?: string; target?: string;
    /** The whole label when the drawn one was cut to fit its box (shown on hover). */
    full?: string;
    /**
     * A cable's port numbers at its ends, its route (Cytoscape segment weights and distances) and, at a collapsed
     * host's box, where on the box it starts (Cytoscape source-/target-endpoint); see routing.ts.
     */
    sourceLabel?: string; targetLabel?: string; segmentWeights?: string; segmentDistances?: string; sourceEndpoint?: string; targetEndpoint?: string;
  };
  position?: Point;
  classes?: string;
}

const VM_COLUMNS = 6;
const SLOT = 104;
const PORT_COLUMNS = 12;
const PORT_SLOT = 30;

/** Width of a host's drawing, for default placement and auto-layout. */
function hostColumns(host: Host, vmCount: number): number {
  return Math.max(host.nics.length, host.teams.length, host.virtualSwitches.length, Math.min(vmCount, VM_COLUMNS), 1);
}

/** Where the parts of a host sit relative to its anchor (the stored position). */
export function hostPartOffsets(host: Host, vmNames: readonly string[]): Map<string, Point> {
  const out = new Map<string, Point>();
  const vmRows = Math.ceil(vmNames.length / VM_COLUMNS);
  const row = (r: number) => r * 68;
  vmNames.forEach((vm, i) => out.set(vmId(vm), { x: (i % VM_COLUMNS) * SLOT, y: row(Math.floor(i / VM_COLUMNS)) }));
  host.virtualSwitches.forEach((s, i) => out.set(virtualSwitchId(host.name, s.name), { x: i * SLOT * 1.5, y: row(vmRows) }));
  host.teams.forEach((t, i) => out.set(teamId(host.name, t.name), { x: i * SLOT * 1.5, y: row(vmRows + 1) }));
  host.nics.forEach((n, i) => out.set(nicId(host.name, n.name), { x: i * SLOT * 0.85, y: row(vmRows + 2) }));
  return out;
}

export function switchPortOffset(port: number): Point {
  return { x: ((port - 1) % PORT_COLUMNS) * PORT_SLOT, y: Math.floor((port - 1) / PORT_COLUMNS) * PORT_SLOT };
}

/** Positions for elements the layout does not place yet: clients on top, switches below, hosts at the bottom. */
export function defaultAnchors(lab: Lab): Map<string, Point> {
  const out = new Map<string, Point>();
  const vmsByHost = groupVms(lab);
  lab.clients.forEach((c, i) => out.set(clientId(c.name), { x: i * 200, y: 0 }));
  let x = 0;
  lab.switches.forEach((s) => {
    out.set(switchId(s.name), { x, y: SWITCH_Y });
    x += Math.min(s.ports, PORT_COLUMNS) * PORT_SLOT + 120;
  });
  x = 0;
  const perRow = 8;
  const top = hostsTop(lab);
  lab.hosts.forEach((h, i) => {
    if (i > 0 && i % perRow === 0) x = 0;
    out.set(hostId(h.name), { x, y: top + Math.floor(i / perRow) * 520 });
    x += hostColumns(h, vmsByHost.get(h.name)?.length ?? 0) * SLOT + 120;
  });
  return out;
}

// The row of switches by default, and the first row of hosts; a host's anchor is this far below the top of its box
// (its title).
const SWITCH_Y = 160;
const HOST_TOP = 420;
const HOST_TITLE = 83;

/**
 * Where the first row of hosts goes by default: below the tallest switch (one with many ports has several rows of
 * them), with room between for the cables that run along under a switch side by side, one lane each, to the column
 * that takes them down to their host.
 */
function hostsTop(lab: Lab): number {
  // The last row of ports of the tallest switch, and the switch's padding below it.
  const bottom = SWITCH_Y + Math.max(0, ...lab.switches.map((s) => switchPortOffset(s.ports).y)) + 22;
  const cables = new Map<string, number>();
  for (const c of lab.cables) for (const end of [c.a, c.b]) if ('switch' in end) cables.set(end.switch, (cables.get(end.switch) ?? 0) + 1);
  const lanes = Math.max(0, ...cables.values());
  return Math.max(HOST_TOP, bottom + CLEARANCE + lanes * LANE + CLEARANCE + HOST_TITLE);
}

/** Each host's VM names, in the lab's order, found in one pass. */
export function groupVms(lab: Lab): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const vm of lab.vms) {
    const list = map.get(vm.host) ?? [];
    list.push(vm.name);
    map.set(vm.host, list);
  }
  return map;
}

const plus = (a: Point, b: Point): Point => ({ x: a.x + b.x, y: a.y + b.y });

/** Every node and edge of the lab, positioned from the layout (or a default place). */
export function labElements(lab: Lab): CanvasElement[] {
  const out: CanvasElement[] = [];
  const defaults = defaultAnchors(lab);
  const anchor = (id: string) => lab.layout.positions[id] ?? defaults.get(id) ?? { x: 0, y: 0 };
  const vmsByHost = groupVms(lab);
  const vmByName = new Map(lab.vms.map((v) => [v.name, v]));

  for (const host of lab.hosts) {
    const id = hostId(host.name);
    const vms = vmsByHost.get(host.name) ?? [];
    const offsets = hostPartOffsets(host, vms);
    const at = anchor(id);
    // A host's title sits above its box: no wider than the box, so it never runs over the next host's.
    const titleChars = Math.max(16, Math.floor((hostColumns(host, vms.length) * SLOT) / 8));
    const title = boxLabel(`${host.name} · ${HYPERVISOR_WORDS[host.hypervisor]}\n${host.model} · ${host.managementIp}`, titleChars);
    out.push({ group: 'nodes', data: { id, ...title, name: fitLabel(host.name, titleChars), kind: 'host' }, ...(offsets.size === 0 ? { position: at } : {}) });
    for (const nic of host.nics) {
      const nid = nicId(host.name, nic.name);
      out.push({ group: 'nodes', data: { id: nid, ...boxLabel(`${nic.name}\n${nic.chipset}`, LABEL_CHARS.nic), name: fitLabel(nic.name, LABEL_CHARS.nic), kind: 'nic', parent: id }, position: plus(at, offsets.get(nid)!) });
    }
    for (const team of host.teams) {
      const tid = teamId(host.name, team.name);
      out.push({ group: 'nodes', data: { id: tid, ...boxLabel(`${team.name}\n${team.mode}`, LABEL_CHARS.team), name: fitLabel(team.name, LABEL_CHARS.team), kind: 'team', parent: id }, position: plus(at, offsets.get(tid)!) });
      for (const m of team.members) {
        if (host.nics.some((n) => n.name === m)) {
          out.push({ group: 'edges', data: { id: `member:${tid}>${m}`, kind: 'member', source: tid, target: nicId(host.name, m) }, classes: team.primary === m ? 'primary' : '' });
        }
      }
    }
    for (const vs of host.virtualSwitches) {
      const sid = virtualSwitchId(host.name, vs.name);
      const up = vs.uplink;
      const ownUplinks = up && 'nics' in up ? up.nics : null;
      const label = ownUplinks && vs.teaming ? `${vs.name}\n${vs.teaming.driverProfile}` : vs.name;
      out.push({ group: 'nodes', data: { id: sid, ...boxLabel(label, LABEL_CHARS.vswitch), name: fitLabel(vs.name, LABEL_CHARS.vswitch), kind: 'vswitch', parent: id }, position: plus(at, offsets.get(sid)!), classes: ownUplinks ? 'teams-uplinks' : '' });
      if (up && 'nics' in up) {
        // A switch teaming its own uplinks (SET, an ESXi vSwitch): its uplink NICs are drawn as members, standby ones dashed.
        for (const n of up.nics)
          if (host.nics.some((x) => x.name === n))
            out.push({ group: 'edges', data: { id: `uplink:${sid}>${n}`, kind: 'uplink', source: sid, target: nicId(host.name, n) }, classes: `own-uplink${isStandbyUplink(vs, n) ? ' standby' : ''}` });
        continue;
      }
      const target = up ? ('team' in up ? teamId(host.name, up.team) : nicId(host.name, up.nic)) : null;
      const exists = up && ('team' in up ? host.teams.some((t) => t.name === up.team) : host.nics.some((n) => n.name === up.nic));
      if (target && exists) out.push({ group: 'edges', data: { id: `uplink:${sid}`, kind: 'uplink', source: sid, target } });
    }
    for (const vmName of vms) {
      const vm = vmByName.get(vmName)!;
      const vid = vmId(vmName);
      const mac = vm.macMode === 'static' ? `static ${vm.staticMac ?? '?'}` : 'dynamic MAC';
      out.push({ group: 'nodes', data: { id: vid, ...boxLabel(`${vm.name}\n${vm.ip}\n${mac}`, LABEL_CHARS.vm), name: fitLabel(vm.name, LABEL_CHARS.vm), kind: 'vm', parent: id }, position: plus(at, offsets.get(vid)!), classes: vm.initialState === 'off' ? 'off' : '' });
      const vsName = vm.virtualSwitch ?? host.virtualSwitches[0]?.name;
      if (vsName && host.virtualSwitches.some((s) => s.name === vsName)) {
        out.push({ group: 'edges', data: { id: `vnic:${vid}`, kind: 'vnic', source: vid, target: virtualSwitchId(host.name, vsName) } });
      }
    }
  }
  const usedPorts = new Set(lab.cables.flatMap((c) => [c.a, c.b]).filter((e) => 'port' in e).map(endpointElementId));
  for (const sw of lab.switches) out.push(...switchElements(sw, anchor(switchId(sw.name)), usedPorts));
  for (const c of lab.clients) {
    out.push({ group: 'nodes', data: { id: clientId(c.name), ...boxLabel(`${c.name}\n${c.ip}`, LABEL_CHARS.client), name: fitLabel(c.name, LABEL_CHARS.client), kind: 'client' }, position: anchor(clientId(c.name)) });
  }
  const nodeIds = new Set(out.map((e) => e.data.id));
  for (const cable of lab.cables) {
    const source = endpointElementId(cable.a);
    const target = endpointElementId(cable.b);
    // Each end says the port it is plugged into, so a cable reads as "switch1 port 24" without following it.
    const portLabel = (e: Endpoint) => ('port' in e ? String(e.port) : '');
    if (nodeIds.has(source) && nodeIds.has(target)) {
      out.push({ group: 'edges', data: { id: cableId(cable.a, cable.b), kind: 'cable', source, target, sourceLabel: portLabel(cable.a), targetLabel: portLabel(cable.b) } });
    }
  }
  routeCables(out);
  return out;
}

/** A standby uplink: named standby, or left out of an explicit active list (absent lists: every uplink is active). */
export function isStandbyUplink(vs: VirtualSwitchSpec, nic: string): boolean {
  const t = vs.teaming;
  if (!t) return false;
  if (t.standbyUplinks?.includes(nic)) return true;
  return t.activeUplinks !== undefined && !t.activeUplinks.includes(nic);
}

function switchElements(sw: PhysicalSwitchSpec, at: Point, usedPorts: ReadonlySet<string>): CanvasElement[] {
  const id = switchId(sw.name);
  const titleChars = Math.max(16, Math.floor((Math.min(sw.ports, PORT_COLUMNS) * PORT_SLOT) / 8));
  const out: CanvasElement[] = [{ group: 'nodes', data: { id, ...boxLabel(`${sw.name}\n${sw.model}`, titleChars), name: fitLabel(sw.name, titleChars), kind: 'switch' } }];
  for (let port = 1; port <= sw.ports; port++) {
    const pid = portId(sw.name, port);
    out.push({ group: 'nodes', data: { id: pid, label: String(port), name: String(port), kind: 'port', parent: id }, position: plus(at, switchPortOffset(port)), ...(usedPorts.has(pid) ? { classes: 'used' } : {}) });
  }
  return out;
}

/** The offset of a compound's first part from its anchor, to turn a dragged part back into the anchor. */
export function anchorOf(lab: Lab, compoundId: string, firstPartPosition: Point | null, ownPosition: Point): Point {
  const host = lab.hosts.find((h) => hostId(h.name) === compoundId);
  if (host) {
    const offsets = hostPartOffsets(host, groupVms(lab).get(host.name) ?? []);
    const first = offsets.entries().next();
    if (first.done || !firstPartPosition) return ownPosition;
    return { x: firstPartPosition.x - first.value[1].x, y: firstPartPosition.y - first.value[1].y };
  }
  const sw = lab.switches.find((s) => switchId(s.name) === compoundId);
  if (sw && firstPartPosition) return { x: firstPartPosition.x - switchPortOffset(1).x, y: firstPartPosition.y - switchPortOffset(1).y };
  return ownPosition;
}

/** The part whose position anchors a compound: the first in hostPartOffsets order, or port 1. */
export function firstPartId(lab: Lab, compoundId: string): string | null {
  const host = lab.hosts.find((h) => hostId(h.name) === compoundId);
  if (host) {
    const first = hostPartOffsets(host, groupVms(lab).get(host.name) ?? []).keys().next();
    return first.done ? null : first.value;
  }
  const sw = lab.switches.find((s) => switchId(s.name) === compoundId);
  return sw ? portId(sw.name, 1) : null;
}
