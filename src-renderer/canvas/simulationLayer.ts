// The simulated lab drawn over the design on the canvas: the simulation's classes, VMs re-parented into the
// host they run on, stale-entry badges, and the frame marker of the animation. Only what changed is touched.
import type { Core, EdgeSingular, NodeSingular } from 'cytoscape';
import type { CanvasElement, Point } from './elements.js';
import { SIM_CLASSES, type SimDrawing } from './simDrawing.js';

/** Node kinds this layer adds; a design sync leaves them alone. */
export const SIMULATION_KINDS = ['badge', 'frame'] as const;
const FRAME = 'sim:frame';
const SIM_CLASS_SELECTOR = SIM_CLASSES.map((c) => `.${c}`).join(', ');

/** A node's centre; a compound's is the middle of its box. */
function centreOf(n: NodeSingular): Point {
  if (!n.isParent()) return { ...n.position() };
  const bb = n.boundingBox({ includeLabels: false });
  return { x: (bb.x1 + bb.x2) / 2, y: (bb.y1 + bb.y2) / 2 };
}

export class SimulationLayer {
  /** VMs drawn in another host than the design's. */
  private movedVms = new Set<string>();
  /** The simulation's classes as last applied, by element id; null when the drawing must be checked in full. */
  private simApplied: Map<string, string[]> | null = null;
  /** Stale-entry badges on view; every team's badge exists once the simulation was drawn (until the next design sync). */
  private badgesShown = new Set<string>();
  private badgesReady = false;
  /** Whether anything of the simulation is on the canvas. */
  private drawn = false;

  /** `design`: the design's elements by id as last synced, where a VM goes back to. */
  constructor(private readonly cy: Core, private readonly design: () => ReadonlyMap<string, CanvasElement>) {}

  /** The design was synced: the elements it (re-)added have none of the simulation's classes, so the next drawing
   * gives them theirs; the others keep what they had (checking all of a 1,000-VM lab's after each edit costs ~15 ms). */
  designChanged(added: readonly string[]): void {
    if (this.simApplied) for (const id of added) this.simApplied.delete(id);
    this.badgesReady = false;
    // A team gone from the design (its host deleted, a paste undone) takes its hidden badge with it.
    const cy = this.cy;
    cy.remove(cy.nodes('node[kind="badge"]').filter((b) => cy.getElementById(b.data('team') as string).empty()));
  }

  /** Draws the simulated lab over the design (null: the design as it is); only what differs is touched. */
  draw(drawing: SimDrawing | null): void {
    // The design with nothing of the simulation on it: nothing to clear (a design edit redraws often).
    if (!drawing && !this.drawn) return;
    this.drawn = drawing !== null;
    const cy = this.cy;
    const classes = drawing?.classes ?? new Map<string, string[]>();
    const applied = this.simApplied;
    const same = (a: readonly string[] | undefined, b: readonly string[] | undefined) => (a ?? []).join(' ') === (b ?? []).join(' ');
    cy.batch(() => {
      // Only what changed since the last moment is touched; after a design sync, every element is checked once.
      if (applied === null) {
        cy.elements(SIM_CLASS_SELECTOR).forEach((ele) => {
          const want = classes.get(ele.id());
          for (const cls of SIM_CLASSES) if (ele.hasClass(cls) && !want?.includes(cls)) ele.removeClass(cls);
        });
      } else {
        for (const [id, had] of applied) {
          const want = classes.get(id);
          if (same(had, want)) continue;
          const ele = cy.getElementById(id);
          for (const cls of had) if (!want?.includes(cls)) ele.removeClass(cls);
        }
      }
      for (const [id, list] of classes) {
        if (applied !== null && same(applied.get(id), list)) continue;
        const ele = cy.getElementById(id);
        if (!ele.empty()) for (const cls of list) if (!ele.hasClass(cls)) ele.addClass(cls);
      }
      this.simApplied = classes;
      // VMs that ran elsewhere go back to their design place; those that run elsewhere now move there.
      const moved = drawing?.moved ?? new Map();
      for (const id of this.movedVms) {
        if (moved.has(id)) continue;
        const want = this.design().get(id);
        const ele = cy.getElementById(id);
        if (want && !ele.empty()) {
          if (ele.data('parent') !== want.data.parent) ele.move({ parent: want.data.parent ?? null });
          if (want.position) ele.position({ ...want.position });
        }
        const vnic = cy.getElementById(`vnic:${id}`);
        const designTarget = this.design().get(`vnic:${id}`)?.data.target;
        if (!vnic.empty() && designTarget && vnic.data('target') !== designTarget) (vnic as EdgeSingular).move({ target: designTarget });
      }
      this.movedVms = new Set();
      for (const [id, m] of moved) {
        const ele = cy.getElementById(id);
        if (ele.empty()) continue;
        this.movedVms.add(id);
        if (ele.data('parent') !== m.parent) ele.move({ parent: m.parent });
        const p = ele.position();
        if (p.x !== m.position.x || p.y !== m.position.y) ele.position({ ...m.position });
        // Its adapter is plugged into the virtual switch of the host it runs on (the hop stream names the same edge).
        const vnic = cy.getElementById(`vnic:${id}`);
        if (!vnic.empty() && m.vswitch && vnic.data('target') !== m.vswitch) (vnic as EdgeSingular).move({ target: m.vswitch });
      }
      // Badges are shown and hidden, never added and removed: adding a node makes Cytoscape re-sort every element.
      const badges = new Map((drawing?.badges ?? []).map((b) => [b.id, b]));
      for (const id of this.badgesShown) if (!badges.has(id)) cy.getElementById(id).removeClass('shown');
      for (const b of badges.values()) {
        const team = cy.getElementById(b.team);
        if (team.empty()) continue;
        const at = { x: team.position().x + 58, y: team.position().y - 20 };
        let badge = cy.getElementById(b.id);
        if (badge.empty()) badge = cy.add({ group: 'nodes', data: { id: b.id, kind: 'badge', label: '!' }, position: at, selectable: false, grabbable: false });
        badge.data({ team: b.team, ip: b.ip, title: b.label });
        badge.position(at);
        badge.addClass('shown');
      }
      this.badgesShown = new Set(badges.keys());
      if (drawing && !this.badgesReady) this.prepareBadges();
    });
  }

  /** One hidden badge beside every team, added in one go the first time the simulation is drawn. */
  private prepareBadges(): void {
    const cy = this.cy;
    this.badgesReady = true;
    const missing = cy.nodes('node[kind="team"]').filter((t) => cy.getElementById(`badge:${t.id()}`).empty());
    if (missing.empty()) return;
    cy.add(
      missing.map((t) => {
        const p = (t as NodeSingular).position();
        return { group: 'nodes' as const, data: { id: `badge:${t.id()}`, kind: 'badge', label: '!', team: t.id() }, position: { x: p.x + 58, y: p.y - 20 }, selectable: false, grabbable: false };
      }),
    );
  }

  /** Puts the frame marker at a hop: travelling from the previous place over `durationMs`, red where it dies. */
  showFrame(hop: { at: string; from: string | null; tone: string; reason: string | null } | null, durationMs: number, follow: boolean): void {
    const cy = this.cy;
    let marker = cy.getElementById(FRAME);
    if (!hop) {
      cy.remove(marker);
      return;
    }
    const target = cy.getElementById(hop.at);
    if (target.empty()) return;
    const to = centreOf(target as NodeSingular);
    const from = hop.from && !cy.getElementById(hop.from).empty() ? centreOf(cy.getElementById(hop.from) as NodeSingular) : to;
    if (marker.empty()) marker = cy.add({ group: 'nodes', data: { id: FRAME, kind: 'frame', at: hop.at }, position: from, selectable: false, grabbable: false });
    marker.stop(true, true);
    marker.data({ at: hop.at, reason: hop.reason ?? '' });
    marker.classes(`frame-${hop.tone}`);
    marker.position(from);
    if (durationMs > 0 && (from.x !== to.x || from.y !== to.y)) marker.animate({ position: to }, { duration: durationMs, easing: 'ease-in-out-sine' });
    else marker.position(to);
    if (follow) this.follow(to);
  }

  /** Where the frame marker stands (for the end-to-end tests' probe). */
  frameAt(): { at: string; tone: string; reason: string } | null {
    const m = this.cy.getElementById(FRAME);
    return m.empty() ? null : { at: m.data('at'), tone: (m.classes()[0] ?? '').replace('frame-', ''), reason: m.data('reason') };
  }

  /** The camera follows the frame: pans only when its next place is (nearly) out of view, as in a big lab. */
  private follow(to: Point): void {
    const cy = this.cy;
    const ext = cy.extent();
    const marginX = (ext.x2 - ext.x1) * 0.05;
    const marginY = (ext.y2 - ext.y1) * 0.05;
    if (to.x > ext.x1 + marginX && to.x < ext.x2 - marginX && to.y > ext.y1 + marginY && to.y < ext.y2 - marginY) return;
    cy.stop(true, false);
    cy.animate({ center: { eles: cy.getElementById(FRAME) } }, { duration: 200 });
  }
}
