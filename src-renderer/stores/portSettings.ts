// Edits to one switch port's settings. A lab may set many ports with one record; editing one
// port of such a record first gives that port a record of its own, so its neighbours keep theirs.
import type { Lab, SwitchPortSettings } from '../../shared/lab.js';
import { EditRefused } from './edits.js';

export type PortField = 'mode' | 'vlan' | 'allowedVlans' | 'nativeVlan' | 'portfast';

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
