// The hosts the palette lays down, as data: hardware, hypervisor, and the teaming an engineer would set up on it.
import type { Hypervisor, Team, VirtualSwitchSpec } from '../../shared/lab.js';

export type HostTemplate = 'r710' | 'r710-intel' | 'generic' | 'esxi' | 'linux-kvm' | 'hyperv-set';

interface NicGroup {
  names: readonly string[];
  vendor: string;
  chipset: string;
  /** The first MAC of the vendor's range the NICs take free addresses from. */
  firstMac: string;
}

export interface HostTemplateSpec {
  /** Hosts are named prefix1, prefix2, … */
  namePrefix: string;
  model: string;
  os: string;
  hypervisor: Hypervisor;
  nics: readonly NicGroup[];
  teams: readonly Team[];
  virtualSwitches: readonly VirtualSwitchSpec[];
}

const numbered = (prefix: string, from: number, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${from + i}`);
const BROADCOM_ONBOARD: NicGroup = { names: numbered('NIC', 1, 4), vendor: 'Broadcom', chipset: 'BCM5709C', firstMac: '00-24-E8-00-00-01' };
const HYPER_V_2008 = { namePrefix: 'Host', model: 'Dell PowerEdge R710', os: 'Windows Server 2008 R2 Hyper-V', hypervisor: 'hyper-v', teams: [], virtualSwitches: [] } as const;

export const HOST_TEMPLATES: Record<HostTemplate, HostTemplateSpec> = {
  r710: { ...HYPER_V_2008, nics: [BROADCOM_ONBOARD] },
  'r710-intel': { ...HYPER_V_2008, nics: [BROADCOM_ONBOARD, { names: numbered('NIC', 5, 4), vendor: 'Intel', chipset: 'I340-T4', firstMac: '00-1B-21-20-00-01' }] },
  generic: { ...HYPER_V_2008, model: 'Generic server', nics: [{ names: numbered('NIC', 1, 2), vendor: 'Intel', chipset: '82574L', firstMac: '00-1B-21-10-00-01' }] },
  // A standard vSwitch teaming its two uplinks by originating virtual port, notify switches and failback on (vSphere's defaults).
  esxi: {
    namePrefix: 'ESXi',
    model: 'Dell PowerEdge R740',
    os: 'VMware ESXi 8.0',
    hypervisor: 'esxi',
    nics: [{ names: ['vmnic0', 'vmnic1'], vendor: 'Intel', chipset: 'X710', firstMac: '3C-FD-FE-00-00-01' }],
    teams: [],
    virtualSwitches: [
      {
        name: 'vSwitch0',
        type: 'external',
        uplink: { nics: ['vmnic0', 'vmnic1'] },
        teaming: { driverProfile: 'esxi-originating-port', notifySwitches: true, failback: true },
        shareWithManagementOs: false,
      },
    ],
  },
  // A Linux bridge over an active-backup bond: guests keep their MAC, the bond rewrites nothing.
  'linux-kvm': {
    namePrefix: 'KVM',
    model: 'Dell PowerEdge R740',
    os: 'Linux with KVM (libvirt)',
    hypervisor: 'linux-kvm',
    nics: [{ names: ['eno1', 'eno2'], vendor: 'Intel', chipset: 'I350', firstMac: '00-1B-21-30-00-01' }],
    teams: [{ name: 'bond0', members: ['eno1', 'eno2'], primary: 'eno1', mode: 'active-passive', driverProfile: 'linux-bonding-active-backup', createdBeforeHyperV: true }],
    virtualSwitches: [{ name: 'br0', type: 'external', uplink: { team: 'bond0' }, shareWithManagementOs: false }],
  },
  // Switch Embedded Teaming (Windows Server 2016+): the virtual switch teams two identical NICs, Hyper-V Port.
  'hyperv-set': {
    namePrefix: 'Host',
    model: 'Dell PowerEdge R740',
    os: 'Windows Server 2019 Hyper-V',
    hypervisor: 'hyper-v',
    nics: [{ names: numbered('NIC', 1, 2), vendor: 'Intel', chipset: 'X710', firstMac: '3C-FD-FE-10-00-01' }],
    teams: [],
    virtualSwitches: [
      {
        name: 'SETswitch',
        type: 'external',
        uplink: { nics: ['NIC1', 'NIC2'] },
        teaming: { driverProfile: 'set-hyper-v-port', notifySwitches: true, failback: true },
        shareWithManagementOs: false,
      },
    ],
  },
};
