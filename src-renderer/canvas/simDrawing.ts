// What the canvas draws for the simulated lab at one moment: where each VM runs, what is failed, each
// team's state and its stale entries, as classes and parents the adapter applies over the design.
import type { Lab } from '../../shared/lab.js';
import { hostId, nicId, virtualSwitchId, vmId } from '../../shared/checks.js';
import { defaultAnchors, type Point } from './elements.js';
import type { SimState, StaleEntry } from './simState.js';

export interface SimDrawing {
  /** Drawing classes by element id (nodes and edges); elements not named carry none of the simulation's classes. */
  classes: Map<string, string[]>;
  /** VMs drawn inside another host than the design's, with their place there. */
  moved: Map<string, { parent: string; position: Point; vswitch: string | null }>;
  /** Teams holding a stale entry: the badge's element id, the team's, and what it says. */
  badges: { id: string; team: string; ip: string; label: string }[];
}

/** Every class the simulation may set, so the adapter can clear them. */
export const SIM_CLASSES = ['sim-off', 'sim-booting', 'sim-running', 'sim-paused', 'in-flight', 'failed', 'team-disabled', 'stale', 'active-member'] as const;

const ROW = 68;
const SLOT = 104;
const COLUMNS = 6;

export function simDrawing(lab: Lab, state: SimState, stale: readonly StaleEntry[]): SimDrawing {
  const classes = new Map<string, string[]>();
  const add = (id: string, cls: string) => classes.set(id, [...(classes.get(id) ?? []), cls]);
  const defaults = defaultAnchors(lab);
  const anchor = (id: string) => lab.layout.positions[id] ?? defaults.get(id) ?? { x: 0, y: 0 };
  const designHost = new Map(lab.vms.map((v) => [v.name, v.host]));
  const moved: SimDrawing['moved'] = new Map();
  const arrivals = new Map<string, number>();

  for (const [vm, at] of state.vms) {
    const id = vmId(vm);
    add(id, `sim-${at.state}`);
    if (at.migratingTo) add(id, 'in-flight');
    if (designHost.get(vm) === at.host || !lab.hosts.some((h) => h.name === at.host)) continue;
    // Guests that moved in line up in rows above the host's own VMs.
    const n = arrivals.get(at.host) ?? 0;
    arrivals.set(at.host, n + 1);
    const a = anchor(hostId(at.host));
    const vswitch = lab.hosts.find((h) => h.name === at.host)?.virtualSwitches[0]?.name;
    moved.set(id, {
      parent: hostId(at.host),
      position: { x: a.x + (n % COLUMNS) * SLOT, y: a.y - ROW * (1 + Math.floor(n / COLUMNS)) },
      vswitch: vswitch ? virtualSwitchId(at.host, vswitch) : null,
    });
  }
  for (const id of state.failed) add(id, 'failed');
  for (const [id, t] of state.teams) {
    if (!t.enabled) add(id, 'team-disabled');
    else if (t.activeMember) {
      add(`member:${id}>${t.activeMember}`, 'active-member');
      add(nicId(t.host, t.activeMember), 'active-member');
    }
  }
  const badges: SimDrawing['badges'] = [];
  for (const e of stale) {
    if (classes.get(e.teamElement)?.includes('stale')) continue;
    add(e.teamElement, 'stale');
    badges.push({ id: `badge:${e.teamElement}`, team: e.teamElement, ip: e.ip, label: `stale entry: ${e.vm}` });
  }
  return { classes, moved, badges };
}
