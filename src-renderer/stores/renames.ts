// Renames: every reference to a host, NIC, team, virtual switch, VM, switch or client follows the new name.
import type { Lab, Endpoint } from '../../shared/lab.js';
import type { DrillStep } from '../../shared/drill.js';
import { hostId, switchId, clientId } from '../../shared/checks.js';

function eachEndpoint(lab: Lab, visit: (e: Endpoint) => void): void {
  for (const c of lab.cables) {
    visit(c.a);
    visit(c.b);
  }
  for (const d of lab.drills)
    for (const s of d.steps) {
      if ('cable' in s && s.cable) visit(s.cable);
      if (s.action === 'move-cable') visit(s.to);
    }
}

function eachStep(lab: Lab, visit: (s: DrillStep) => void): void {
  for (const d of lab.drills) d.steps.forEach(visit);
}

function moveKey(lab: Lab, from: string, to: string): void {
  const p = lab.layout.positions[from];
  if (!p) return;
  delete lab.layout.positions[from];
  lab.layout.positions[to] = p;
}

export function renameHost(lab: Lab, index: number, to: string): void {
  const from = lab.hosts[index].name;
  lab.hosts[index].name = to;
  for (const vm of lab.vms) if (vm.host === from) vm.host = to;
  eachEndpoint(lab, (e) => {
    if ('nic' in e && e.host === from) e.host = to;
  });
  eachStep(lab, (s) => {
    if ('host' in s && s.host === from) s.host = to;
    if ((s.action === 'live-migrate' || s.action === 'quick-migrate') && s.to === from) s.to = to;
    if (s.action === 'fail-host' && s.failoverTo === from) s.failoverTo = to;
  });
  moveKey(lab, hostId(from), hostId(to));
}

export function renameNic(lab: Lab, hostIndex: number, index: number, to: string): void {
  const host = lab.hosts[hostIndex];
  const from = host.nics[index].name;
  host.nics[index].name = to;
  for (const t of host.teams) {
    t.members = t.members.map((m) => (m === from ? to : m));
    if (t.primary === from) t.primary = to;
  }
  for (const s of host.virtualSwitches) if (s.uplink && 'nic' in s.uplink && s.uplink.nic === from) s.uplink.nic = to;
  eachEndpoint(lab, (e) => {
    if ('nic' in e && e.host === host.name && e.nic === from) e.nic = to;
  });
  eachStep(lab, (s) => {
    if ('nic' in s && s.host === host.name && s.nic === from) s.nic = to;
  });
}

export function renameTeam(lab: Lab, hostIndex: number, index: number, to: string): void {
  const host = lab.hosts[hostIndex];
  const from = host.teams[index].name;
  host.teams[index].name = to;
  for (const s of host.virtualSwitches) if (s.uplink && 'team' in s.uplink && s.uplink.team === from) s.uplink.team = to;
  eachStep(lab, (s) => {
    if ('team' in s && s.host === host.name && s.team === from) s.team = to;
  });
}

export function renameVirtualSwitch(lab: Lab, hostIndex: number, index: number, to: string): void {
  const host = lab.hosts[hostIndex];
  const from = host.virtualSwitches[index].name;
  host.virtualSwitches[index].name = to;
  for (const vm of lab.vms) if (vm.host === host.name && vm.virtualSwitch === from) vm.virtualSwitch = to;
}

export function renameVm(lab: Lab, index: number, to: string): void {
  const from = lab.vms[index].name;
  lab.vms[index].name = to;
  for (const d of lab.drills) {
    if (d.vms) d.vms = d.vms.map((v) => (v === from ? to : v));
    d.expect.expectDown = d.expect.expectDown.map((v) => (v === from ? to : v));
  }
  eachStep(lab, (s) => {
    if ('vm' in s && s.vm === from) s.vm = to;
  });
}

export function renameSwitch(lab: Lab, index: number, to: string): void {
  const from = lab.switches[index].name;
  lab.switches[index].name = to;
  eachEndpoint(lab, (e) => {
    if ('port' in e && e.switch === from) e.switch = to;
  });
  eachStep(lab, (s) => {
    if ('switch' in s && s.switch === from) s.switch = to;
    if ('switches' in s) s.switches = s.switches.map((n) => (n === from ? to : n)) as [string, string];
  });
  moveKey(lab, switchId(from), switchId(to));
}

export function renameClient(lab: Lab, index: number, to: string): void {
  const from = lab.clients[index].name;
  lab.clients[index].name = to;
  eachEndpoint(lab, (e) => {
    if ('client' in e && e.client === from) e.client = to;
  });
  for (const d of lab.drills) if (d.client === from) d.client = to;
  eachStep(lab, (s) => {
    if (s.action === 'clear-arp' && s.client === from) s.client = to;
  });
  moveKey(lab, clientId(from), clientId(to));
}

