// Where each canvas/selection id lives in the lab document, and the reverse: document paths to ids.
import type { Lab, Endpoint } from '../../shared/lab.js';
import { hostId, nicId, teamId, virtualSwitchId, vmId, switchId, portId, clientId, cableId } from '../../shared/checks.js';

export type ElementRef =
  | { kind: 'host'; id: string; host: number }
  | { kind: 'nic'; id: string; host: number; nic: number }
  | { kind: 'team'; id: string; host: number; team: number }
  | { kind: 'vswitch'; id: string; host: number; vswitch: number }
  | { kind: 'vm'; id: string; vm: number }
  | { kind: 'switch'; id: string; switch: number }
  | { kind: 'port'; id: string; switch: number; port: number }
  | { kind: 'client'; id: string; client: number }
  | { kind: 'cable'; id: string; cable: number };

export type ElementKind = ElementRef['kind'];

/** Every element of the lab with its id, in document order. */
export function listElements(lab: Lab): ElementRef[] {
  const out: ElementRef[] = [];
  lab.hosts.forEach((h, host) => {
    out.push({ kind: 'host', id: hostId(h.name), host });
    h.nics.forEach((n, nic) => out.push({ kind: 'nic', id: nicId(h.name, n.name), host, nic }));
    h.teams.forEach((t, team) => out.push({ kind: 'team', id: teamId(h.name, t.name), host, team }));
    h.virtualSwitches.forEach((s, vswitch) => out.push({ kind: 'vswitch', id: virtualSwitchId(h.name, s.name), host, vswitch }));
  });
  lab.vms.forEach((v, vm) => out.push({ kind: 'vm', id: vmId(v.name), vm }));
  lab.switches.forEach((s, sw) => {
    out.push({ kind: 'switch', id: switchId(s.name), switch: sw });
    for (let port = 1; port <= s.ports; port++) out.push({ kind: 'port', id: portId(s.name, port), switch: sw, port });
  });
  lab.clients.forEach((c, client) => out.push({ kind: 'client', id: clientId(c.name), client }));
  lab.cables.forEach((c, cable) => out.push({ kind: 'cable', id: cableId(c.a, c.b), cable }));
  return out;
}

export function resolveElement(lab: Lab, id: string): ElementRef | null {
  return listElements(lab).find((e) => e.id === id) ?? null;
}

/** The id of the element a cable endpoint plugs into (a NIC, a switch port or a client). */
export function endpointElementId(e: Endpoint): string {
  if ('nic' in e) return nicId(e.host, e.nic);
  if ('port' in e) return portId(e.switch, e.port);
  return clientId(e.client);
}

/** The element a problem path such as `hosts[1].teams[0].members[2]` points at; null for settings, drills, meta. */
export function elementIdForPath(lab: Lab, path: string): string | null {
  const index = (re: RegExp) => {
    const m = re.exec(path);
    return m ? Number(m[1]) : undefined;
  };
  const h = index(/^hosts\[(\d+)\]/);
  if (h !== undefined && lab.hosts[h]) {
    const host = lab.hosts[h];
    const n = index(/^hosts\[\d+\]\.nics\[(\d+)\]/);
    if (n !== undefined && host.nics[n]) return nicId(host.name, host.nics[n].name);
    const t = index(/^hosts\[\d+\]\.teams\[(\d+)\]/);
    if (t !== undefined && host.teams[t]) return teamId(host.name, host.teams[t].name);
    const s = index(/^hosts\[\d+\]\.virtualSwitches\[(\d+)\]/);
    if (s !== undefined && host.virtualSwitches[s]) return virtualSwitchId(host.name, host.virtualSwitches[s].name);
    return hostId(host.name);
  }
  const v = index(/^vms\[(\d+)\]/);
  if (v !== undefined && lab.vms[v]) return vmId(lab.vms[v].name);
  const s = index(/^switches\[(\d+)\]/);
  if (s !== undefined && lab.switches[s]) return switchId(lab.switches[s].name);
  const c = index(/^clients\[(\d+)\]/);
  if (c !== undefined && lab.clients[c]) return clientId(lab.clients[c].name);
  const k = index(/^cables\[(\d+)\]/);
  if (k !== undefined && lab.cables[k]) return cableId(lab.cables[k].a, lab.cables[k].b);
  return null;
}

/** The drill a problem path points at, if any. */
export function drillIndexForPath(path: string): number | null {
  const m = /^drills\[(\d+)\]/.exec(path);
  return m ? Number(m[1]) : null;
}
