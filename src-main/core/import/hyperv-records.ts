// What the Hyper-V import reads values as: Microsoft's enum numbers, and records mapping adapter
// descriptions and teaming settings to the lab's vendors and driver profiles. Data, not code.
import type { Team } from '../../../shared/lab.js';
import type { EnumTable } from './powershell-json.js';

// Enum numbers as 5.1 writes them (7 writes the same numbers, or the names with -EnumsAsStrings).
/** MSFT_NetLbfoTeam.TeamingMode (NetLbfoTeamTeamingMode). */
export const LBFO_TEAMING_MODE: EnumTable<'Static' | 'SwitchIndependent' | 'Lacp'> = { 0: 'Static', 1: 'SwitchIndependent', 2: 'Lacp' };
/** MSFT_NetLbfoTeam.LoadBalancingAlgorithm (NetLbfoTeamLoadBalancingAlgorithm; 1 is unused). */
export const LBFO_LOAD_BALANCING: EnumTable<'TransportPorts' | 'IPAddresses' | 'MacAddresses' | 'HyperVPort' | 'Dynamic'> = {
  0: 'TransportPorts',
  2: 'IPAddresses',
  3: 'MacAddresses',
  4: 'HyperVPort',
  5: 'Dynamic',
};
/** MSFT_NetLbfoTeamMember.AdministrativeMode. */
export const LBFO_MEMBER_MODE: EnumTable<'Active' | 'Standby'> = { 0: 'Active', 1: 'Standby' };
/** Microsoft.HyperV.PowerShell.VMSwitchType. */
export const VM_SWITCH_TYPE: EnumTable<'Private' | 'Internal' | 'External'> = { 0: 'Private', 1: 'Internal', 2: 'External' };
/** VMSwitchTeamingMode (Msvm_VirtualEthernetSwitchNicTeamingSettingData.TeamingMode; SET is switch independent only). */
export const VM_SWITCH_TEAMING_MODE: EnumTable<'SwitchIndependent' | 'Static' | 'Lacp'> = { 0: 'SwitchIndependent', 1: 'Static', 2: 'Lacp' };
/** VMSwitchLoadBalancingAlgorithm (the LBFO numbers; SET has only these two). */
export const VM_SWITCH_LOAD_BALANCING: EnumTable<'HyperVPort' | 'Dynamic'> = { 4: 'HyperVPort', 5: 'Dynamic' };
/** Microsoft.HyperV.PowerShell.VMState. */
export const VM_STATE: EnumTable<string> = {
  1: 'Other',
  2: 'Running',
  3: 'Off',
  4: 'Stopping',
  6: 'Saved',
  9: 'Paused',
  10: 'Starting',
  11: 'Reset',
  32773: 'Saving',
  32776: 'Pausing',
  32777: 'Resuming',
  32779: 'FastSaved',
  32780: 'FastSaving',
  32781: 'ForceShutdown',
  32782: 'ForceReboot',
  32783: 'Hibernated',
  32784: 'ComponentServicing',
};
/** VMNetworkAdapterVlanMode. */
export const VLAN_MODE: EnumTable<'Untagged' | 'Access' | 'Trunk' | 'Private'> = { 0: 'Untagged', 1: 'Access', 2: 'Trunk', 3: 'Private' };

/** VM states that count as running in the lab (the VM is on and answering). */
export const RUNNING_STATES = new Set(['Running', 'Paused', 'Starting', 'Resuming', 'Reset']);

/** An LBFO team's mode and profile from its TeamingMode and LoadBalancingAlgorithm. */
export const LBFO_TEAM_MODE: Record<(typeof LBFO_TEAMING_MODE)[number], Team['mode']> = {
  Static: 'static',
  SwitchIndependent: 'switch-independent',
  Lacp: 'lacp',
};

/** The catalogue record for each LBFO algorithm; `standIn` says why a record stands in for one the catalogue lacks. */
export const LBFO_PROFILE: Record<(typeof LBFO_LOAD_BALANCING)[number], { driverProfile: string; standIn?: string }> = {
  HyperVPort: { driverProfile: 'windows-lbfo-hyperv-port' },
  Dynamic: { driverProfile: 'windows-lbfo-dynamic' },
  TransportPorts: { driverProfile: 'windows-lbfo-dynamic', standIn: 'the catalogue has no LBFO address-hash (TransportPorts) record, so Dynamic stands in' },
  IPAddresses: { driverProfile: 'windows-lbfo-dynamic', standIn: 'the catalogue has no LBFO address-hash (IPAddresses) record, so Dynamic stands in' },
  MacAddresses: { driverProfile: 'windows-lbfo-dynamic', standIn: 'the catalogue has no LBFO address-hash (MacAddresses) record, so Dynamic stands in' },
};

/** Switch Embedded Teaming's teaming-policy record for each algorithm. */
export const SET_PROFILE: Record<(typeof VM_SWITCH_LOAD_BALANCING)[number], string> = {
  HyperVPort: 'set-hyper-v-port',
  Dynamic: 'set-dynamic',
};

/** A physical adapter's vendor and chipset, read from its InterfaceDescription. */
export interface AdapterVendor {
  pattern: RegExp;
  vendor: string;
  /** The chipset: the first group of `chipset` in the description, else the description without the vendor. */
  chipset?: RegExp;
}

export const ADAPTER_VENDORS: readonly AdapterVendor[] = [
  { pattern: /broadcom|netxtreme|qlogic bcm/i, vendor: 'Broadcom', chipset: /\b(BCM\s?\d{4,5}[A-Z]?|57\d{2}[A-Z]?)\b/i },
  { pattern: /\bintel\b/i, vendor: 'Intel', chipset: /\b((?:[IX]|E|XL|XXV)\d{3,4}(?:-[A-Z0-9]+)?|8257\d[A-Z]*|8254\d[A-Z]*)\b/ },
  { pattern: /mellanox|connectx/i, vendor: 'Mellanox', chipset: /\b(ConnectX-\d\w*)/i },
  { pattern: /realtek/i, vendor: 'Realtek', chipset: /\b(RTL\w+|PCIe GBE Family)\b/i },
  { pattern: /emulex|onecon?nect/i, vendor: 'Emulex' },
  { pattern: /chelsio/i, vendor: 'Chelsio', chipset: /\b(T\d{3,4}\w*)\b/ },
  { pattern: /marvell|qlogic fastlinq|fastlinq/i, vendor: 'Marvell' },
  { pattern: /hyper-v network adapter/i, vendor: 'Microsoft', chipset: /(Hyper-V Network Adapter)/i },
];

/** Adapters that are a team the Hyper-V cmdlets cannot see into: only the team adapter shows. */
export interface ThirdPartyTeamAdapter {
  pattern: RegExp;
  /** The members' vendor: the import takes the members from this vendor's NICs. */
  vendor: string;
  /** The tool that holds the team's settings, for the warning. */
  tool: string;
  /** The profile the import defaults to: the most cautious record of that vendor (its known failure shows in drills). */
  driverProfile: string;
  mode: Team['mode'];
}

export const THIRD_PARTY_TEAMS: readonly ThirdPartyTeamAdapter[] = [
  { pattern: /\bBASP\b|Broadcom Advanced Server Program/i, vendor: 'Broadcom', tool: 'BACS', driverProfile: 'broadcom-basp-2009-12-15', mode: 'active-passive' },
  { pattern: /^TEAM\s*:|Intel.*Advanced Network Services|\bANS\b.*virtual/i, vendor: 'Intel', tool: 'Intel PROSet (ANS)', driverProfile: 'intel-ans-aft', mode: 'active-passive' },
];

/** The InterfaceDescription of an LBFO team's adapter (tNIC). */
export const LBFO_TEAM_ADAPTER = /Microsoft Network Adapter Multiplexor Driver/i;
/** Adapters the lab does not model as NICs: the management OS's vNICs, Hyper-V's own, loopback, tunnels. */
export const NOT_A_NIC = /Hyper-V Virtual Ethernet Adapter|Hyper-V Virtual Switch Extension|Loopback|WAN Miniport|Teredo|ISATAP|Kernel Debug/i;
