// Vendor team modes as catalogue records (DOMAIN.md §6): Broadcom SLB, Intel ALB with and without
// RLB, Linux bonding's load-balancing modes. What differs between them is flag values, never code.
import type { DriverProfile } from '../../../shared/driver.js';

/**
 * The vendor modes, each the same driver as the catalogue's fault-tolerance record of its vendor
 * (Broadcom SLB keeps BASP's VM table and known issue), run in another mode.
 */
export function vendorModeProfiles({ basp, intel, linux }: Record<'basp' | 'intel' | 'linux', DriverProfile>): DriverProfile[] {
  // Intel ALB balances transmit only; every peer still sends to the primary's MAC.
  const alb: DriverProfile = {
    ...intel,
    id: 'intel-ans-alb',
    name: 'Intel ANS (PROSet) Adaptive Load Balancing',
    teaming: 'ALB: transmit balanced over the members, receive on the primary',
    loadBalancing: 'address-hash',
    teamModes: ['switch-independent'],
  };
  const tlb: DriverProfile = {
    ...linux,
    id: 'linux-bonding-balance-tlb',
    name: 'Linux bonding, balance-tlb (mode 5)',
    teaming: 'balance-tlb: transmit balanced over the slaves, receive on the current slave',
    loadBalancing: 'address-hash',
    teamModes: ['switch-independent'],
  };
  return [
    {
      ...basp,
      id: 'broadcom-basp-slb',
      name: `${basp.name}, Smart Load Balancing`,
      teaming: 'SLB: transmit balanced over the members, receive balanced by answering each peer with one member’s MAC',
      loadBalancing: 'address-hash',
      receiveLoadBalancing: 'arp-rewrite',
      teamModes: ['smart-load-balancing', 'active-passive'],
    },
    alb,
    {
      ...alb,
      id: 'intel-ans-alb-rlb',
      name: 'Intel ANS (PROSet) Adaptive Load Balancing with Receive Load Balancing',
      teaming: 'ALB + RLB: transmit balanced over the members, receive balanced by rewriting ARP replies with one member’s MAC per peer',
      receiveLoadBalancing: 'arp-rewrite',
      rewritesBridgedArp: true,
      knownIssue: {
        title: 'Intel ANS Receive Load Balancing rewrites the ARP replies of VMs behind a Hyper-V virtual switch to a team member’s MAC; Intel does not support RLB with Hyper-V',
        reference: 'Intel PROSet/ANS user guide: teaming with Microsoft Hyper-V',
        remedies: [
          'Turn off Receive Load Balancing on the team: ALB without RLB (Intel does not support RLB under Hyper-V)',
          'Use Virtual Machine Load Balancing (VMLB), the Intel team type made for Hyper-V',
          'Use Adapter Fault Tolerance or Switch Fault Tolerance',
        ],
      },
    },
    {
      ...linux,
      id: 'linux-bonding-balance-xor',
      name: 'Linux bonding, balance-xor (mode 2)',
      teaming: 'balance-xor: transmit hashed over the slaves (xmit_hash_policy layer3+4); the switch ports form a static EtherChannel',
      loadBalancing: 'address-hash',
      teamModes: ['static'],
    },
    {
      ...linux,
      id: 'linux-bonding-802.3ad',
      name: 'Linux bonding, 802.3ad (mode 4)',
      teaming: '802.3ad: LACP aggregation, transmit hashed over the slaves (xmit_hash_policy layer3+4)',
      loadBalancing: 'address-hash',
      teamModes: ['lacp'],
    },
    tlb,
    {
      ...tlb,
      id: 'linux-bonding-balance-alb',
      name: 'Linux bonding, balance-alb (mode 6)',
      teaming: 'balance-alb: balance-tlb plus receive load balancing by rewriting ARP replies with one slave’s MAC per peer',
      receiveLoadBalancing: 'arp-rewrite',
      rewritesBridgedArp: true,
      knownIssue: {
        title: 'Linux bonding balance-alb rewrites the sender MAC of ARP replies from guests behind a bridge to a slave’s MAC, so peers send the guest’s frames to an address the bridge has no port for',
        reference: 'Linux bonding.rst (balance-alb); netdev "bonding: fix macvlan over alb bond support"; Red Hat: only bonding modes 1, 2 and 4 with bridged guests',
        remedies: [
          'Use balance-tlb (mode 5): transmit balancing without rewriting ARP',
          'Use active-backup (mode 1)',
          'Use 802.3ad (mode 4) with the switch ports in an LACP port-channel',
        ],
      },
    },
  ];
}
