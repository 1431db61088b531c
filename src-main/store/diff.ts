// What changed between two labs, in the domain's words: one line per change, named the way
// engineers name things ("VM Guest1: MAC mode dynamic → static", "cable HostB/NIC4–switch2/port7 removed").
import {
  endpointLabel, HYPERVISOR_WORDS, switchPortSettingsSchema,
  type Cable, type Lab, type MacFlapDetection, type PhysicalSwitchSpec, type PortSecurity, type SwitchPortSettings,
} from '../../shared/lab.js';
import type { DrillStep } from '../../shared/drill.js';

export interface LabChange {
  kind: 'added' | 'removed' | 'changed';
  /** What kind of thing changed: 'vm', 'team', 'cable', 'setting', … */
  entity: string;
  /** Which one, as engineers name it: "Guest1", "VM-Team on HostB", "HostB/NIC4–switch2/port7". */
  name: string;
  field?: string;
  from?: unknown;
  to?: unknown;
  /** The line shown to the user, e.g. "VM Guest1: MAC mode dynamic → static". */
  text: string;
}

type Field<T> = [label: string, get: (item: T) => unknown];

export function diffLabs(a: Lab, b: Lab): LabChange[] {
  const changes: LabChange[] = [];
  const fields = <T>(entity: string, title: string, name: string, x: T, y: T, list: Field<T>[]) => {
    for (const [label, get] of list) {
      const from = get(x);
      const to = get(y);
      if (same(from, to)) continue;
      changes.push({ kind: 'changed', entity, name, field: label, from, to, text: `${title}: ${label} ${show(from)} → ${show(to)}` });
    }
  };
  const collection = <T>(entity: string, title: (name: string) => string, xs: T[], ys: T[], key: (t: T) => string, onBoth: (x: T, y: T, name: string) => void) => {
    const before = new Map(xs.map((x) => [key(x), x]));
    const after = new Map(ys.map((y) => [key(y), y]));
    for (const [name, x] of before) {
      const y = after.get(name);
      if (y === undefined) changes.push({ kind: 'removed', entity, name, text: `${title(name)} removed` });
      else onBoth(x, y, name);
    }
    for (const name of after.keys())
      if (!before.has(name)) changes.push({ kind: 'added', entity, name, text: `${title(name)} added` });
  };

  fields('lab', 'lab', a.meta.title, a.meta, b.meta, [
    ['title', (m) => m.title],
    ['author', (m) => m.author],
  ]);
  if (a.meta.description !== b.meta.description)
    changes.push({ kind: 'changed', entity: 'lab', name: a.meta.title, field: 'description', text: 'lab: description changed' });
  for (const key of Object.keys({ ...a.settings, ...b.settings }) as (keyof Lab['settings'])[])
    fields('setting', `setting ${key}`, key, a.settings, b.settings, [['value', (s) => s[key]]]);
  for (const c of changes) if (c.entity === 'setting') c.text = c.text.replace(': value ', ': ');

  collection('driver-profile', (n) => `driver profile ${n}`, a.driverProfiles, b.driverProfiles, (p) => p.id, (x, y, id) => {
    const flatX = flatten(x);
    const flatY = flatten(y);
    fields('driver-profile', `driver profile ${id}`, id, flatX, flatY, Object.keys({ ...flatX, ...flatY }).map((k): Field<Record<string, unknown>> => [k, (f) => f[k]]));
  });

  collection('host', (n) => `host ${n}`, a.hosts, b.hosts, (h) => h.name, (x, y, host) => {
    fields('host', `host ${host}`, host, x, y, [
      ['model', (h) => h.model],
      ['OS', (h) => h.os],
      ['hypervisor', (h) => HYPERVISOR_WORDS[h.hypervisor]],
      ['management IP', (h) => h.managementIp],
      ['MAC pool', (h) => (h.macPool ? `${h.macPool.first} (${h.macPool.size} addresses)` : 'from the management IP')],
    ]);
    collection('nic', (n) => `NIC ${n} on ${host}`, x.nics, y.nics, (n) => n.name, (nx, ny, nic) =>
      fields('nic', `NIC ${nic} on ${host}`, `${nic} on ${host}`, nx, ny, [
        ['vendor', (n) => n.vendor],
        ['chipset', (n) => n.chipset],
        ['MAC', (n) => n.mac],
        ['driver profile', (n) => n.driverProfile],
        ['TOE', (n) => n.offload.toe],
        ['checksum offload', (n) => n.offload.checksum],
        ['RSS', (n) => n.offload.rss],
      ]),
    );
    collection('team', (n) => `team ${n} on ${host}`, x.teams, y.teams, (t) => t.name, (tx, ty, team) =>
      fields('team', `team ${team} on ${host}`, `${team} on ${host}`, tx, ty, [
        ['members', (t) => t.members],
        ['primary', (t) => t.primary],
        ['mode', (t) => t.mode],
        ['driver profile', (t) => t.driverProfile],
        ['auto-failback', (t) => t.autoFailback],
        ['monitoring', (t) => t.monitoring],
        ['probe target', (t) => t.probeTarget],
        ['created before Hyper-V', (t) => t.createdBeforeHyperV],
        ['VLAN', (t) => t.vlan],
        ['VLAN interface', (t) => t.vlanInterface ?? 'untagged'],
      ]),
    );
    collection('virtual-switch', (n) => `virtual switch ${n} on ${host}`, x.virtualSwitches, y.virtualSwitches, (s) => s.name, (sx, sy, vs) =>
      fields('virtual-switch', `virtual switch ${vs} on ${host}`, `${vs} on ${host}`, sx, sy, [
        ['type', (s) => s.type],
        ['uplink', (s) => (s.uplink ? ('team' in s.uplink ? `team ${s.uplink.team}` : 'nic' in s.uplink ? `NIC ${s.uplink.nic}` : `NICs ${s.uplink.nics.join(', ')}`) : undefined)],
        ['shared with the management OS', (s) => s.shareWithManagementOs],
        ['management OS VLAN', (s) => s.managementOsVlan ?? 'untagged'],
        ['teaming policy', (s) => s.teaming?.driverProfile],
        ['active uplinks', (s) => s.teaming?.activeUplinks?.join(', ')],
        ['standby uplinks', (s) => s.teaming?.standbyUplinks?.join(', ')],
        ['notify switches', (s) => s.teaming?.notifySwitches],
        ['failback', (s) => s.teaming?.failback],
      ]),
    );
  });

  collection('switch', (n) => `switch ${n}`, a.switches, b.switches, (s) => s.name, (x, y, name) =>
    fields('switch', `switch ${name}`, name, x, y, [
      ['model', (s) => s.model],
      ['ports', (s) => s.ports],
      ['MAC ageing (s)', (s) => s.macAgeingSec],
      ['spanning tree', (s) => (s.stp === '802.1d' ? 'classic (802.1D)' : 'rapid (RSTP)')],
      ['forward delay (s)', (s) => s.forwardDelaySec ?? 15],
      ['MAC-flap detection', (s) => macFlapWords(s.macFlap)],
      ['port-channels', (s) => (s.portChannels ?? []).map((c) => `ports ${c.ports.join('+')} ${c.mode} ${c.hash}`)],
      ['stack', (s) => s.stack],
    ]),
  );
  collection('switch', (n) => `switch ${n}`, a.switches, b.switches, (s) => s.name, (x, y, name) => {
    const before = portSettingsByPort(x);
    const after = portSettingsByPort(y);
    const ports = [...new Set([...before.keys(), ...after.keys()])].sort((p, q) => p - q);
    for (const port of ports)
      fields('switch-port', `switch ${name} port ${port}`, `${name}/port${port}`, before.get(port) ?? DEFAULT_PORT, after.get(port) ?? DEFAULT_PORT, [
        ['mode', (p) => p.mode],
        ['access VLAN', (p) => p.vlan],
        ['allowed VLANs', (p) => p.allowedVlans ?? 'all'],
        ['native VLAN', (p) => p.nativeVlan],
        ['PortFast', (p) => p.portfast ?? false],
        ['port security', (p) => portSecurityWords(p.portSecurity)],
      ]);
  });
  collection('client', (n) => `client ${n}`, a.clients, b.clients, (c) => c.name, (x, y, name) =>
    fields('client', `client ${name}`, name, x, y, [
      ['IP', (c) => c.ip],
      ['MAC', (c) => c.mac],
      ['ARP cache', (c) => c.arpCache],
      ['VLAN', (c) => c.vlan ?? 'untagged'],
    ]),
  );
  collection('vm', (n) => `VM ${n}`, a.vms, b.vms, (v) => v.name, (x, y, name) =>
    fields('vm', `VM ${name}`, name, x, y, [
      ['IP', (v) => v.ip],
      ['host', (v) => v.host],
      ['virtual switch', (v) => v.virtualSwitch],
      ['MAC mode', (v) => v.macMode],
      ['static MAC', (v) => v.staticMac],
      ['dynamic MAC', (v) => v.dynamicMac],
      ['initial state', (v) => v.initialState],
      ['OS', (v) => v.os],
      ['VLAN', (v) => v.vlan ?? 'untagged'],
    ]),
  );
  collection('cable', (n) => `cable ${n}`, a.cables, b.cables, cableName, () => undefined);

  collection('drill', (n) => `drill ${n}`, a.drills, b.drills, (d) => d.name, (x, y, name) => {
    fields('drill', `drill ${name}`, name, x, y, [
      ['description', (d) => d.description],
      ['client', (d) => d.client],
      ['VMs pinged', (d) => d.vms ?? 'all'],
      ['warm-up (s)', (d) => d.warmupSec],
      ['step gap (s)', (d) => d.stepGapSec],
      ['observe (s)', (d) => d.observeSec],
      ['reachable within (s)', (d) => d.expect.reachableWithinSec],
      ['expected down', (d) => d.expect.expectDown],
      ['most downtime (s)', (d) => d.expect.maxDowntimeSec],
    ]);
    const steps = Math.max(x.steps.length, y.steps.length);
    for (let i = 0; i < steps; i++) {
      const from = x.steps[i];
      const to = y.steps[i];
      const title = `drill ${name}: step ${i + 1}`;
      if (from === undefined) changes.push({ kind: 'added', entity: 'drill-step', name, field: `step ${i + 1}`, to, text: `${title} added: ${stepLabel(to)}` });
      else if (to === undefined) changes.push({ kind: 'removed', entity: 'drill-step', name, field: `step ${i + 1}`, from, text: `${title} removed: ${stepLabel(from)}` });
      else if (!same(from, to)) changes.push({ kind: 'changed', entity: 'drill-step', name, field: `step ${i + 1}`, from, to, text: `${title}: ${stepLabel(from)} → ${stepLabel(to)}` });
    }
  });

  const nodes = new Set([...Object.keys(a.layout.positions), ...Object.keys(b.layout.positions)]);
  const moved = [...nodes].filter((n) => !same(a.layout.positions[n], b.layout.positions[n])).length;
  if (moved) changes.push({ kind: 'changed', entity: 'layout', name: 'positions', text: `layout: ${moved} node position${moved > 1 ? 's' : ''} changed` });
  if (!same(a.layout.viewport, b.layout.viewport)) changes.push({ kind: 'changed', entity: 'layout', name: 'viewport', text: 'layout: viewport changed' });
  return changes;
}

/** A port no port-settings record names: an access port in VLAN 1. */
const DEFAULT_PORT = switchPortSettingsSchema.parse({ ports: [1] });

function portSettingsByPort(sw: PhysicalSwitchSpec): Map<number, SwitchPortSettings> {
  const out = new Map<number, SwitchPortSettings>();
  for (const settings of sw.portSettings) for (const port of settings.ports) out.set(port, settings);
  return out;
}

// Lists, so the diff shows them whole ("at most 2 MACs, sticky, violation shutdown").
function portSecurityWords(s: PortSecurity | undefined): string[] | boolean {
  if (!s) return false;
  return [`at most ${s.maxMacs} MAC${s.maxMacs === 1 ? '' : 's'}`, ...(s.sticky ? ['sticky'] : []), `violation ${s.violation}`, ...recoveryWords(s.recoverySec)];
}

function macFlapWords(f: MacFlapDetection | undefined): string[] {
  const { moves, withinSec, action, recoverySec } = f ?? { moves: 3, withinSec: 10, action: 'log' };
  return [`${action} after ${moves} moves in ${withinSec} s`, ...recoveryWords(recoverySec)];
}

function recoveryWords(sec: number | undefined): string[] {
  return sec === undefined ? [] : [`recovery ${sec} s`];
}

/** A cable named by its two ends, the same whichever way round it was drawn. */
function cableName(c: Cable): string {
  return [endpointLabel(c.a), endpointLabel(c.b)].sort().join('–');
}

export function stepLabel(step: DrillStep): string {
  const parts: string[] = [step.action];
  for (const [key, value] of Object.entries(step)) {
    if (key === 'action' || value === undefined) continue;
    if (key === 'cable') parts.push(endpointLabel(value as Cable['a']));
    else if (key === 'switches') parts.push((value as string[]).join('–'));
    else if (key === 'to' || key === 'failoverTo') parts.push(`to ${String(value)}`);
    else if (key === 'seconds') parts.push(`${String(value)} s`);
    else if (key === 'port') parts.push(`port ${String(value)}`);
    else parts.push(String(value));
  }
  return parts.join(' ');
}

function same(x: unknown, y: unknown): boolean {
  return JSON.stringify(x) === JSON.stringify(y);
}

function show(value: unknown): string {
  if (value === undefined || value === null) return '(none)';
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (Array.isArray(value)) return value.length ? value.map(String).join(', ') : '(none)';
  if (typeof value === 'string') return value === '' ? '""' : /\s/.test(value) && value.length > 40 ? `"${value.slice(0, 40)}…"` : value;
  return String(value);
}

function flatten(value: object, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) Object.assign(out, flatten(v, path));
    else out[path] = v;
  }
  return out;
}
