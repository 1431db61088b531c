// What the palette offers, and how each item lands in the lab.
import type { Lab } from '../../shared/lab.js';
import { addHost, addSwitch, addClient, addVm, type Position } from '../stores/edits.js';

export type PaletteItem = 'r710' | 'r710-intel' | 'generic-host' | 'hyperv-set' | 'esxi' | 'linux-kvm' | 'switch' | 'client' | 'vm';
export const PALETTE_MIME = 'application/x-lab-planner-palette';

export const PALETTE: readonly { item: PaletteItem; label: string; detail: string }[] = [
  { item: 'r710', label: 'Dell R710 host', detail: 'four Broadcom BCM5709C ports' },
  { item: 'r710-intel', label: 'Dell R710 + Intel quad-port', detail: 'four BCM5709C and four Intel ports' },
  { item: 'generic-host', label: 'Generic host', detail: 'two NICs' },
  { item: 'hyperv-set', label: 'Hyper-V host with SET', detail: 'Server 2016+, SET over two NICs' },
  { item: 'esxi', label: 'ESXi host', detail: 'vSwitch0 over two uplinks' },
  { item: 'linux-kvm', label: 'Linux/KVM host', detail: 'bridge over an active-backup bond' },
  { item: 'switch', label: 'Physical switch', detail: 'port count below' },
  { item: 'client', label: 'Client', detail: 'pings the VMs' },
  { item: 'vm', label: 'VM', detail: 'on the selected host' },
];

/** Adds the item; answers the id of what was added (to select it). */
export function placeItem(lab: Lab, item: PaletteItem, at: Position, options: { ports: number; host?: string }): string {
  switch (item) {
    case 'r710':
      return addHost(lab, 'r710', at);
    case 'r710-intel':
      return addHost(lab, 'r710-intel', at);
    case 'generic-host':
      return addHost(lab, 'generic', at);
    case 'hyperv-set':
    case 'esxi':
    case 'linux-kvm':
      return addHost(lab, item, at);
    case 'switch':
      return addSwitch(lab, options.ports, at);
    case 'client':
      return addClient(lab, at);
    case 'vm':
      return addVm(lab, options.host);
  }
}
