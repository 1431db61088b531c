// The edits an engineer makes, as mutations of a draft lab. The lab store turns each into an undoable command.
import type { Lab, Endpoint, Host, Nic } from '../../shared/lab.js';
import { endpointKey, endpointLabel } from '../../shared/lab.js';
import { hostId, switchId, clientId, vmId } from '../../shared/checks.js';
import { macToNumber, macToText, ipToNumber, ipToText } from '../../shared/addresses.js';
import { resolveElement, type ElementRef } from './elements.js';
import { HOST_TEMPLATES, type HostTemplate } from './hostTemplates.js';
import { EditRefused } from './refusal.js';
import { freeStaticMac, usedMacs } from './allocation.js';

export { EditRefused };

export type Position = { x: number; y: number };

export function uniqueName(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let i = 1; ; i++) if (!used.has(`${prefix}${i}`)) return `${prefix}${i}`;
}

function freeMac(lab: Lab, first: string, taken = usedMacs(lab)): string {
  for (let value = macToNumber(first); ; value++) {
    if (!taken.has(value)) {
      taken.add(value);
      return macToText(value);
    }
  }
}

function freeIp(lab: Lab, first: string): string {
  const used = new Set([...lab.vms.map((v) => v.ip), ...lab.clients.map((c) => c.ip), ...lab.hosts.map((h) => h.managementIp)]);
  for (let value = ipToNumber(first); ; value++) if (!used.has(ipToText(value))) return ipToText(value);
}

function nic(name: string, vendor: string, chipset: string, mac: string): Nic {
  return { name, vendor, chipset, mac, offload: { toe: false, checksum: true, rss: true } };
}

export function addHost(lab: Lab, template: HostTemplate, at: Position): string {
  const spec = HOST_TEMPLATES[template];
  const name = uniqueName(spec.namePrefix, lab.hosts.map((h) => h.name));
  const taken = usedMacs(lab);
  const n = lab.hosts.length + 1;
  const host: Host = {
    name,
    model: spec.model,
    os: spec.os,
    hypervisor: spec.hypervisor,
    managementIp: freeIp(lab, `10.0.${Math.min(n, 254)}.10`),
    nics: spec.nics.flatMap((g) => g.names.map((nicName) => nic(nicName, g.vendor, g.chipset, freeMac(lab, g.firstMac, taken)))),
    teams: structuredClone([...spec.teams]),
    virtualSwitches: structuredClone([...spec.virtualSwitches]),
  };
  lab.hosts.push(host);
  lab.layout.positions[hostId(name)] = { ...at };
  return hostId(name);
}

export function addSwitch(lab: Lab, ports: number, at: Position): string {
  const name = uniqueName('switch', lab.switches.map((s) => s.name));
  lab.switches.push({ name, model: 'Access switch', ports, macAgeingSec: 300, portSettings: [] });
  lab.layout.positions[switchId(name)] = { ...at };
  return switchId(name);
}

export function addClient(lab: Lab, at: Position): string {
  const name = uniqueName('Client', lab.clients.map((c) => c.name));
  lab.clients.push({ name, ip: freeIp(lab, '1.1.1.100'), mac: freeMac(lab, '00-1C-23-00-00-64'), arpCache: 'windows' });
  lab.layout.positions[clientId(name)] = { ...at };
  return clientId(name);
}

export function addVm(lab: Lab, hostName: string | undefined): string {
  const host = lab.hosts.find((h) => h.name === hostName) ?? lab.hosts[0];
  if (!host) throw new EditRefused('a VM runs on a host: add a host first');
  const name = uniqueName('Guest', lab.vms.map((v) => v.name));
  lab.vms.push({
    name,
    ip: freeIp(lab, '1.1.1.1'),
    host: host.name,
    ...(host.virtualSwitches[0] ? { virtualSwitch: host.virtualSwitches[0].name } : {}),
    macMode: 'dynamic',
    initialState: 'running',
    os: 'windows',
  });
  return vmId(name);
}

export function addNic(host: Host, lab: Lab): void {
  host.nics.push(nic(uniqueName('NIC', host.nics.map((n) => n.name)), 'Broadcom', 'BCM5709C', freeMac(lab, '00-24-E8-00-00-01')));
}

/** The host's NICs that are in no team and no virtual switch's uplink. */
export function freeNics(host: Host): string[] {
  const uplinkNics = (s: Host['virtualSwitches'][number]) => (!s.uplink ? [] : 'nic' in s.uplink ? [s.uplink.nic] : 'nics' in s.uplink ? s.uplink.nics : []);
  const busy = new Set([...host.teams.flatMap((t) => t.members), ...host.virtualSwitches.flatMap(uplinkNics)]);
  return host.nics.map((n) => n.name).filter((n) => !busy.has(n));
}

/** A team of the host's NICs that are in no team and no virtual-switch uplink yet (two at most). */
export function addTeam(host: Host, driverProfile: string): void {
  const free = freeNics(host);
  if (free.length === 0) throw new EditRefused(`every NIC of ${host.name} is already in use: add a NIC first`);
  const members = free.slice(-2);
  host.teams.push({
    name: uniqueName('Team', host.teams.map((t) => t.name)),
    members,
    primary: members[0],
    mode: 'active-passive',
    driverProfile,
    createdBeforeHyperV: true,
  });
}

export function addVirtualSwitch(host: Host): void {
  const bound = new Set(host.virtualSwitches.map((s) => (s.uplink ? JSON.stringify(s.uplink) : '')));
  const team = host.teams.find((t) => !bound.has(JSON.stringify({ team: t.name })));
  host.virtualSwitches.push({
    name: uniqueName('vSwitch', host.virtualSwitches.map((s) => s.name)),
    type: 'external',
    ...(team ? { uplink: { team: team.name } } : {}),
    shareWithManagementOs: false,
  });
}

// ---- cables ---------------------------------------------------------------------------------

export function connectCable(lab: Lab, a: Endpoint, b: Endpoint): void {
  if (!('port' in a) && !('port' in b)) throw new EditRefused(`a cable runs to a switch port; ${endpointLabel(a)} – ${endpointLabel(b)} has none`);
  if (endpointKey(a) === endpointKey(b)) throw new EditRefused('a cable needs two different ends');
  for (const end of [a, b]) {
    const k = endpointKey(end);
    if (lab.cables.some((c) => endpointKey(c.a) === k || endpointKey(c.b) === k)) throw new EditRefused(`${endpointLabel(end)} already has a cable`);
  }
  lab.cables.push({ a, b });
}

export function disconnect(lab: Lab, end: Endpoint): void {
  const k = endpointKey(end);
  lab.cables = lab.cables.filter((c) => endpointKey(c.a) !== k && endpointKey(c.b) !== k);
}

export function cableAt(lab: Lab, end: Endpoint) {
  const k = endpointKey(end);
  return lab.cables.find((c) => endpointKey(c.a) === k || endpointKey(c.b) === k);
}

// ---- delete ---------------------------------------------------------------------------------

/** Deletes the elements and everything that cannot exist without them (cables, VMs of a host, bindings). */
export function removeElements(lab: Lab, ids: readonly string[]): void {
  const refs = ids.map((id) => resolveElement(lab, id)).filter((r): r is ElementRef => r !== null);
  const named = <T extends { name: string }>(list: T[], index: number) => list[index]?.name;
  const hostOf = (r: { host: number }) => lab.hosts[r.host];
  // Resolve names first: removals shift indices.
  const gone = {
    hosts: new Set<string>(), vms: new Set<string>(), switches: new Set<string>(), clients: new Set<string>(), cables: new Set<number>(),
    nics: [] as [Host, string][], teams: [] as [Host, string][], vswitches: [] as [Host, string][],
  };
  for (const r of refs) {
    if (r.kind === 'host') gone.hosts.add(named(lab.hosts, r.host));
    else if (r.kind === 'vm') gone.vms.add(named(lab.vms, r.vm));
    else if (r.kind === 'switch') gone.switches.add(named(lab.switches, r.switch));
    else if (r.kind === 'client') gone.clients.add(named(lab.clients, r.client));
    else if (r.kind === 'cable') gone.cables.add(r.cable);
    else if (r.kind === 'nic') gone.nics.push([hostOf(r), hostOf(r).nics[r.nic].name]);
    else if (r.kind === 'team') gone.teams.push([hostOf(r), hostOf(r).teams[r.team].name]);
    else if (r.kind === 'vswitch') gone.vswitches.push([hostOf(r), hostOf(r).virtualSwitches[r.vswitch].name]);
  }
  const deadEnd = (e: Endpoint) =>
    ('nic' in e && (gone.hosts.has(e.host) || gone.nics.some(([h, n]) => h.name === e.host && n === e.nic))) ||
    ('port' in e && gone.switches.has(e.switch)) ||
    ('client' in e && gone.clients.has(e.client));
  lab.cables = lab.cables.filter((c, i) => !gone.cables.has(i) && !deadEnd(c.a) && !deadEnd(c.b));
  for (const [host, name] of gone.nics) {
    host.nics = host.nics.filter((n) => n.name !== name);
    for (const team of host.teams) {
      team.members = team.members.filter((m) => m !== name);
      if (team.primary === name) delete team.primary;
    }
    const emptied = host.teams.filter((t) => t.members.length === 0).map((t) => t.name);
    gone.teams.push(...emptied.map((t) => [host, t] as [Host, string]));
    for (const s of host.virtualSwitches) if (s.uplink && 'nic' in s.uplink && s.uplink.nic === name) delete s.uplink;
  }
  for (const [host, name] of gone.teams) {
    host.teams = host.teams.filter((t) => t.name !== name);
    for (const s of host.virtualSwitches) if (s.uplink && 'team' in s.uplink && s.uplink.team === name) delete s.uplink;
  }
  for (const [host, name] of gone.vswitches) {
    host.virtualSwitches = host.virtualSwitches.filter((s) => s.name !== name);
    for (const vm of lab.vms) if (vm.host === host.name && vm.virtualSwitch === name) delete vm.virtualSwitch;
  }
  lab.vms = lab.vms.filter((v) => !gone.vms.has(v.name) && !gone.hosts.has(v.host));
  lab.hosts = lab.hosts.filter((h) => !gone.hosts.has(h.name));
  lab.switches = lab.switches.filter((s) => !gone.switches.has(s.name));
  lab.clients = lab.clients.filter((c) => !gone.clients.has(c.name));
  for (const name of gone.hosts) delete lab.layout.positions[hostId(name)];
  for (const name of gone.switches) delete lab.layout.positions[switchId(name)];
  for (const name of gone.clients) delete lab.layout.positions[clientId(name)];
}

/** A VM moved to another host lands on that host's first virtual switch. */
export function moveVmToHost(lab: Lab, index: number, hostName: string): void {
  const vm = lab.vms[index];
  const host = lab.hosts.find((h) => h.name === hostName);
  vm.host = hostName;
  if (host?.virtualSwitches[0]) vm.virtualSwitch = host.virtualSwitches[0].name;
  else delete vm.virtualSwitch;
}

/** Static MAC mode takes a free MAC outside every host's dynamic pool (one inside a pool would be handed out again). */
export function setMacMode(lab: Lab, index: number, mode: 'static' | 'dynamic'): void {
  const vm = lab.vms[index];
  vm.macMode = mode;
  if (mode === 'static' && !vm.staticMac) {
    const host = lab.hosts.find((h) => h.name === vm.host);
    vm.staticMac = freeStaticMac(lab, host?.hypervisor ?? 'hyper-v');
  }
}

export function movePositions(lab: Lab, moves: Record<string, Position>): void {
  for (const [id, p] of Object.entries(moves)) lab.layout.positions[id] = { x: Math.round(p.x), y: Math.round(p.y) };
}
