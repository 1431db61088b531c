// The built-in driver profiles of DOMAIN.md §2. Behaviour differences are flag values, never code.
import type { DriverProfile } from '../../../shared/driver.js';
import { HYPERVISOR_POLICIES } from './hypervisor-policies.js';

const BROADCOM_BASP_2009: DriverProfile = {
  id: 'broadcom-basp-2009-12-15',
  name: 'Broadcom BASP, BACS driver 2009-12-15',
  vendor: 'Broadcom',
  teaming: 'SLB, Active/Passive (primary + standby)',
  arpProxy: true,
  vmTable: 'learn-once',
  teamMac: 'primary-nic',
  pinsVmsToMembers: false,
  loadBalancing: 'none',
  receiveLoadBalancing: 'none',
  rewritesBridgedArp: false,
  failover: { detectMs: 500, announce: 'team-mac', gratuitousArpCount: 1 },
  failback: { auto: true, delayMs: 1500 },
  monitoring: { kind: 'livelink', enabledByDefault: false, intervalMs: 1000, retries: 3 },
  requiresSeparateSwitches: false,
  initMs: 0,
  knownIssue: {
    title:
      'Broadcom BASP teaming (driver 2009-12-15) under Hyper-V learns each VM IP → MAC once and never replaces it until the team is re-initialised',
    reference: 'Field report: Broadcom NIC teaming and Hyper-V on Server 2008 R2',
  },
};

// Intel's default primary does not fail back; a team that names a preferred primary sets autoFailback.
const INTEL_ANS_AFT: DriverProfile = {
  id: 'intel-ans-aft',
  name: 'Intel ANS (PROSet) Adapter Fault Tolerance',
  vendor: 'Intel',
  teaming: 'AFT, primary + secondary',
  arpProxy: false,
  vmTable: 'none',
  teamMac: 'primary-nic',
  pinsVmsToMembers: false,
  loadBalancing: 'none',
  receiveLoadBalancing: 'none',
  rewritesBridgedArp: false,
  failover: { detectMs: 500, announce: 'vm-macs', gratuitousArpCount: 1 },
  failback: { auto: false, delayMs: 0 },
  monitoring: { kind: 'probes', enabledByDefault: false, intervalMs: 1000, retries: 3 },
  requiresSeparateSwitches: false,
  initMs: 0,
};

// Windows LBFO's modern teams: switch independent, transparent (VM MACs on the wire).
const LBFO_HYPERV_PORT: DriverProfile = {
  id: 'windows-lbfo-hyperv-port',
  name: 'Windows Server 2012+ LBFO, switch independent, Hyper-V Port',
  vendor: 'Microsoft',
  teaming: 'switch independent, Hyper-V Port (active/active, or a standby adapter when the team is active-passive)',
  arpProxy: false,
  vmTable: 'none',
  teamMac: 'primary-nic',
  pinsVmsToMembers: true,
  loadBalancing: 'vm-port',
  receiveLoadBalancing: 'none',
  rewritesBridgedArp: false,
  failover: { detectMs: 300, announce: 'vm-macs', gratuitousArpCount: 1 },
  failback: { auto: true, delayMs: 0 },
  monitoring: { kind: 'none', enabledByDefault: false, intervalMs: 1000, retries: 3 },
  requiresSeparateSwitches: false,
  initMs: 0,
};

export const DRIVER_CATALOGUE: readonly DriverProfile[] = [
  BROADCOM_BASP_2009,
  {
    ...BROADCOM_BASP_2009,
    id: 'broadcom-basp-corrected',
    name: 'Broadcom BASP, corrected (hypothetical later release)',
    vmTable: 'track',
    knownIssue: undefined,
  },
  INTEL_ANS_AFT,
  {
    ...INTEL_ANS_AFT,
    id: 'intel-ans-sft',
    name: 'Intel ANS (PROSet) Switch Fault Tolerance',
    teaming: 'SFT, primary + secondary on different switches',
    requiresSeparateSwitches: true,
  },
  LBFO_HYPERV_PORT,
  {
    ...LBFO_HYPERV_PORT,
    id: 'windows-lbfo-dynamic',
    name: 'Windows Server 2012 R2+ LBFO, switch independent, Dynamic',
    teaming: 'switch independent, Dynamic (flows spread over the members, each VM received on one)',
    pinsVmsToMembers: false,
    loadBalancing: 'dynamic',
  },
  {
    id: 'linux-bonding-active-backup',
    name: 'Linux bonding, active-backup',
    vendor: 'Linux',
    teaming: 'active-backup, one active slave',
    arpProxy: false,
    vmTable: 'none',
    teamMac: 'primary-nic',
    pinsVmsToMembers: false,
    loadBalancing: 'none',
    receiveLoadBalancing: 'none',
    rewritesBridgedArp: false,
    failover: { detectMs: 100, announce: 'vm-macs', gratuitousArpCount: 1 },
    failback: { auto: true, delayMs: 0 },
    monitoring: { kind: 'arp-monitor', enabledByDefault: false, intervalMs: 1000, retries: 2 },
    requiresSeparateSwitches: false,
    initMs: 0,
  },
  ...HYPERVISOR_POLICIES,
];

export const CATALOGUE_IDS: readonly string[] = DRIVER_CATALOGUE.map((p) => p.id);

/** The lab's own profiles shadow none of the catalogue's: ids are unique across both. */
export function profilesOf(extra: readonly DriverProfile[]): Map<string, DriverProfile> {
  return new Map([...DRIVER_CATALOGUE, ...extra].map((p) => [p.id, p]));
}
