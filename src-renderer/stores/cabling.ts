// What the cable tool offers: a switch's ports as free or used (and by which cable), and why a cable is refused.
import type { Lab, Endpoint } from '../../shared/lab.js';
import { endpointKey, endpointLabel } from '../../shared/lab.js';
import { portId } from '../../shared/checks.js';
import { resolveElement } from './elements.js';

export interface PortChoice {
  port: number;
  /** The port's canvas id, `port:switch1/3`. */
  id: string;
  free: boolean;
  /** The other end of the cable holding the port (`HostA/NIC3`), or null when free. */
  usedBy: string | null;
}

/** The other end of the cable plugged into `end`, or null. */
export function cabledTo(lab: Lab, end: Endpoint): Endpoint | null {
  const k = endpointKey(end);
  for (const c of lab.cables) {
    if (endpointKey(c.a) === k) return c.b;
    if (endpointKey(c.b) === k) return c.a;
  }
  return null;
}

/** Every port of a switch, in order, free or used by the cable it names. */
export function portChoices(lab: Lab, switchName: string): PortChoice[] {
  const sw = lab.switches.find((s) => s.name === switchName);
  if (!sw) return [];
  const used = new Map<number, string>();
  for (const c of lab.cables) {
    if ('port' in c.a && c.a.switch === switchName) used.set(c.a.port, endpointLabel(c.b));
    if ('port' in c.b && c.b.switch === switchName) used.set(c.b.port, endpointLabel(c.a));
  }
  const out: PortChoice[] = [];
  for (let port = 1; port <= sw.ports; port++) out.push({ port, id: portId(switchName, port), free: !used.has(port), usedBy: used.get(port) ?? null });
  return out;
}

/** The plug a canvas id names (a NIC, a switch port or a client), or null for anything else. */
export function plugAt(lab: Lab, id: string): Endpoint | null {
  const ref = resolveElement(lab, id);
  if (ref?.kind === 'nic') return { host: lab.hosts[ref.host].name, nic: lab.hosts[ref.host].nics[ref.nic].name };
  if (ref?.kind === 'port') return { switch: lab.switches[ref.switch].name, port: ref.port };
  if (ref?.kind === 'client') return { client: lab.clients[ref.client].name };
  return null;
}

/** Why a cable from `from` to `to` cannot be laid, in the domain's words; null when it can. */
export function cableRefusal(lab: Lab, from: Endpoint, to: Endpoint): string | null {
  if (endpointKey(from) === endpointKey(to)) return 'a cable needs two different ends';
  if (!('port' in from) && !('port' in to)) return `a cable runs to a switch port; ${endpointLabel(from)} – ${endpointLabel(to)} has none`;
  if ('port' in from && 'port' in to && from.switch === to.switch) return `${endpointLabel(from)} and ${endpointLabel(to)} are ports of one switch: an inter-switch link joins two switches`;
  for (const end of [from, to]) {
    const other = cabledTo(lab, end);
    if (other) return `${endpointLabel(end)} is used by the cable ${'port' in end ? 'from' : 'to'} ${endpointLabel(other)}`;
  }
  return null;
}

/** Cables are written device → switch port, as the example files do. */
export function cableEnds(a: Endpoint, b: Endpoint): [Endpoint, Endpoint] {
  return 'port' in a && !('port' in b) ? [b, a] : [a, b];
}
