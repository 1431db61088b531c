// Collapsed hosts on the canvas: one box with a count ("HostA — 16 VMs") instead of its parts; cables to its NICs end on the box.
import type { Lab } from '../../shared/lab.js';
import { hostId } from '../../shared/checks.js';
import { plural } from '../../shared/words.js';
import { defaultAnchors, hostPartOffsets, type CanvasElement, type Point } from './elements.js';
import { routeCables } from './routing.js';

/** What a collapsed host's box says. */
export function collapsedLabel(host: string, vms: number): string {
  return `${host} — ${plural(vms, 'VM')}`;
}

/** From a host's anchor (its stored position) to the middle of its parts, where its collapsed box sits. */
export function collapsedCentreOffset(lab: Lab, host: string): Point {
  const h = lab.hosts.find((x) => x.name === host);
  if (!h) return { x: 0, y: 0 };
  const offsets = [...hostPartOffsets(h, lab.vms.filter((v) => v.host === host).map((v) => v.name)).values()];
  if (!offsets.length) return { x: 0, y: 0 };
  const xs = offsets.map((p) => p.x);
  const ys = offsets.map((p) => p.y);
  return { x: (Math.min(...xs) + Math.max(...xs)) / 2, y: (Math.min(...ys) + Math.max(...ys)) / 2 };
}

/**
 * The elements with each collapsed host drawn as one box: its parts and their own edges left out, cables moved onto
 * the box and routed again from there (a route drawn for the NICs, read from the box, bends inside it and Cytoscape
 * draws no cable at all). The elements given are left as they were.
 */
export function collapseHosts(elements: readonly CanvasElement[], lab: Lab, collapsed: ReadonlySet<string>): CanvasElement[] {
  const hosts = lab.hosts.filter((h) => collapsed.has(h.name));
  if (!hosts.length) return [...elements];
  const boxOf = new Map<string, string>(); // part id → its collapsed host's id
  const byHost = new Map(hosts.map((h) => [hostId(h.name), h.name]));
  for (const e of elements) if (e.data.parent && byHost.has(e.data.parent)) boxOf.set(e.data.id, e.data.parent);
  const defaults = defaultAnchors(lab);
  const out: CanvasElement[] = [];
  for (const e of elements) {
    if (boxOf.has(e.data.id)) continue;
    const host = e.group === 'nodes' ? byHost.get(e.data.id) : undefined;
    if (host !== undefined) {
      const anchor = lab.layout.positions[e.data.id] ?? defaults.get(e.data.id) ?? { x: 0, y: 0 };
      const centre = collapsedCentreOffset(lab, host);
      const vms = lab.vms.filter((v) => v.host === host).length;
      out.push({ ...e, data: { ...e.data, label: collapsedLabel(host, vms) }, position: { x: anchor.x + centre.x, y: anchor.y + centre.y }, classes: `${e.classes ?? ''} collapsed`.trim() });
      continue;
    }
    if (e.group === 'edges') {
      const source = boxOf.get(e.data.source!) ?? e.data.source!;
      const target = boxOf.get(e.data.target!) ?? e.data.target!;
      const touches = source !== e.data.source || target !== e.data.target;
      // Inside a box nothing is drawn; only cables leave it.
      if (touches && (e.data.kind !== 'cable' || source === target)) continue;
      out.push(e.data.kind === 'cable' ? { ...e, data: { ...e.data, source, target } } : e);
      continue;
    }
    out.push(e);
  }
  routeCables(out);
  return out;
}

/** The host an element id belongs to (the host itself, or the host whose box holds the part), or null. */
export function hostOfElement(lab: Lab, id: string): string | null {
  const m = /^(host|nic|team|vswitch):([^/]+)/.exec(id);
  if (m) return m[2];
  if (id.startsWith('vm:')) return lab.vms.find((v) => v.name === id.slice(3))?.host ?? null;
  return null;
}
