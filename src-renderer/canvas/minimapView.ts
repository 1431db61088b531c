// The minimap's arithmetic: the whole lab scaled into a small picture, the view as a rectangle on it, and a point on it back to a pan.
import type { Lab } from '../../shared/lab.js';
import type { Point } from './elements.js';

export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Model → minimap: minimap = model × scale + offset. */
export interface MinimapTransform {
  scale: number;
  offsetX: number;
  offsetY: number;
}

/** Canvas nodes above which a lab counts as big and shows the minimap by itself. */
export const BIG_LAB_NODES = 200;

/** The nodes the canvas draws for a lab (hosts with their parts, VMs, switches with their ports, clients). */
export function canvasNodeCount(lab: Lab): number {
  const hostParts = lab.hosts.reduce((n, h) => n + 1 + h.nics.length + h.teams.length + h.virtualSwitches.length, 0);
  const ports = lab.switches.reduce((n, s) => n + 1 + s.ports, 0);
  return hostParts + lab.vms.length + ports + lab.clients.length;
}

export const isBigLab = (lab: Lab): boolean => canvasNodeCount(lab) > BIG_LAB_NODES;

/** Fits the content box into a width × height picture with a margin, centred, the same scale both ways. */
export function minimapTransform(content: Box, width: number, height: number, margin = 6): MinimapTransform {
  const w = Math.max(content.x2 - content.x1, 1);
  const h = Math.max(content.y2 - content.y1, 1);
  const scale = Math.max(Math.min((width - 2 * margin) / w, (height - 2 * margin) / h), 1e-6);
  return { scale, offsetX: (width - w * scale) / 2 - content.x1 * scale, offsetY: (height - h * scale) / 2 - content.y1 * scale };
}

export const toMinimap = (t: MinimapTransform, p: Point): Point => ({ x: p.x * t.scale + t.offsetX, y: p.y * t.scale + t.offsetY });
export const toModel = (t: MinimapTransform, p: Point): Point => ({ x: (p.x - t.offsetX) / t.scale, y: (p.y - t.offsetY) / t.scale });

/** A model box as a rectangle on the minimap. */
export function boxOnMinimap(t: MinimapTransform, b: Box): Rect {
  const a = toMinimap(t, { x: b.x1, y: b.y1 });
  return { x: a.x, y: a.y, w: (b.x2 - b.x1) * t.scale, h: (b.y2 - b.y1) * t.scale };
}

/** The view (the canvas' model extent) as a rectangle on the minimap, cut to the picture so an edge stays visible. */
export function viewportRect(t: MinimapTransform, extent: Box, width: number, height: number): Rect {
  const r = boxOnMinimap(t, extent);
  const x1 = Math.max(0, Math.min(r.x, width));
  const y1 = Math.max(0, Math.min(r.y, height));
  const x2 = Math.max(0, Math.min(r.x + r.w, width));
  const y2 = Math.max(0, Math.min(r.y + r.h, height));
  return { x: x1, y: y1, w: x2 - x1, h: y2 - y1 };
}

/** The canvas pan that puts a model point at the centre of a view of viewWidth × viewHeight pixels at this zoom. */
export function panCentring(model: Point, zoom: number, viewWidth: number, viewHeight: number): Point {
  return { x: viewWidth / 2 - model.x * zoom, y: viewHeight / 2 - model.y * zoom };
}
