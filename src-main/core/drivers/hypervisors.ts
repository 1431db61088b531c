// What each hypervisor does with a VM's MAC and its network, as data (DOMAIN.md §3, §8): the
// simulator reads these facts wherever Hyper-V's own rules would otherwise be assumed.
import type { Hypervisor } from '../../../shared/lab.js';

export interface HypervisorFacts {
  /** The virtual switch the hypervisor puts VMs on, as its engineers call it. */
  readonly vswitchKind: string;
  /** What the hypervisor calls moving a running VM to another host. */
  readonly liveMigration: string;
  /** The OUI of the MACs the hypervisor gives VMs (00-15-5D Hyper-V, 00-50-56 VMware, 52-54-00 libvirt). */
  readonly macOui: number;
  /** A dynamic MAC outside the current host's pool is regenerated when the VM is turned on there (Hyper-V). */
  readonly regeneratesForeignDynamicMac: boolean;
  /**
   * Who tells the switches where a migrated VM now is: the guest (an unsolicited ARP reply, Hyper-V),
   * or the host with RARPs for the VM's MAC (ESXi "notify switches", QEMU's announce after migration).
   */
  readonly announcesMigratedVm: 'guest-arp' | 'host-rarp';
  /** RARPs sent for a VM after it migrates, when the host announces it. */
  readonly migrationRarpCount: number;
  /** How the hypervisor reports a VM that cannot start because its host's pool is exhausted. */
  readonly poolExhaustedWords: string;
}

export const HYPERVISORS: Record<Hypervisor, HypervisorFacts> = {
  'hyper-v': {
    vswitchKind: 'external virtual switch',
    liveMigration: 'live migration',
    macOui: 0x00155d,
    regeneratesForeignDynamicMac: true,
    announcesMigratedVm: 'guest-arp',
    migrationRarpCount: 0,
    poolExhaustedWords: 'Hyper-V event 12565',
  },
  esxi: {
    vswitchKind: 'standard vSwitch',
    liveMigration: 'vMotion',
    macOui: 0x005056,
    regeneratesForeignDynamicMac: false,
    announcesMigratedVm: 'host-rarp',
    migrationRarpCount: 5,
    poolExhaustedWords: 'no MAC address left to assign',
  },
  'linux-kvm': {
    vswitchKind: 'Linux bridge',
    liveMigration: 'live migration',
    macOui: 0x525400,
    regeneratesForeignDynamicMac: false,
    announcesMigratedVm: 'host-rarp',
    migrationRarpCount: 5,
    poolExhaustedWords: 'no MAC address left to assign',
  },
};

/** The first address of a host's default dynamic pool: the hypervisor's OUI, then the host IP's last two octets, then 00. */
export function defaultPoolFirst(hypervisor: Hypervisor, managementIp: string): number {
  const p = managementIp.split('.').map(Number);
  return HYPERVISORS[hypervisor].macOui * 2 ** 24 + p[2] * 2 ** 16 + p[3] * 2 ** 8;
}
