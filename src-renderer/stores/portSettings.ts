// Edits to one switch port's settings. A lab may set many ports with one record; editing one
// port of such a record first gives that port a record of its own, so its neighbours keep theirs.
import type { Lab, MacFlapDetection, PortSecurity, SwitchPortSettings } from '../../shared/lab.js';
import { EditRefused } from './edits.js';

export type PortField = 'mode' | 'vlan' | 'allowedVlans' | 'nativeVlan' | 'portfast' | 'portSecurity';
/** A port-security setting, or `on` to turn port security on (the switch's defaults) or off. */
export type PortSecurityField = keyof PortSecurity | 'on';

/** What `switchport port-security` alone sets: one MAC, violation shutdown. */
const PORT_SECURITY_DEFAULTS: PortSecurity = { maxMacs: 1, sticky: false, violation: 'shutdown' };
/** A switch with no MAC-flap record logs a MAC that moves 3 times in 10 s. */
const MAC_FLAP_DEFAULTS: MacFlapDetection = { moves: 3, withinSec: 10, action: 'log' };

/** The settings that apply to `port` (an access port in VLAN 1 when no record names it). */
export function portSettingsAt(lab: Lab, switchIndex: number, port: number): SwitchPortSettings {
  return lab.switches[switchIndex].portSettings.find((s) => s.ports.includes(port)) ?? { ports: [port], mode: 'access', vlan: 1, nativeVlan: 1 };
}

export function setPortSetting(lab: Lab, switchIndex: number, port: number, field: PortField, value: unknown): void {
  const records = lab.switches[switchIndex].portSettings;
  let record = records.find((s) => s.ports.includes(port));
  if (!record) {
    record = { ports: [port], mode: 'access', vlan: 1, nativeVlan: 1 };
    records.push(record);
  } else if (record.ports.length > 1) {
    record.ports = record.ports.filter((p) => p !== port);
    record = { ...structuredClone(record), ports: [port] };
    records.push(record);
  }
  if (value === undefined) delete (record as Record<string, unknown>)[field];
  else (record as Record<string, unknown>)[field] = value;
}

export function setPortSecurity(lab: Lab, switchIndex: number, port: number, field: PortSecurityField, value: unknown): void {
  const current = portSettingsAt(lab, switchIndex, port).portSecurity;
  if (field === 'on') return setPortSetting(lab, switchIndex, port, 'portSecurity', value ? structuredClone(current ?? PORT_SECURITY_DEFAULTS) : undefined);
  setPortSetting(lab, switchIndex, port, 'portSecurity', withField(current ?? PORT_SECURITY_DEFAULTS, field, value));
}

export function macFlapAt(lab: Lab, switchIndex: number): MacFlapDetection {
  return lab.switches[switchIndex].macFlap ?? MAC_FLAP_DEFAULTS;
}

export function setMacFlap(lab: Lab, switchIndex: number, field: keyof MacFlapDetection, value: unknown): void {
  lab.switches[switchIndex].macFlap = withField(macFlapAt(lab, switchIndex), field, value);
}

/** A copy of `record` with `field` set, or removed when `value` is undefined (an optional field left empty). */
function withField<T extends object>(record: T, field: keyof T, value: unknown): T {
  const next = { ...record } as Record<string, unknown>;
  if (value === undefined) delete next[field as string];
  else next[field as string] = value;
  return next as T;
}

/** "1, 20" → [1, 20] (VLANs or ports); empty → undefined (all VLANs). Anything else is passed on for validation to name. */
export function vlanList(text: unknown): unknown {
  if (text === undefined || text === '') return undefined;
  const parts = String(text).split(/[\s,]+/).filter(Boolean);
  return parts.every((p) => /^\d+$/.test(p)) ? parts.map(Number) : text;
}

/** The port-channel a port is a member of (its index), if any. */
export function portChannelOf(lab: Lab, switchIndex: number, port: number): number | null {
  const i = (lab.switches[switchIndex].portChannels ?? []).findIndex((pc) => pc.ports.includes(port));
  return i >= 0 ? i : null;
}

/** A new LACP port-channel over the switch's first two cabled ports (else any two ports) that are in no channel yet. */
export function addPortChannel(lab: Lab, switchIndex: number): void {
  const sw = lab.switches[switchIndex];
  const inChannel = new Set((sw.portChannels ?? []).flatMap((pc) => pc.ports));
  const cabled = new Set(lab.cables.flatMap((c) => [c.a, c.b]).flatMap((e) => ('port' in e && e.switch === sw.name ? [e.port] : [])));
  const free = Array.from({ length: sw.ports }, (_, i) => i + 1).filter((p) => !inChannel.has(p));
  const ports = [...free.filter((p) => cabled.has(p)), ...free.filter((p) => !cabled.has(p))].slice(0, 2).sort((a, b) => a - b);
  if (ports.length < 2) throw new EditRefused(`switch ${sw.name} has no two ports left outside a port-channel`);
  sw.portChannels = [...(sw.portChannels ?? []), { ports, mode: 'lacp', hash: 'src-dst-ip' }];
}

export function removePortChannel(lab: Lab, switchIndex: number, channel: number): void {
  const sw = lab.switches[switchIndex];
  const rest = (sw.portChannels ?? []).filter((_, i) => i !== channel);
  if (rest.length) sw.portChannels = rest;
  else delete sw.portChannels;
}
