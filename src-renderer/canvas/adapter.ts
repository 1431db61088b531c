// The Cytoscape adapter: draws elements, reports selection, moves and cable gestures; cy never enters Vue reactivity.
import cytoscape, { type Core, type EventObject, type NodeSingular, type ElementDefinition } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { markRaw } from 'vue';
import type { CanvasElement, Point } from './elements.js';
import { canvasStyle, zoomBand, PART_NAMES_ZOOM, type ZoomBand } from './style.js';
import { SimulationLayer, SIMULATION_KINDS } from './simulationLayer.js';
import { quickBoundingBox } from './quickBounds.js';
import { narrowStyleTriggers } from './styleTriggers.js';
import { quickEffectiveOpacity, quickZDepth } from './zDepth.js';
import { estimatedFitZoom, fitZoom, SMALL_LAB_ELEMENTS } from './viewport.js';
import type { Theme } from '../stores/preferences.js';

cytoscape.use(fcose);

export interface CanvasCallbacks {
  /** The selection on the canvas changed. */
  selected(ids: string[]): void;
  /** Movable elements (hosts, switches, clients) may have been dragged; the caller reads their positions. */
  moved(ids: string[]): void;
  /** A cable was drawn from one plug to another (NIC, port or client ids). */
  connect(from: string, to: string): void;
  /** A stale-entry badge was clicked: the team's element id and the entry's IP. */
  openEntry(team: string, ip: string): void;
  /** A right click on an element (its id) or on the empty canvas (null), at page pixels and the model point. */
  contextMenu?(id: string | null, client: Point, model: Point): void;
}

/** Kinds drawn over the design (the cable being drawn, the simulation's); a design sync leaves them alone. */
const OVERLAY_KINDS = new Set<string>(['ghost', 'draft', ...SIMULATION_KINDS]);

const PLUG = 'node[kind="nic"], node[kind="port"]';
const HOST_PART = 'node[kind="vm"], node[kind="team"], node[kind="vswitch"]';
const MOVABLE = new Set(['host', 'switch', 'client']);
/** Screen pixels left around a lab fitted in view. */
const FIT_PADDING = 40;

export class CanvasAdapter {
  readonly cy: Core;
  /** The simulated lab over the design, and the animation's frame marker. */
  readonly simulation: SimulationLayer;
  private selectionQueued = false;
  private readonly grabStart = new Map<string, Point>();
  private gesture: { kind: 'cable'; from: string; moved: boolean } | { kind: 'move'; host: NodeSingular; last: Point; moved: boolean } | null = null;

  private theme: Theme;
  /** Elements "Compare with…" marks as changed: kept here so elements re-added by a sync get the mark again. */
  private changed: readonly string[] = [];
  private band: ZoomBand = 'near';
  private bandQueued = false;

  constructor(container: HTMLElement, theme: Theme, private readonly callbacks: CanvasCallbacks) {
    this.theme = theme;
    // Cytoscape's own <style> is refused under a strict CSP: the container must be positioned by us.
    container.style.position = 'relative';
    this.cy = markRaw(
      cytoscape({
        container,
        style: canvasStyle(theme, 'near'),
        boxSelectionEnabled: true,
        selectionType: 'single',
        minZoom: 0.05,
        maxZoom: 4,
        hideEdgesOnViewport: false,
        textureOnViewport: false,
      }),
    );
    // A big lab's style pass would otherwise spend much of its time clearing caches (styleTriggers.ts).
    narrowStyleTriggers(this.cy);
    // And its sort of every element by compound depth before it draws a changed graph, and the opacity of each
    // element it draws (zDepth.ts).
    quickZDepth(this.cy);
    quickEffectiveOpacity(this.cy);
    // And the bounding box it asks for several times per element it draws (quickBounds.ts).
    quickBoundingBox(this.cy);
    this.simulation = new SimulationLayer(this.cy, () => this.design);
    this.listen();
    // The container changes size with the window and the panels; Cytoscape must be told.
    this.lastSize = { w: container.clientWidth, h: container.clientHeight };
    this.resizeObserver = new ResizeObserver(() => this.containerResized());
    this.resizeObserver.observe(container);
  }

  private lastSize: { w: number; h: number };

  /**
   * The container may have another size: Cytoscape is told, and the view kept (keepView). The resize observer calls
   * this before the next frame; the window calls it at once when it docks a panel beside the canvas, so the canvas
   * is never clicked at its old geometry.
   */
  containerResized(): void {
    const box = this.cy.container();
    if (!box) return;
    const before = this.lastSize;
    const now = { w: box.clientWidth, h: box.clientHeight };
    if (now.w === before.w && now.h === before.h && this.sized) return;
    this.lastSize = now;
    const wasEmpty = this.sized === false;
    const wasInView = this.sized && this.labInView(before.w, before.h);
    this.cy.resize();
    this.sized = now.w > 0 && now.h > 0;
    if (wasEmpty && this.sized && this.fitWhenSized) this.fit();
    else if (this.sized && before.w > 0 && before.h > 0) this.keepView(before, now, wasInView);
  }

  private readonly resizeObserver: ResizeObserver;
  /** The design's elements by id, as last synced: where a VM goes back to. */
  private design = new Map<string, CanvasElement>();
  /** The drill marks as last drawn, so an unchanged mark is not redrawn. */
  private marked = new Map<string, string>();
  private sized = false;
  /** A fit asked for while the container had no size yet is done once it has one. */
  private fitWhenSized = false;

  setTheme(theme: Theme): void {
    this.theme = theme;
    this.restyle();
  }

  /**
   * The stylesheet for the theme and zoom band, into the style Cytoscape has: cy.style(sheet) would build a new
   * style, clearing every element's style twice (once as it is made, once as the sheet is read), some 40 ms each on
   * a 1,000-VM lab; the documented fromJson-then-update clears it once.
   */
  private restyle(): void {
    this.cy.style().fromJson(canvasStyle(this.theme, this.band)).update();
  }

  /** Labels stay readable: bigger and shorter as the view zooms out, only the big boxes' names when far. */
  updateLabels(): void {
    this.showBand(zoomBand(this.cy.zoom()));
  }

  private showBand(band: ZoomBand): void {
    if (band === this.band) return;
    this.band = band;
    this.restyle();
  }

  /** Brings the drawing in line with `elements`: adds, removes and updates only what differs. */
  sync(elements: readonly CanvasElement[]): void {
    const cy = this.cy;
    cy.batch(() => {
      const wanted = new Map(elements.map((e) => [e.data.id, e]));
      this.design = wanted;
      // Re-added elements lost the simulation's classes and the marks: the simulation gives them theirs next time,
      // the next highlight draws every mark afresh.
      for (const id of this.marked.keys()) cy.getElementById(id).removeClass('problem path dies');
      this.marked = new Map();
      cy.elements().forEach((ele) => {
        if (OVERLAY_KINDS.has(ele.data('kind'))) return;
        const want = wanted.get(ele.id());
        if (!want || want.data.parent !== ele.data('parent') || (want.group === 'edges' && (want.data.source !== ele.data('source') || want.data.target !== ele.data('target')))) {
          ele.remove();
        }
      });
      const toAdd: ElementDefinition[] = [];
      for (const e of elements) {
        const ele = cy.getElementById(e.data.id);
        if (ele.empty() || ele.removed()) {
          toAdd.push({ group: e.group, data: { ...e.data }, ...(e.position ? { position: { ...e.position } } : {}), classes: e.classes ?? '', grabbable: MOVABLE.has(e.data.kind) });
          continue;
        }
        if (ele.data('label') !== e.data.label) ele.data({ label: e.data.label, name: e.data.name });
        // A cut label's whole text and a cable's route follow the document (routing.ts, labels.ts).
        for (const key of ['full', 'segmentWeights', 'segmentDistances', 'sourceEndpoint', 'targetEndpoint'] as const) {
          if (ele.data(key) === e.data[key]) continue;
          if (e.data[key] === undefined) ele.removeData(key);
          else ele.data(key, e.data[key]);
        }
        const base = (e.classes ?? '').split(' ').filter(Boolean);
        // Only a class that changes is touched: toggling thousands of unchanged ones costs a big lab's paste ~45 ms.
        for (const cls of ['off', 'primary', 'used', 'collapsed']) if (ele.hasClass(cls) !== base.includes(cls)) ele.toggleClass(cls, base.includes(cls));
        if (e.position && ele.isNode()) {
          const p = ele.position();
          if (Math.abs(p.x - e.position.x) > 0.5 || Math.abs(p.y - e.position.y) > 0.5) ele.position({ ...e.position });
        }
      }
      // Parents before children: Cytoscape needs a compound to exist when its parts arrive.
      toAdd.sort((a, b) => (a.group === b.group ? (a.data.parent ? 1 : 0) - (b.data.parent ? 1 : 0) : a.group === 'nodes' ? -1 : 1));
      if (toAdd.length) cy.add(toAdd);
      this.simulation.designChanged(toAdd.map((e) => e.data.id!));
      for (const id of this.changed) cy.getElementById(id).addClass('changed');
    });
  }

  /** Marks what differs from a compared lab (class `changed`); an empty list clears the marks. */
  markChanged(ids: readonly string[]): void {
    const cy = this.cy;
    this.changed = [...ids];
    cy.batch(() => {
      cy.elements('.changed').removeClass('changed');
      for (const id of ids) cy.getElementById(id).addClass('changed');
    });
  }

  /** Centres the view on an element, zooming in to a readable size when the view is far out. */
  centreOn(id: string): void {
    const ele = this.cy.getElementById(id);
    if (ele.empty()) return;
    if (this.cy.zoom() < 0.8) this.cy.zoom(0.8);
    this.cy.center(ele);
    this.updateLabels();
  }

  /** Marks problem elements, the path a ping takes and the device where it dies. */
  highlight(marks: { problems?: readonly string[]; path?: readonly string[]; dies?: string | null }): void {
    const cy = this.cy;
    const next = new Map<string, string>();
    const mark = (id: string, cls: string) => next.set(id, next.has(id) ? `${next.get(id)} ${cls}` : cls);
    for (const id of marks.problems ?? []) mark(id, 'problem');
    for (const id of marks.path ?? []) mark(id, 'path');
    if (marks.dies) mark(marks.dies, 'dies');
    cy.batch(() => {
      for (const [id, had] of this.marked) if (next.get(id) !== had) cy.getElementById(id).removeClass('problem path dies');
      for (const [id, cls] of next) if (this.marked.get(id) !== cls) cy.getElementById(id).removeClass('problem path dies').addClass(cls);
    });
    this.marked = next;
  }

  /** Brings elements to the eye in a tone (a design check's severity, or a what-if case's target); null clears. */
  focus(ids: readonly string[], tone: string | null): void {
    const cy = this.cy;
    cy.batch(() => {
      cy.elements('.focus').removeClass('focus focus-error focus-warning focus-info focus-event');
      if (tone) for (const id of ids) cy.getElementById(id).addClass(`focus focus-${tone}`);
    });
  }

  /** The drawing classes of an element (for the end-to-end tests' probe). */
  classesOf(id: string): string[] {
    const ele = this.cy.getElementById(id);
    return ele.empty() ? [] : ele.classes();
  }

  /** Where an edge is drawn, in model coordinates: its two ends and its bends (for the end-to-end tests' probe). */
  edgeGeometry(id: string): { source: Point; target: Point; bends: Point[] } | null {
    const ele = this.cy.getElementById(id);
    if (ele.empty() || !ele.isEdge()) return null;
    const edge = ele as cytoscape.EdgeSingular;
    return { source: { ...edge.sourceEndpoint() }, target: { ...edge.targetEndpoint() }, bends: (edge.segmentPoints() ?? []).map((p) => ({ ...p })) };
  }

  /** A node's drawn box without its label, in model coordinates (for the end-to-end tests' probe). */
  boxOf(id: string): { x1: number; y1: number; x2: number; y2: number } | null {
    const ele = this.cy.getElementById(id);
    if (ele.empty() || !ele.isNode()) return null;
    const { x1, y1, x2, y2 } = ele.boundingBox({ includeLabels: false, includeOverlays: false, includeUnderlays: false });
    return { x1, y1, x2, y2 };
  }

  select(ids: readonly string[]): void {
    const cy = this.cy;
    const wanted = new Set(ids);
    const current = cy.$(':selected');
    if (current.length === wanted.size && current.toArray().every((e) => wanted.has(e.id()))) return;
    cy.batch(() => {
      current.filter((e: cytoscape.SingularElementArgument) => !wanted.has(e.id())).unselect();
      for (const id of ids) cy.getElementById(id).select();
    });
  }

  fit(): void {
    const box = this.cy.container();
    if (!box || box.clientWidth === 0 || box.clientHeight === 0) {
      this.fitWhenSized = true;
      return;
    }
    this.fitWhenSized = false;
    this.cy.resize();
    const count = this.cy.elements().length;
    // The band goes first: the fit reads the drawn bounds, which computes every element's style, and a band
    // changed after that computes it all again (most of a second on a 1,000-VM lab).
    const centres = this.cy.nodes(':childless').map((n) => n.position());
    this.showBand(zoomBand(fitZoom(estimatedFitZoom(centres, box.clientWidth, box.clientHeight, FIT_PADDING), count)));
    this.cy.fit(undefined, FIT_PADDING);
    // A small lab stays readable rather than wholly in view (viewport.ts).
    const zoom = fitZoom(this.cy.zoom(), count);
    if (zoom !== this.cy.zoom()) {
      this.cy.zoom(zoom);
      this.cy.center();
    }
    this.updateLabels();
  }

  /**
   * Does a fit that waits for the container's size once the container has one. The window shows the canvas in the
   * same update that opens a lab, so this runs before the first frame: the labels' zoom band is right the first time
   * and the whole lab's style is computed once, not for the near band and again for the far one.
   */
  fitIfShown(): void {
    const box = this.cy.container();
    if (!this.fitWhenSized || !box || box.clientWidth === 0 || box.clientHeight === 0) return;
    this.sized = true;
    this.fit();
  }

  /** The lab's own elements: what the design drew, not the overlays (ghost, draft cable, simulation marks). */
  private designElements() {
    return this.cy.elements().filter((e) => !OVERLAY_KINDS.has(e.data('kind')));
  }

  /** Whether every element of the lab is drawn inside a view of this size at the current pan and zoom. */
  private labInView(w: number, h: number): boolean {
    const eles = this.designElements();
    if (eles.empty()) return false;
    const bb = eles.renderedBoundingBox();
    return bb.x1 >= -1 && bb.y1 >= -1 && bb.x2 <= w + 1 && bb.y2 <= h + 1;
  }

  /**
   * The view got another size (a panel docked or a splitter moved): a lab that was wholly in view stays so as far as
   * its parts keep their names (zooming out if it must, never in); otherwise the middle of what was shown stays there.
   */
  private keepView(before: { w: number; h: number }, now: { w: number; h: number }, wasInView: boolean): void {
    const cy = this.cy;
    cy.panBy({ x: (now.w - before.w) / 2, y: (now.h - before.h) / 2 });
    if (!wasInView || this.labInView(now.w, now.h)) return;
    const eles = this.designElements();
    const bb = eles.boundingBox();
    // A small lab keeps its parts' names (the NICs to cable from) even if its edges are then a little out of view.
    const fitted = Math.min((now.w - 2 * FIT_PADDING) / bb.w, (now.h - 2 * FIT_PADDING) / bb.h);
    const needed = eles.length <= SMALL_LAB_ELEMENTS ? Math.max(fitted, PART_NAMES_ZOOM) : fitted;
    cy.zoom(Math.max(cy.minZoom(), Math.min(cy.zoom(), needed)));
    cy.pan({ x: now.w / 2 - cy.zoom() * (bb.x1 + bb.w / 2), y: now.h / 2 - cy.zoom() * (bb.y1 + bb.h / 2) });
    this.updateLabels();
  }

  zoomBy(factor: number): void {
    const cy = this.cy;
    cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  }

  /** The model point at the centre of the view, where new elements from the palette land. */
  viewCentre(): Point {
    const ext = this.cy.extent();
    return { x: Math.round((ext.x1 + ext.x2) / 2), y: Math.round((ext.y1 + ext.y2) / 2) };
  }

  /** Pans (and zooms out if it must) so the element is wholly in view; nothing moves when it already is. */
  reveal(id: string): void {
    const ele = this.cy.getElementById(id);
    const box = this.cy.container();
    if (ele.empty() || !box) return;
    const bb = ele.renderedBoundingBox({});
    const inside = bb.x1 >= 0 && bb.y1 >= 0 && bb.x2 <= box.clientWidth && bb.y2 <= box.clientHeight;
    if (inside) return;
    if (bb.w > box.clientWidth - 40 || bb.h > box.clientHeight - 40) this.cy.fit(ele, 40);
    else this.cy.center(ele);
  }

  /** Model coordinates of a point given in page (client) pixels, for drops from the palette. */
  modelPoint(clientX: number, clientY: number): Point {
    const box = this.cy.container()!.getBoundingClientRect();
    const pan = this.cy.pan();
    const zoom = this.cy.zoom();
    return { x: Math.round((clientX - box.left - pan.x) / zoom), y: Math.round((clientY - box.top - pan.y) / zoom) };
  }

  /** Page (client) pixels of an element's centre, or null; used by the end-to-end tests through the window probe. */
  clientPoint(id: string): Point | null {
    const ele = this.cy.getElementById(id);
    if (ele.empty()) return null;
    const box = this.cy.container()!.getBoundingClientRect();
    if (ele.isNode() && ele.isParent()) {
      // A compound's centre is one of its parts: its own surface is the padding just inside the border.
      const bb = ele.renderedBoundingBox({ includeLabels: false, includeOverlays: false });
      return { x: box.left + bb.x1 + 5, y: box.top + bb.y1 + 5 };
    }
    const p = ele.isNode() ? ele.renderedPosition() : (ele as cytoscape.EdgeSingular).renderedMidpoint();
    return { x: box.left + p.x, y: box.top + p.y };
  }

  /** Runs fcose over the whole drawing; the callers read the new positions of the movable elements. */
  autoLayout(): Promise<void> {
    const layout = this.cy.layout({ name: 'fcose', animate: false, randomize: true, nodeDimensionsIncludeLabels: true, packComponents: true, idealEdgeLength: 120, nodeRepulsion: 8000 } as cytoscape.LayoutOptions);
    const done = new Promise<void>((resolve) => layout.one('layoutstop', () => resolve()));
    layout.run();
    return done;
  }

  /** Current model position of a node, or null. */
  positionOf(id: string): Point | null {
    const ele = this.cy.getElementById(id);
    return ele.empty() || !ele.isNode() ? null : { ...ele.position() };
  }

  destroy(): void {
    this.resizeObserver.disconnect();
    this.cy.destroy();
  }

  private listen(): void {
    const cy = this.cy;
    const queueSelection = () => {
      if (this.selectionQueued) return;
      this.selectionQueued = true;
      queueMicrotask(() => {
        this.selectionQueued = false;
        this.callbacks.selected(cy.$(':selected').map((e) => e.id()));
      });
    };
    cy.on('select unselect', queueSelection);
    cy.on('zoom', () => {
      if (this.bandQueued) return;
      this.bandQueued = true;
      requestAnimationFrame(() => {
        this.bandQueued = false;
        this.updateLabels();
      });
    });
    // A drag is a move only if something moved between grab and free (a click grabs and frees too).
    cy.on('grab', 'node', (e: EventObject) => {
      const grabbed = e.target as NodeSingular;
      const carried = grabbed.selected() ? cy.$('node:selected') : grabbed;
      carried.forEach((n) => {
        if (MOVABLE.has(n.data('kind')) && !this.grabStart.has(n.id())) this.grabStart.set(n.id(), { ...n.position() });
      });
    });
    cy.on('free', 'node', () => {
      queueMicrotask(() => {
        const moved = [...this.grabStart].filter(([id, p]) => {
          const now = cy.getElementById(id);
          return !now.empty() && (Math.abs(now.position().x - p.x) > 0.5 || Math.abs(now.position().y - p.y) > 0.5);
        });
        this.grabStart.clear();
        if (moved.length) this.callbacks.moved(moved.map(([id]) => id));
      });
    });

    cy.on('cxttap', (e: EventObject) => {
      const onElement = e.target !== cy && !OVERLAY_KINDS.has((e.target as NodeSingular).data('kind'));
      const mouse = e.originalEvent as MouseEvent | undefined;
      this.callbacks.contextMenu?.(onElement ? (e.target as NodeSingular).id() : null, { x: mouse?.clientX ?? 0, y: mouse?.clientY ?? 0 }, { ...e.position });
    });
    cy.on('tap', 'node[kind="badge"]', (e: EventObject) => this.callbacks.openEntry(e.target.data('team'), e.target.data('ip')));
    // The reason a frame died, and what a badge says, on hover: the container's tooltip.
    cy.on('mouseover', 'node[kind="frame"], node[kind="badge"]', (e: EventObject) => {
      const t = e.target as NodeSingular;
      cy.container()!.title = t.data('kind') === 'frame' ? (t.data('reason') ? `dropped: ${t.data('reason')}` : '') : `${t.data('title')} (click to open the entry)`;
    });
    cy.on('mouseout', 'node[kind="frame"], node[kind="badge"]', () => (cy.container()!.title = ''));
    cy.on('tapstart', PLUG, (e: EventObject) => this.beginCable(e));
    cy.on('tapstart', HOST_PART, (e: EventObject) => {
      const host = (e.target as NodeSingular).parent().first() as NodeSingular;
      if (host.empty()) return;
      this.gesture = { kind: 'move', host, last: { ...e.position }, moved: false };
      cy.userPanningEnabled(false);
      cy.boxSelectionEnabled(false);
    });
    cy.on('tapdrag', (e: EventObject) => {
      const g = this.gesture;
      if (!g) return;
      if (g.kind === 'cable') {
        g.moved = true;
        this.drawDraft(g.from, e.position);
      } else {
        const dx = e.position.x - g.last.x;
        const dy = e.position.y - g.last.y;
        g.host.children().shift({ x: dx, y: dy });
        g.last = { ...e.position };
        g.moved = true;
      }
    });
    cy.on('tapend', (e: EventObject) => this.endGesture(e));
  }

  private beginCable(e: EventObject): void {
    this.gesture = { kind: 'cable', from: (e.target as NodeSingular).id(), moved: false };
    this.cy.userPanningEnabled(false);
    this.cy.boxSelectionEnabled(false);
  }

  /** The dashed cable follows the pointer; drawn from the first move so a plain click stays a click. */
  private drawDraft(from: string, at: Point): void {
    const ghost = this.cy.getElementById('draft:ghost');
    if (!ghost.empty()) {
      ghost.position({ ...at });
      return;
    }
    this.cy.add([
      { group: 'nodes', data: { id: 'draft:ghost', kind: 'ghost' }, position: { ...at }, selectable: false, grabbable: false },
      { group: 'edges', data: { id: 'draft:cable', kind: 'draft', source: from, target: 'draft:ghost' }, selectable: false },
    ]);
  }

  private endGesture(e: EventObject): void {
    const g = this.gesture;
    this.gesture = null;
    if (!g) return;
    const cy = this.cy;
    cy.userPanningEnabled(true);
    cy.boxSelectionEnabled(true);
    if (g.kind === 'move') {
      if (g.moved) this.callbacks.moved([g.host.id()]);
      return;
    }
    cy.remove(cy.getElementById('draft:ghost'));
    if (!g.moved) {
      cy.$(':selected').unselect();
      cy.getElementById(g.from).select();
      return;
    }
    const at = e.position;
    const target = cy.nodes('node[kind="nic"], node[kind="port"], node[kind="client"]').filter((n) => {
      const bb = n.boundingBox({ includeLabels: false });
      return at.x >= bb.x1 && at.x <= bb.x2 && at.y >= bb.y1 && at.y <= bb.y2;
    });
    const to = target.first();
    if (!to.empty() && to.id() !== g.from) this.callbacks.connect(g.from, to.id());
  }
}
