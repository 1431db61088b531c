// Design checks grouped by kind, with a count in words ("64 teams learn each VM's MAC once"), for the problems panel.
import { bySeverity, type CheckSeverity, type DesignCheck, type DesignCheckCode } from '../../shared/checks.js';

/** One check of a kind and several: what the group's heading says after its count. */
const GROUP_WORDS: Record<DesignCheckCode, readonly [one: string, many: string]> = {
  'learn-once-team-dynamic-macs': ["team learns each VM's MAC once", "teams learn each VM's MAC once"],
  'mac-pools-overlap': ['pair of hosts hands out overlapping dynamic MACs', 'pairs of hosts hand out overlapping dynamic MACs'],
  'static-mac-in-dynamic-pool': ["static MAC lies in a host's dynamic pool", "static MACs lie in a host's dynamic pool"],
  'mac-pool-too-small': ['host has too few dynamic MACs for its VMs', 'hosts have too few dynamic MACs for their VMs'],
  'dynamic-mac-from-other-pool': ["VM holds a dynamic MAC from another host's pool", "VMs hold dynamic MACs from another host's pool"],
  'team-members-same-switch': ['team has every member on one switch', 'teams have every member on one switch'],
  'team-member-not-cabled': ['team has members without a cable', 'teams have members without a cable'],
  'single-point-of-failure': ['single point of failure', 'single points of failure'],
  'client-single-homed': ['switch is the only way to its clients', 'switches are the only way to their clients'],
  'vm-has-no-path': ['client cannot reach some VMs', 'clients cannot reach some VMs'],
  'team-without-monitoring': ["team only watches its members' own links", "teams only watch their members' own links"],
  'virtual-switch-without-uplink': ['virtual switch has no uplink', 'virtual switches have no uplink'],
  'management-os-shares-vm-team': ['host shares its VM team with the management OS', 'hosts share their VM team with the management OS'],
  'vlan-not-allowed': ['VLAN is not carried where it is sent', 'VLANs are not carried where they are sent'],
  'vlan-differs-on-standby': ["team's standby member carries other VLANs", "teams' standby members carry other VLANs"],
  'native-vlan-mismatch': ['native VLAN differs between link ends', 'native VLANs differ between link ends'],
  'host-port-without-portfast': ['switch has host ports without PortFast', 'switches have host ports without PortFast'],
  'team-mode-not-load-balanced': ['team does not spread VMs as its mode says', 'teams do not spread VMs as their mode says'],
  'aggregation-without-port-channel': ['aggregating team has no port-channel', 'aggregating teams have no port-channel'],
  'port-channel-without-aggregation': ['port-channel faces a team that does not aggregate', 'port-channels face teams that do not aggregate'],
  'aggregation-across-switches': ['team aggregates across separate switches', 'teams aggregate across separate switches'],
  'ip-hash-without-etherchannel': ['virtual switch uses IP hash without an EtherChannel', 'virtual switches use IP hash without an EtherChannel'],
  'notify-switches-off': ['virtual switch has Notify switches off', 'virtual switches have Notify switches off'],
  'embedded-team-too-many-members': ['embedded team has too many members', 'embedded teams have too many members'],
  'embedded-team-mixed-nics': ['embedded team mixes NIC models', 'embedded teams mix NIC models'],
  'embedded-team-switch-dependent': ['embedded team is set switch dependent', 'embedded teams are set switch dependent'],
  'team-mode-not-supported': ['team is set to a mode its driver lacks', 'teams are set to modes their drivers lack'],
  'receive-balancing-under-virtual-switch': ['team balances receive traffic under a virtual switch', 'teams balance receive traffic under a virtual switch'],
  'port-security-on-host-ports': ['switch has port security on host ports', 'switches have port security on host ports'],
  'imported-default': ['value was taken as a default by the import', 'values were taken as defaults by the import'],
};

export interface CheckGroup {
  code: DesignCheckCode;
  /** The worst severity in the group. */
  severity: CheckSeverity;
  /** "64 teams learn each VM's MAC once". */
  title: string;
  checks: DesignCheck[];
  /** Every element the group's checks concern, once each, in order. */
  ids: string[];
}

/** The heading of a group of `n` checks of one kind. */
export function groupTitle(code: DesignCheckCode, n: number): string {
  const [one, many] = GROUP_WORDS[code];
  return `${n} ${n === 1 ? one : many}`;
}

/** Groups by kind, the worst severity first, then in the order the checks came; within a group the checks keep their order. */
export function groupChecks(checks: readonly DesignCheck[]): CheckGroup[] {
  const groups = new Map<DesignCheckCode, DesignCheck[]>();
  for (const c of [...checks].sort(bySeverity)) groups.set(c.code, [...(groups.get(c.code) ?? []), c]);
  return [...groups].map(([code, list]) => ({
    code,
    severity: [...list].sort(bySeverity)[0].severity,
    title: groupTitle(code, list.length),
    checks: list,
    ids: [...new Set(list.flatMap((c) => c.elements.map((e) => e.id)))],
  }));
}

/** Groups this small are shown open; bigger ones fold to their heading until opened. */
export const OPEN_GROUP_MAX = 3;
