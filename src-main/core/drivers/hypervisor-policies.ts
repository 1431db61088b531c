// Teaming policies of virtual switches that team their own uplinks (DOMAIN.md §6, §8): Switch
// Embedded Teaming on Hyper-V and the load-balancing policies of an ESXi standard vSwitch. Data only.
import type { DriverProfile } from '../../../shared/driver.js';

// SET (Windows Server 2016+): the team lives in the virtual switch, switch independent only, VM MACs on the wire.
const SET_HYPERV_PORT: DriverProfile = {
  id: 'set-hyper-v-port',
  name: 'Switch Embedded Teaming (Windows Server 2016+), Hyper-V Port',
  vendor: 'Microsoft',
  teaming: 'SET, switch independent, Hyper-V Port: each VM pinned to one uplink, received on it',
  arpProxy: false,
  vmTable: 'none',
  teamMac: 'primary-nic',
  pinsVmsToMembers: true,
  loadBalancing: 'vm-port',
  receiveLoadBalancing: 'none',
  rewritesBridgedArp: false,
  embedded: true,
  maxMembers: 8,
  requiresIdenticalMembers: true,
  failover: { detectMs: 300, announce: 'vm-macs', gratuitousArpCount: 1 },
  failback: { auto: true, delayMs: 0 },
  monitoring: { kind: 'none', enabledByDefault: false, intervalMs: 1000, retries: 3 },
  requiresSeparateSwitches: false,
  initMs: 0,
};

// ESXi standard vSwitch: a failover sends a RARP per VM MAC when "notify switches" is on (the switch's setting).
const ESXI_ORIGINATING_PORT: DriverProfile = {
  ...SET_HYPERV_PORT,
  id: 'esxi-originating-port',
  name: 'VMware ESXi vSwitch, route based on originating virtual port',
  vendor: 'VMware',
  teaming: 'originating virtual port ID (the default): each VM pinned to one uplink',
  maxMembers: undefined,
  requiresIdenticalMembers: undefined,
  // Notify switches: about five RARPs per VM on the uplink it now uses.
  failover: { detectMs: 500, announce: 'rarp', gratuitousArpCount: 5 },
  failback: { auto: true, delayMs: 100 },
};

export const HYPERVISOR_POLICIES: readonly DriverProfile[] = [
  SET_HYPERV_PORT,
  {
    ...SET_HYPERV_PORT,
    id: 'set-dynamic',
    name: 'Switch Embedded Teaming (Windows Server 2016+), Dynamic',
    teaming: 'SET, switch independent, Dynamic: flows spread over the uplinks, each VM received on one',
    pinsVmsToMembers: false,
    loadBalancing: 'dynamic',
  },
  ESXI_ORIGINATING_PORT,
  {
    ...ESXI_ORIGINATING_PORT,
    id: 'esxi-source-mac-hash',
    name: 'VMware ESXi vSwitch, route based on source MAC hash',
    teaming: 'source MAC hash: each VM on the uplink its MAC hashes to',
    loadBalancing: 'source-mac-hash',
  },
  {
    ...ESXI_ORIGINATING_PORT,
    id: 'esxi-ip-hash',
    name: 'VMware ESXi vSwitch, route based on IP hash',
    teaming: 'IP hash: each flow on the uplink its source and destination IP hash to; needs a static EtherChannel (src-dst-ip) on the switch',
    pinsVmsToMembers: false,
    loadBalancing: 'address-hash',
    receivesOnHashedMember: true,
    aggregation: 'static',
  },
  {
    ...ESXI_ORIGINATING_PORT,
    id: 'esxi-explicit-failover',
    name: 'VMware ESXi vSwitch, use explicit failover order',
    teaming: 'explicit failover order: the first active uplink carries every VM, then the next in order',
    pinsVmsToMembers: false,
    loadBalancing: 'none',
  },
];
