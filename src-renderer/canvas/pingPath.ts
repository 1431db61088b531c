// The path a client's ping takes to a VM at one step of a drill, and the element where it dies.
import type { Lab } from '../../shared/lab.js';
import type { Snapshot } from '../../shared/drill.js';
import { hostId, nicId, teamId, virtualSwitchId, vmId, switchId, portId, clientId, cableId } from '../../shared/checks.js';
import { endpointElementId } from '../stores/elements.js';

type Link = { to: string; via: string | null };

/** What the path depends on: each team's state and where each VM runs (a step's tables, or the simulated state). */
export type PathState = { teams: Pick<Snapshot['teams'][number], 'host' | 'team' | 'enabled' | 'activeMember'>[]; vms: Pick<Snapshot['vms'][number], 'name' | 'host'>[] };

/** Element ids (nodes and edges) from the client to the VM, following the teams' active members; empty when there is no path. */
export function pingPath(lab: Lab, snapshot: PathState | null, client: string, vm: string): string[] {
  const links = new Map<string, Link[]>();
  const link = (a: string, b: string, via: string | null) => {
    links.set(a, [...(links.get(a) ?? []), { to: b, via }]);
    links.set(b, [...(links.get(b) ?? []), { to: a, via }]);
  };
  for (const c of lab.cables) link(endpointElementId(c.a), endpointElementId(c.b), cableId(c.a, c.b));
  for (const s of lab.switches) for (let p = 1; p <= s.ports; p++) link(switchId(s.name), portId(s.name, p), null);
  for (const h of lab.hosts) {
    for (const t of h.teams) {
      const state = snapshot?.teams.find((x) => x.host === h.name && x.team === t.name);
      if (state && !state.enabled) continue;
      const active = state?.activeMember ?? t.primary ?? t.members[0];
      for (const m of t.members) if (m === active) link(teamId(h.name, t.name), nicId(h.name, m), `member:${teamId(h.name, t.name)}>${m}`);
    }
    for (const s of h.virtualSwitches) {
      const up = s.uplink;
      if (!up) continue;
      if ('nics' in up) {
        const active = snapshot?.teams.find((x) => x.host === h.name && x.team === s.name)?.activeMember ?? s.teaming?.activeUplinks?.[0] ?? up.nics[0];
        link(virtualSwitchId(h.name, s.name), nicId(h.name, active), `uplink:${virtualSwitchId(h.name, s.name)}>${active}`);
        continue;
      }
      const target = 'team' in up ? teamId(h.name, up.team) : nicId(h.name, up.nic);
      link(virtualSwitchId(h.name, s.name), target, `uplink:${virtualSwitchId(h.name, s.name)}`);
    }
  }
  const spec = lab.vms.find((v) => v.name === vm);
  const where = snapshot?.vms.find((v) => v.name === vm)?.host ?? spec?.host;
  const host = lab.hosts.find((h) => h.name === where);
  const vsName = spec?.host === where ? (spec?.virtualSwitch ?? host?.virtualSwitches[0]?.name) : host?.virtualSwitches[0]?.name;
  if (!host || !vsName) return [];
  // A VM running elsewhere is drawn plugged into that host's virtual switch by the same adapter edge.
  link(virtualSwitchId(host.name, vsName), vmId(vm), `vnic:${vmId(vm)}`);

  const start = clientId(client);
  const goal = vmId(vm);
  const came = new Map<string, { from: string; via: string | null }>([[start, { from: '', via: null }]]);
  const queue = [start];
  while (queue.length) {
    const at = queue.shift()!;
    if (at === goal) break;
    for (const next of links.get(at) ?? []) {
      if (came.has(next.to)) continue;
      came.set(next.to, { from: at, via: next.via });
      queue.push(next.to);
    }
  }
  if (!came.has(goal)) return [];
  const out: string[] = [];
  for (let at = goal; at; ) {
    const step = came.get(at)!;
    out.push(at);
    if (step.via) out.push(step.via);
    at = step.from;
  }
  if (out.some((id) => id.startsWith('vswitch:') || id.startsWith('team:'))) out.push(hostId(host.name));
  return out.reverse();
}

/** The canvas element a diagnosis names as the place frames die ("HostB/VM-Switch", "switch2", "Guest1"). */
export function deviceElementId(lab: Lab, device: string): string | null {
  const slash = device.indexOf('/');
  if (slash > 0) {
    const [a, b] = [device.slice(0, slash), device.slice(slash + 1)];
    const host = lab.hosts.find((h) => h.name === a);
    if (host) {
      if (host.virtualSwitches.some((s) => s.name === b)) return virtualSwitchId(a, b);
      if (host.teams.some((t) => t.name === b)) return teamId(a, b);
      if (host.nics.some((n) => n.name === b)) return nicId(a, b);
      return hostId(a);
    }
    const port = /^port(\d+)$/.exec(b);
    if (port && lab.switches.some((s) => s.name === a)) return portId(a, Number(port[1]));
  }
  if (lab.vms.some((v) => v.name === device)) return vmId(device);
  if (lab.switches.some((s) => s.name === device)) return switchId(device);
  if (lab.hosts.some((h) => h.name === device)) return hostId(device);
  if (lab.clients.some((c) => c.name === device)) return clientId(device);
  return null;
}
