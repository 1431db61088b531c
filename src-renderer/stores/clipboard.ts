// Copy and paste of hosts (with NICs, teams, virtual switches and VMs) and of VMs: what a copy holds and how a paste
// lands, with fresh names, IPs and MACs and no cable on a port that already has one.
import type { Lab, Host, VmSpec, Cable, Endpoint } from '../../shared/lab.js';
import { endpointKey } from '../../shared/lab.js';
import { hostId, vmId } from '../../shared/checks.js';
import { clone } from './ops.js';
import { resolveElement } from './elements.js';
import { EditRefused } from './refusal.js';
import { dynamicPoolOf, freeIpInSubnet, freeMacFrom, freeManagementIp, freePoolOverride, freeStaticMac, nextFreeName, usedIps, usedMacs } from './allocation.js';
import type { Point } from '../canvas/elements.js';

/** What Ctrl+C took: whole hosts with their VMs and cables to switch ports, and VMs on their own. */
export interface Clip {
  hosts: { host: Host; vms: VmSpec[]; cables: Cable[]; position?: Point }[];
  vms: VmSpec[];
}

export const isEmptyClip = (clip: Clip | null): boolean => !clip || (clip.hosts.length === 0 && clip.vms.length === 0);

/** The selected hosts (a part of a host copies the host) and VMs; VMs of a copied host come with it. */
export function copyElements(lab: Lab, ids: readonly string[]): Clip {
  const hosts = new Set<string>();
  const vms = new Set<string>();
  for (const id of ids) {
    const ref = resolveElement(lab, id);
    if (!ref) continue;
    if (ref.kind === 'vm') vms.add(lab.vms[ref.vm].name);
    else if ('host' in ref) hosts.add(lab.hosts[ref.host].name);
  }
  const clip: Clip = { hosts: [], vms: [] };
  for (const host of lab.hosts) {
    if (!hosts.has(host.name)) continue;
    const cables = lab.cables.filter((c) => [c.a, c.b].some((e) => 'nic' in e && e.host === host.name));
    const position = lab.layout.positions[hostId(host.name)];
    clip.hosts.push(clone({ host, vms: lab.vms.filter((v) => v.host === host.name), cables, ...(position ? { position } : {}) }));
  }
  clip.vms = clone(lab.vms.filter((v) => vms.has(v.name) && !hosts.has(v.host)));
  return clip;
}

export interface PasteOptions {
  /** The host pasted VMs go to (a VM copied alone); default: the host it was copied from, else the first host. */
  vmHost?: string;
  /** Where a pasted host goes, given its new id and the copied one's position; the draft already holds the host. */
  place?: (lab: Lab, id: string, copiedAt: Point | undefined) => void;
}

/** A pasted VM: a fresh name and IP, a static MAC outside every pool; a dynamic MAC is the new host's to give. */
function freshVm(lab: Lab, vm: VmSpec, host: Host, names: Set<string>, ips: Set<string>, macs: Set<number>): VmSpec {
  const copy: VmSpec = { ...clone(vm), name: nextFreeName(vm.name, names), ip: freeIpInSubnet(vm.ip, ips), host: host.name };
  delete copy.dynamicMac;
  if (copy.staticMac) copy.staticMac = freeStaticMac(lab, host.hypervisor, macs);
  if (copy.virtualSwitch && !host.virtualSwitches.some((s) => s.name === copy.virtualSwitch)) delete copy.virtualSwitch;
  return copy;
}

/** The first free port of the switch from `port` on (then from port 1), or null when every port has a cable. */
function freePort(lab: Lab, end: Extract<Endpoint, { port: number }>, plugged: Set<string>): Endpoint | null {
  const sw = lab.switches.find((s) => s.name === end.switch);
  if (!sw) return null;
  for (let i = 0; i < sw.ports; i++) {
    const port = ((end.port - 1 + i) % sw.ports) + 1;
    const candidate = { switch: sw.name, port };
    if (!plugged.has(endpointKey(candidate))) {
      plugged.add(endpointKey(candidate));
      return candidate;
    }
  }
  return null;
}

/** Adds the clip to the draft; answers the ids of what was added (hosts and VMs), to select them. */
export function pasteClip(lab: Lab, clip: Clip, options: PasteOptions = {}): string[] {
  if (isEmptyClip(clip)) throw new EditRefused('nothing is copied: select a host or a VM and copy it first');
  const added: string[] = [];
  const hostNames = new Set(lab.hosts.map((h) => h.name));
  const vmNames = new Set(lab.vms.map((v) => v.name));
  const ips = usedIps(lab);
  const macs = usedMacs(lab);
  const pools = lab.hosts.map(dynamicPoolOf);
  const plugged = new Set(lab.cables.flatMap((c) => [endpointKey(c.a), endpointKey(c.b)]));
  for (const copied of clip.hosts) {
    const host: Host = clone(copied.host);
    host.name = nextFreeName(copied.host.name, hostNames);
    if (host.macPool) host.macPool = freePoolOverride(lab, host.macPool, pools);
    host.managementIp = freeManagementIp(lab, host, ips, pools);
    for (const nic of host.nics) nic.mac = freeMacFrom(lab, nic.mac, macs);
    lab.hosts.push(host);
    for (const vm of copied.vms) lab.vms.push(freshVm(lab, vm, host, vmNames, ips, macs));
    for (const cable of copied.cables) {
      const [nicEnd, other] = 'nic' in cable.a && cable.a.host === copied.host.name ? [cable.a, cable.b] : [cable.b, cable.a];
      if (!('nic' in nicEnd) || !('port' in other)) continue;
      const port = freePort(lab, other, plugged);
      if (port) lab.cables.push({ a: { host: host.name, nic: nicEnd.nic }, b: port });
    }
    options.place?.(lab, hostId(host.name), copied.position);
    added.push(hostId(host.name), ...lab.vms.filter((v) => v.host === host.name).map((v) => vmId(v.name)));
  }
  for (const vm of clip.vms) {
    const host = lab.hosts.find((h) => h.name === (options.vmHost ?? vm.host)) ?? lab.hosts[0];
    if (!host) throw new EditRefused('a VM runs on a host: add a host first');
    const copy = freshVm(lab, vm, host, vmNames, ips, macs);
    if (!copy.virtualSwitch && host.virtualSwitches[0]) copy.virtualSwitch = host.virtualSwitches[0].name;
    lab.vms.push(copy);
    added.push(vmId(copy.name));
  }
  return added;
}

/** "Add N hosts like this one": N pastes of one host, each with its own names, addresses and free ports. */
export function addHostsLike(lab: Lab, hostName: string, count: number, place?: PasteOptions['place']): string[] {
  const clip = copyElements(lab, [hostId(hostName)]);
  const added: string[] = [];
  for (let i = 0; i < count; i++) added.push(...pasteClip(lab, clip, { ...(place ? { place } : {}) }).filter((id) => id.startsWith('host:')));
  return added;
}

/** "Add N VMs to this host": copies of the host's last VM (or plain dynamic-MAC VMs), numbered on from the lab's VMs. */
export function addVmsTo(lab: Lab, hostName: string, count: number): string[] {
  const host = lab.hosts.find((h) => h.name === hostName);
  if (!host) throw new EditRefused(`host ${hostName} does not exist`);
  const model: VmSpec = lab.vms.filter((v) => v.host === hostName).at(-1) ??
    lab.vms.at(-1) ?? { name: 'Guest0', ip: '1.1.1.0', host: hostName, macMode: 'dynamic', initialState: 'running', os: 'windows' };
  const vmNames = new Set(lab.vms.map((v) => v.name));
  const ips = usedIps(lab);
  const macs = usedMacs(lab);
  const added: string[] = [];
  for (let i = 0; i < count; i++) {
    const vm = freshVm(lab, { ...model, host: hostName }, host, vmNames, ips, macs);
    if (!vm.virtualSwitch && host.virtualSwitches[0]) vm.virtualSwitch = host.virtualSwitches[0].name;
    lab.vms.push(vm);
    added.push(vmId(vm.name));
  }
  return added;
}
