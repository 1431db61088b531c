// Edits to one switch port's settings. A lab may set many ports with one record; editing one
// port of such a record first gives that port a record of its own, so its neighbours keep theirs.
import type { Lab, SwitchPortSettings } from '../../shared/lab.js';

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

/** "1, 20" → [1, 20]; empty → undefined (all VLANs). Anything else is passed on for validation to name. */
export function vlanList(text: unknown): unknown {
  if (text === undefined || text === '') return undefined;
  const parts = String(text).split(/[\s,]+/).filter(Boolean);
  return parts.every((p) => /^\d+$/.test(p)) ? parts.map(Number) : text;
}
