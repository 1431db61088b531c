// What the inspector offers for teams and switches that team their own uplinks: the policies that fit a
// hypervisor, the modes a driver profile supports, and what a hypervisor means for the host's VMs.
import { teamSchema, HYPERVISOR_WORDS, type Hypervisor, type Lab, type Team } from '../../shared/lab.js';
import type { DriverProfile } from '../../shared/driver.js';

export type TeamMode = Team['mode'];
export const TEAM_MODES: readonly TeamMode[] = teamSchema.shape.mode.unwrap().options;

export const TEAM_MODE_WORDS: Record<TeamMode, string> = {
  'active-passive': 'active/standby',
  'smart-load-balancing': 'smart load balancing (SLB)',
  'switch-independent': 'switch independent, load balanced',
  static: 'static aggregation (EtherChannel)',
  lacp: 'LACP (802.3ad)',
};

/** The id prefix of the teaming policies a hypervisor's virtual switch takes (SET, ESXi vSwitch, Linux bridge). */
export const SWITCH_POLICY_PREFIX: Record<Hypervisor, string> = { 'hyper-v': 'set-', esxi: 'esxi-', 'linux-kvm': 'linux-' };

/** What a host's hypervisor means for its VMs and switches, in the words the inspector shows. */
export const HYPERVISOR_FACTS: Record<Hypervisor, string> = {
  'hyper-v':
    'A dynamic VM MAC comes from this host’s pool and is replaced when the VM is turned on outside the issuing host’s range; a virtual switch binds a team or a NIC, or teams its own NICs with SET (Windows Server 2016+).',
  esxi: 'A VM keeps its MAC on every host (vMotion keeps it); a standard vSwitch teams its own uplinks under an ESXi policy, with notify switches and failback.',
  'linux-kvm': 'Guests keep their MAC; a bridge runs over a bond, and the bond’s mode decides whether ARP is rewritten.',
};

/** Flags a later catalogue may carry: the team modes a record supports, and a record usable only as a switch's own policy. */
type ProfileExtras = { teamModes?: readonly TeamMode[]; embedded?: boolean };

/** A teaming policy of a virtual switch that teams its own uplinks, rather than a NIC team's driver. */
export function isSwitchPolicy(p: DriverProfile): boolean {
  const embedded = (p as DriverProfile & ProfileExtras).embedded;
  return embedded ?? (p.id.startsWith(SWITCH_POLICY_PREFIX['hyper-v']) || p.id.startsWith(SWITCH_POLICY_PREFIX.esxi));
}

/** The policies a virtual switch of this hypervisor can team its own uplinks with. */
export function switchPoliciesFor(hypervisor: Hypervisor, profiles: readonly DriverProfile[]): DriverProfile[] {
  return profiles.filter((p) => p.id.startsWith(SWITCH_POLICY_PREFIX[hypervisor]));
}

/** The drivers a NIC team can use (not a switch's own policy). */
export function teamProfiles(profiles: readonly DriverProfile[]): DriverProfile[] {
  return profiles.filter((p) => !isSwitchPolicy(p));
}

/**
 * The modes a team with this profile can be set to: the record's own list when it has one; otherwise
 * active/standby always, and the load-balancing and aggregation modes only for a profile that spreads
 * traffic without proxying ARP (an ARP-proxy team runs active/standby whatever its mode says).
 */
export function modesFor(profile: DriverProfile | undefined): readonly TeamMode[] {
  if (!profile) return TEAM_MODES;
  const declared = (profile as DriverProfile & ProfileExtras).teamModes;
  if (declared) return declared;
  const spreads = !profile.arpProxy && (profile.loadBalancing !== 'none' || profile.receiveLoadBalancing !== 'none');
  return TEAM_MODES.filter((m) => m === 'active-passive' || spreads);
}

/** Select options for a team's mode: the supported ones, and the current one even when the profile does not support it. */
export function modeOptions(profile: DriverProfile | undefined, current: TeamMode): { value: string; label: string }[] {
  const supported = modesFor(profile);
  return TEAM_MODES.filter((m) => supported.includes(m) || m === current).map((m) => ({
    value: m,
    label: supported.includes(m) ? TEAM_MODE_WORDS[m] : `${TEAM_MODE_WORDS[m]} (not supported by ${profile?.name ?? 'this profile'})`,
  }));
}

/** What a VM-facing switch of each hypervisor usually is: a switch teaming its own uplinks (ESXi), or one bound to a team or NIC. */
const TEAMS_OWN_UPLINKS: Record<Hypervisor, boolean> = { 'hyper-v': false, esxi: true, 'linux-kvm': false };

/** After a host's hypervisor changed from `previous`: what changed, and each switch set up the other hypervisor's way. */
export function hypervisorChangeNotes(lab: Lab, hostIndex: number, previous: Hypervisor): string[] {
  const host = lab.hosts[hostIndex];
  const words = HYPERVISOR_WORDS[host.hypervisor];
  const prefix = SWITCH_POLICY_PREFIX[host.hypervisor];
  const notes = [`${host.name} was ${HYPERVISOR_WORDS[previous]} and is now ${words}: the simulation treats its VMs' MACs and its switches as ${words} does.`];
  for (const vs of host.virtualSwitches) {
    if (vs.teaming && !vs.teaming.driverProfile.startsWith(prefix))
      notes.push(`Virtual switch ${vs.name} teams its uplinks with ${vs.teaming.driverProfile}, which is not a ${words} policy: pick one whose id starts with ${prefix}.`);
    else if (TEAMS_OWN_UPLINKS[host.hypervisor] && vs.uplink && 'team' in vs.uplink)
      notes.push(`Virtual switch ${vs.name} is bound to team ${vs.uplink.team}; a ${words} switch teams its own uplinks: set its uplink to its own uplink NICs.`);
  }
  return notes;
}
