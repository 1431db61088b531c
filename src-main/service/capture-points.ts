// Capture points as engineers name them ("HostB/NIC3", "switch1/port2", "Client1", "Guest1"), read
// the same way as `lab-planner drill --capture`, with mistakes as values in the domain's words.
import type { Lab } from '../../shared/lab.js';
import { clientId, nicId, portId, vmId } from '../../shared/checks.js';
import type { CapturePoint } from '../core/drills/runner.js';

export type CapturePointKind = 'nic' | 'port' | 'client' | 'vm';

export interface NamedCapturePoint {
  point: CapturePoint;
  /** As engineers write it and as `capture.export` takes it. */
  name: string;
  kind: CapturePointKind;
  elementId: string;
}

export function describeCapturePoint(point: CapturePoint): NamedCapturePoint {
  if ('vm' in point) return { point, name: point.vm, kind: 'vm', elementId: vmId(point.vm) };
  if ('nic' in point) return { point, name: `${point.host}/${point.nic}`, kind: 'nic', elementId: nicId(point.host, point.nic) };
  if ('port' in point) return { point, name: `${point.switch}/port${point.port}`, kind: 'port', elementId: portId(point.switch, point.port) };
  return { point, name: point.client, kind: 'client', elementId: clientId(point.client) };
}

/** One name read as a capture point; null when the lab has nothing by that name. */
export function readCapturePoint(lab: Lab, text: string): CapturePoint | null {
  const slash = text.lastIndexOf('/');
  if (slash > 0) {
    const [left, right] = [text.slice(0, slash), text.slice(slash + 1)];
    const host = lab.hosts.find((h) => h.name === left);
    if (host?.nics.some((n) => n.name === right)) return { host: host.name, nic: right };
    const sw = lab.switches.find((s) => s.name === left);
    const port = Number(right.replace(/^port/i, ''));
    if (sw && right !== '' && Number.isInteger(port) && port >= 1 && port <= sw.ports) return { switch: sw.name, port };
  }
  if (lab.clients.some((c) => c.name === text)) return { client: text };
  if (lab.vms.some((v) => v.name === text)) return { vm: text };
  return null;
}

/** Every name read, duplicates dropped; all unknown names in one message. */
export function readCapturePoints(lab: Lab, names: readonly string[]): { ok: true; points: NamedCapturePoint[] } | { ok: false; message: string } {
  const unknown: string[] = [];
  const points = new Map<string, NamedCapturePoint>();
  for (const name of names) {
    const point = readCapturePoint(lab, name);
    if (!point) unknown.push(name);
    else {
      const named = describeCapturePoint(point);
      points.set(named.elementId, named);
    }
  }
  if (unknown.length) {
    const listed = unknown.map((n) => `"${n}"`).join(', ');
    return {
      ok: false,
      message: `${listed} ${unknown.length === 1 ? 'is no capture point' : 'are no capture points'} of this lab; name a NIC (HostB/NIC3), a switch port (switch1/port2), a client (Client1) or a VM (Guest1)`,
    };
  }
  return { ok: true, points: [...points.values()] };
}

/** Where captures go when none are chosen: every cabled host NIC and every cabled client (as the CLI does). */
export function defaultCapturePoints(lab: Lab): NamedCapturePoint[] {
  const points = new Map<string, NamedCapturePoint>();
  for (const cable of lab.cables) for (const end of [cable.a, cable.b]) if ('nic' in end) add(points, { host: end.host, nic: end.nic });
  for (const cable of lab.cables) for (const end of [cable.a, cable.b]) if ('client' in end) add(points, { client: end.client });
  return [...points.values()];
}

/** Every place a capture can be taken, for a picker: NICs, used switch ports, clients, VMs. */
export function allCapturePoints(lab: Lab): NamedCapturePoint[] {
  const points = new Map<string, NamedCapturePoint>();
  for (const host of lab.hosts) for (const nic of host.nics) add(points, { host: host.name, nic: nic.name });
  const used = lab.cables.flatMap((c) => [c.a, c.b]).filter((e): e is { switch: string; port: number } => 'port' in e);
  for (const sw of lab.switches)
    for (const end of used.filter((e) => e.switch === sw.name).sort((a, b) => a.port - b.port)) add(points, { switch: end.switch, port: end.port });
  for (const client of lab.clients) add(points, { client: client.name });
  for (const vm of lab.vms) add(points, { vm: vm.name });
  return [...points.values()];
}

function add(points: Map<string, NamedCapturePoint>, point: CapturePoint): void {
  const named = describeCapturePoint(point);
  if (!points.has(named.elementId)) points.set(named.elementId, named);
}

/** "migrate-then-restart--HostB-NIC3.pcap": the same names `lab-planner drill --pcap` writes. */
export function captureFileName(drill: string, point: CapturePoint): string {
  const label =
    'vm' in point ? `${point.vm}-vport` : 'nic' in point ? `${point.host}-${point.nic}` : 'port' in point ? `${point.switch}-port${point.port}` : point.client;
  return `${safeFileName(drill)}--${safeFileName(label)}.pcap`;
}

/** A name as a file name part: anything but letters, digits, dot, dash and underscore becomes "_". */
export function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_');
}
