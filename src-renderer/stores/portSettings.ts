// Edits to one switch port's settings. A lab may set many ports with one record; editing one
// port of such a record first gives that port a record of its own, so its neighbours keep theirs.
import type { Lab, MacFlapDetection, PortSecurity, SwitchPortSettings } from '../../shared/lab.js';

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

/** "1, 20" → [1, 20]; empty → undefined (all VLANs). Anything else is passed on for validation to name. */
export function vlanList(text: unknown): unknown {
  if (text === undefined || text === '') return undefined;
  const parts = String(text).split(/[\s,]+/).filter(Boolean);
  return parts.every((p) => /^\d+$/.test(p)) ? parts.map(Number) : text;
}
