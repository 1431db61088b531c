// Design checks: risks found in the lab document alone, before any simulation. Shared with the renderer.
import { z } from 'zod';
import { endpointKey, type Endpoint } from './lab.js';

export const CHECK_SEVERITIES = ['error', 'warning', 'info'] as const;
export type CheckSeverity = (typeof CHECK_SEVERITIES)[number];

export const DESIGN_CHECK_CODES = [
  'learn-once-team-dynamic-macs',
  'mac-pools-overlap',
  'static-mac-in-dynamic-pool',
  'mac-pool-too-small',
  'dynamic-mac-from-other-pool',
  'team-members-same-switch',
  'team-member-not-cabled',
  'single-point-of-failure',
  'client-single-homed',
  'vm-has-no-path',
  'team-without-monitoring',
  'virtual-switch-without-uplink',
  'management-os-shares-vm-team',
  'vlan-not-allowed',
  'vlan-differs-on-standby',
  'native-vlan-mismatch',
  'host-port-without-portfast',
  'team-mode-not-load-balanced',
  'aggregation-without-port-channel',
  'port-channel-without-aggregation',
  'aggregation-across-switches',
  'ip-hash-without-etherchannel',
  'notify-switches-off',
  'embedded-team-too-many-members',
  'embedded-team-mixed-nics',
  'embedded-team-switch-dependent',
  'team-mode-not-supported',
  'receive-balancing-under-virtual-switch',
  'port-security-on-host-ports',
  'imported-default',
] as const;
export type DesignCheckCode = (typeof DESIGN_CHECK_CODES)[number];

export const CHECK_ELEMENT_KINDS = ['host', 'nic', 'team', 'virtual-switch', 'vm', 'switch', 'port', 'cable', 'client'] as const;
export type CheckElementKind = (typeof CHECK_ELEMENT_KINDS)[number];

export const checkElementSchema = z
  .object({
    kind: z.enum(CHECK_ELEMENT_KINDS),
    /** Stable id of the element (see the *Id functions below), e.g. "team:HostB/VM-Team". */
    id: z.string(),
    /** Where the element sits in the lab document, e.g. "hosts[1].teams[0]"; null when it has no entry of its own. */
    path: z.string().nullable(),
    /** How engineers name it: "HostB/VM-Team". */
    label: z.string(),
  })
  .strict();
export type CheckElement = z.output<typeof checkElementSchema>;

export const designCheckSchema = z
  .object({
    code: z.enum(DESIGN_CHECK_CODES),
    severity: z.enum(CHECK_SEVERITIES),
    /** One sentence in the engineer's words naming the devices concerned. */
    message: z.string(),
    elements: z.array(checkElementSchema),
    remedies: z.array(z.string()),
  })
  .strict();
export type DesignCheck = z.output<typeof designCheckSchema>;

// Element ids: one scheme for checks, the canvas and reports. NIC, port and client ids match endpointKey().
export const hostId = (host: string) => `host:${host}`;
export const nicId = (host: string, nic: string) => `nic:${host}/${nic}`;
export const teamId = (host: string, team: string) => `team:${host}/${team}`;
export const virtualSwitchId = (host: string, vswitch: string) => `vswitch:${host}/${vswitch}`;
export const vmId = (vm: string) => `vm:${vm}`;
export const switchId = (sw: string) => `switch:${sw}`;
export const portId = (sw: string, port: number) => `port:${sw}/${port}`;
export const clientId = (client: string) => `client:${client}`;
export const cableId = (a: Endpoint, b: Endpoint) => `cable:${endpointKey(a)}~${endpointKey(b)}`;

export function hasErrors(checks: readonly DesignCheck[]): boolean {
  return checks.some((c) => c.severity === 'error');
}

const SEVERITY_ORDER: Record<CheckSeverity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then warnings, then notes; stable within a severity. */
export function bySeverity(a: DesignCheck, b: DesignCheck): number {
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
}
