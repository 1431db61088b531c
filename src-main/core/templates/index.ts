// Lab templates: the estates engineers start from, each with its drills and expectations and a size
// (hosts, VMs per host). A template is data — a host recipe and drills — built by one cluster builder.
import type { LabInput } from '../../../shared/lab.js';
import type { z } from 'zod';
import type { drillSchema } from '../../../shared/drill.js';

export interface TemplateSize {
  hosts: number;
  vmsPerHost: number;
}

export interface LabTemplate {
  id: string;
  title: string;
  /** What the engineer gets and what its drills show, in a sentence or two. */
  description: string;
  defaults: TemplateSize;
  /** Fewest hosts the drills need (a migration needs two). */
  minHosts: number;
}

export const TEMPLATE_LIMITS = { maxHosts: 64, maxVmsPerHost: 64 } as const;

type DrillInput = z.input<typeof drillSchema>;

interface HostRecipe {
  model: string;
  os: string;
  hypervisor: 'hyper-v' | 'esxi' | 'linux-kvm';
  nicVendor: string;
  chipset: string;
  /** First three bytes of the NICs' MACs (the vendor's OUI). */
  nicOui: string;
  nicNames: [string, string, string, string];
  /** How the two uplinks (the third and fourth NIC) carry the virtual switch. */
  uplink:
    | { kind: 'team'; team: string; mode: 'active-passive' | 'switch-independent'; driverProfile: string; autoFailback?: boolean }
    | { kind: 'embedded'; driverProfile: string; notifySwitches?: boolean };
  virtualSwitch: string;
  /** The VMs' MACs: Hyper-V alternates dynamic and static; ESXi and KVM guests keep a fixed MAC with the hypervisor's prefix. */
  vmMacs: { kind: 'hyper-v' } | { kind: 'fixed'; prefix: string };
}

interface TemplateRecipe extends LabTemplate {
  host: HostRecipe;
  drills: (names: Names) => DrillInput[];
}

/** The names the drills refer to: the first two hosts, their uplinks, the first host's first two VMs. */
interface Names {
  hostA: string;
  hostB: string;
  vm1: string;
  vm2: string;
  uplink1: string;
  uplink2: string;
  team?: string;
  allVmsOnA: string[];
}

const HYPER_V_2008: Pick<HostRecipe, 'model' | 'os' | 'hypervisor' | 'nicNames' | 'virtualSwitch' | 'vmMacs'> = {
  model: 'Dell PowerEdge R710',
  os: 'Windows Server 2008 R2 Hyper-V',
  hypervisor: 'hyper-v',
  nicNames: ['NIC1', 'NIC2', 'NIC3', 'NIC4'],
  virtualSwitch: 'VM-Switch',
  vmMacs: { kind: 'hyper-v' },
};

/** The field report's seven drills, on the template's names. */
const fieldReportDrills = (n: Names): DrillInput[] => [
  { name: 'static-to-dynamic-restart', description: `${n.vm2}, running with a static MAC, is shut down, switched to a dynamic MAC and started again on the same host.`, vms: [n.vm2], steps: [{ action: 'shutdown', vm: n.vm2 }, { action: 'set-mac-mode', vm: n.vm2, mode: 'dynamic' }, { action: 'start', vm: n.vm2 }], expect: { reachableWithinSec: 60 } },
  { name: 'live-migrate', description: `${n.vm1}, with a dynamic MAC from ${n.hostA}'s pool, is live-migrated to ${n.hostB} while the client pings it.`, vms: [n.vm1], steps: [{ action: 'live-migrate', vm: n.vm1, to: n.hostB }], expect: { reachableWithinSec: 60 } },
  { name: 'migrate-then-restart', description: `After the live migration ${n.vm1} is restarted on ${n.hostB} and receives a MAC from ${n.hostB}'s pool.`, vms: [n.vm1], steps: [{ action: 'live-migrate', vm: n.vm1, to: n.hostB }, { action: 'restart', vm: n.vm1 }], expect: { reachableWithinSec: 60 } },
  { name: 'toggle-team-recovers', description: `Disabling and re-enabling ${n.hostB}'s team makes it re-read the VM MACs.`, vms: [n.vm1], steps: [{ action: 'live-migrate', vm: n.vm1, to: n.hostB }, { action: 'restart', vm: n.vm1 }, { action: 'disable-team', host: n.hostB, team: n.team! }, { action: 'enable-team', host: n.hostB, team: n.team! }], expect: { reachableWithinSec: 60 } },
  { name: 'static-macs-survive', description: `${n.vm2}, with a static MAC, keeps connectivity through restarts and migrations in both directions.`, vms: [n.vm2], steps: [{ action: 'live-migrate', vm: n.vm2, to: n.hostB }, { action: 'restart', vm: n.vm2 }, { action: 'quick-migrate', vm: n.vm2, to: n.hostA }, { action: 'restart', vm: n.vm2 }], expect: { reachableWithinSec: 60 } },
  { name: 'active-nic-failover', description: 'The active team member, its cable and its switch port fail and come back; the team fails over and back.', steps: [{ action: 'fail-nic', host: n.hostA, nic: n.uplink1 }, { action: 'restore-nic', host: n.hostA, nic: n.uplink1 }, { action: 'fail-cable', cable: { host: n.hostA, nic: n.uplink1 } }, { action: 'restore-cable', cable: { host: n.hostA, nic: n.uplink1 } }, { action: 'fail-port', switch: 'switch1', port: 1 }, { action: 'restore-port', switch: 'switch1', port: 1 }], expect: { reachableWithinSec: 60, maxDowntimeSec: 10 } },
  { name: 'migrate-back-after-restart', description: `${n.vm1} gets a new MAC on ${n.hostB} and is migrated back to ${n.hostA}, whose team still holds the MAC it learnt first.`, vms: [n.vm1], steps: [{ action: 'live-migrate', vm: n.vm1, to: n.hostB }, { action: 'restart', vm: n.vm1 }, { action: 'live-migrate', vm: n.vm1, to: n.hostA }], expect: { reachableWithinSec: 60 } },
];

/** What a modern cluster is expected to survive: restarts, migrations, a member, a switch and a host failing. */
const clusterDrills = (n: Names): DrillInput[] => [
  { name: 'restart', description: `${n.vm1} restarts on ${n.hostA}.`, vms: [n.vm1], steps: [{ action: 'restart', vm: n.vm1 }], expect: { reachableWithinSec: 60 } },
  { name: 'live-migrate', description: `${n.vm1} is live-migrated to ${n.hostB} and keeps its MAC.`, vms: [n.vm1], steps: [{ action: 'live-migrate', vm: n.vm1, to: n.hostB }], expect: { reachableWithinSec: 60 } },
  { name: 'migrate-then-restart', description: `${n.vm1} is live-migrated to ${n.hostB}, then restarted there.`, vms: [n.vm1], steps: [{ action: 'live-migrate', vm: n.vm1, to: n.hostB }, { action: 'restart', vm: n.vm1 }], expect: { reachableWithinSec: 60 } },
  { name: 'uplink-fails', description: `${n.uplink1} on ${n.hostA} fails and comes back: only the VMs using it move to ${n.uplink2}, after the link-loss detection time.`, vms: n.allVmsOnA, steps: [{ action: 'fail-nic', host: n.hostA, nic: n.uplink1 }, { action: 'restore-nic', host: n.hostA, nic: n.uplink1 }], expect: { reachableWithinSec: 60 } },
  { name: 'switch-fails', description: 'switch2 fails and comes back: the VMs using it move to switch1.', vms: n.allVmsOnA, steps: [{ action: 'fail-switch', switch: 'switch2' }, { action: 'restore-switch', switch: 'switch2' }], expect: { reachableWithinSec: 60 } },
  { name: 'host-fails', description: `${n.hostA} fails: the cluster restarts its VMs on ${n.hostB}.`, vms: n.allVmsOnA, steps: [{ action: 'fail-host', host: n.hostA }], expect: { reachableWithinSec: 120 } },
];

const RECIPES: TemplateRecipe[] = [
  {
    id: 'field-report-basp',
    title: 'Two R710s with Broadcom BASP (the field report)',
    description: 'Server 2008 R2 Hyper-V hosts, NIC3 and NIC4 (BCM5709C) teamed Active/Passive with BASP 2009-12-15, one member on each switch. The drills reproduce the field report: a VM restarted with a new dynamic MAC is lost behind the team that learnt its first MAC.',
    defaults: { hosts: 2, vmsPerHost: 2 },
    minHosts: 2,
    host: { ...HYPER_V_2008, nicVendor: 'Broadcom', chipset: 'BCM5709C', nicOui: '00-24-E8', uplink: { kind: 'team', team: 'VM-Team', mode: 'active-passive', driverProfile: 'broadcom-basp-2009-12-15' } },
    drills: fieldReportDrills,
  },
  {
    id: 'field-report-intel-sft',
    title: 'Two R710s with Intel ANS SFT',
    description: 'The field report\'s hosts with Intel NICs teamed by ANS Switch Fault Tolerance: the same drills, and the team passes each VM\'s own MAC through, so restarts and migrations pass.',
    defaults: { hosts: 2, vmsPerHost: 2 },
    minHosts: 2,
    host: { ...HYPER_V_2008, nicVendor: 'Intel', chipset: '82576', nicOui: '00-1B-21', uplink: { kind: 'team', team: 'VM-Team', mode: 'active-passive', driverProfile: 'intel-ans-sft', autoFailback: true } },
    drills: fieldReportDrills,
  },
  {
    id: 'lbfo-hyperv-port-cluster',
    title: 'Four-node Server 2012 R2 LBFO cluster, Hyper-V Port',
    description: 'Windows Server 2012 R2 Hyper-V hosts with LBFO teams, switch independent, Hyper-V Port: each VM pinned to one member. Restarts, migrations and single failures all pass; a member failure costs only its pinned VMs a short loss.',
    defaults: { hosts: 4, vmsPerHost: 4 },
    minHosts: 2,
    host: { ...HYPER_V_2008, model: 'Dell PowerEdge R730', os: 'Windows Server 2012 R2 Hyper-V', nicVendor: 'Intel', chipset: 'X540', nicOui: '00-1B-21', uplink: { kind: 'team', team: 'VM-Team', mode: 'switch-independent', driverProfile: 'windows-lbfo-hyperv-port' } },
    drills: clusterDrills,
  },
  {
    id: 'set-cluster',
    title: 'Server 2016+ cluster with Switch Embedded Teaming',
    description: 'Windows Server 2019 Hyper-V hosts whose virtual switch teams its own two uplinks (SET, Hyper-V Port). Restarts, migrations and single failures all pass.',
    defaults: { hosts: 2, vmsPerHost: 4 },
    minHosts: 2,
    host: { ...HYPER_V_2008, model: 'Dell PowerEdge R740', os: 'Windows Server 2019 Hyper-V', nicVendor: 'Mellanox', chipset: 'ConnectX-4 Lx', nicOui: '00-02-C9', uplink: { kind: 'embedded', driverProfile: 'set-hyper-v-port' } },
    drills: clusterDrills,
  },
  {
    id: 'esxi-cluster',
    title: 'Two-host VMware ESXi cluster',
    description: 'ESXi hosts with a standard vSwitch over vmnic2 and vmnic3, route based on originating virtual port, notify switches on. vMotion keeps each VM\'s MAC; the drills all pass.',
    defaults: { hosts: 2, vmsPerHost: 4 },
    minHosts: 2,
    host: { model: 'Dell PowerEdge R740', os: 'VMware ESXi 7.0', hypervisor: 'esxi', nicVendor: 'Intel', chipset: 'X710', nicOui: '00-1B-21', nicNames: ['vmnic0', 'vmnic1', 'vmnic2', 'vmnic3'], uplink: { kind: 'embedded', driverProfile: 'esxi-originating-port', notifySwitches: true }, virtualSwitch: 'vSwitch0', vmMacs: { kind: 'fixed', prefix: '00-50-56' } },
    drills: clusterDrills,
  },
  {
    id: 'linux-kvm-pair',
    title: 'Linux/KVM pair: a bridge over an active-backup bond',
    description: 'Two Linux/KVM hosts, bond0 (active-backup over eth2 and eth3) under the bridge br0; guests keep their MAC wherever they run, so the drills all pass.',
    defaults: { hosts: 2, vmsPerHost: 4 },
    minHosts: 2,
    host: { model: 'Dell PowerEdge R740', os: 'Debian 12 (KVM)', hypervisor: 'linux-kvm', nicVendor: 'Intel', chipset: 'X710', nicOui: '00-1B-21', nicNames: ['eth0', 'eth1', 'eth2', 'eth3'], uplink: { kind: 'team', team: 'bond0', mode: 'active-passive', driverProfile: 'linux-bonding-active-backup' }, virtualSwitch: 'br0', vmMacs: { kind: 'fixed', prefix: '52-54-00' } },
    drills: clusterDrills,
  },
];

/** The templates, for listing (no recipes). */
export const TEMPLATES: readonly LabTemplate[] = RECIPES.map(({ id, title, description, defaults, minHosts }) => ({ id, title, description, defaults, minHosts }));

export class TemplateError extends Error {}

const hex = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');

/** HostA … HostZ, HostAA …: the field report's names, for any count. */
export function hostName(i: number): string {
  let name = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return `Host${name}`;
}

/**
 * The lab of template `id` at `size` (its defaults where absent).
 * @throws TemplateError naming the template or the value out of range.
 */
export function buildTemplate(id: string, size: Partial<TemplateSize> = {}): LabInput {
  const recipe = RECIPES.find((r) => r.id === id);
  if (!recipe) throw new TemplateError(`there is no template "${id}"; the templates are ${RECIPES.map((r) => r.id).join(', ')}`);
  const hosts = size.hosts ?? recipe.defaults.hosts;
  const vmsPerHost = size.vmsPerHost ?? recipe.defaults.vmsPerHost;
  if (!Number.isInteger(hosts) || hosts < recipe.minHosts || hosts > TEMPLATE_LIMITS.maxHosts)
    throw new TemplateError(`${recipe.title} takes ${recipe.minHosts} to ${TEMPLATE_LIMITS.maxHosts} hosts, not ${hosts}`);
  if (!Number.isInteger(vmsPerHost) || vmsPerHost < 2 || vmsPerHost > TEMPLATE_LIMITS.maxVmsPerHost)
    throw new TemplateError(`${recipe.title} takes 2 to ${TEMPLATE_LIMITS.maxVmsPerHost} VMs per host (its drills use two on the first host), not ${vmsPerHost}`);

  const r = recipe.host;
  const [, , up1, up2] = r.nicNames;
  const ports = Math.max(24, hosts + 2);
  const interSwitchPort = ports;
  const clientPort = hosts + 1;
  const lab: LabInput = {
    meta: { title: `${recipe.title} — ${hosts} hosts, ${hosts * vmsPerHost} VMs`, description: recipe.description, author: '' },
    hosts: Array.from({ length: hosts }, (_, h) => ({
      name: hostName(h),
      model: r.model,
      os: r.os,
      hypervisor: r.hypervisor,
      managementIp: `10.0.${h + 1}.10`,
      nics: r.nicNames.map((name, k) => ({ name, vendor: r.nicVendor, chipset: r.chipset, mac: `${r.nicOui}-${hex(h >> 8)}-${hex(h & 255)}-${hex(k + 1)}` })),
      teams: r.uplink.kind === 'team' ? [{ name: r.uplink.team, members: [up1, up2], primary: up1, mode: r.uplink.mode, driverProfile: r.uplink.driverProfile, ...(r.uplink.autoFailback !== undefined && { autoFailback: r.uplink.autoFailback }) }] : [],
      virtualSwitches: [
        r.uplink.kind === 'team'
          ? { name: r.virtualSwitch, uplink: { team: r.uplink.team } }
          : { name: r.virtualSwitch, uplink: { nics: [up1, up2] }, teaming: { driverProfile: r.uplink.driverProfile, ...(r.uplink.notifySwitches !== undefined && { notifySwitches: r.uplink.notifySwitches }) } },
      ],
    })),
    switches: [
      { name: 'switch1', ports },
      { name: 'switch2', ports },
    ],
    clients: [{ name: 'Client1', ip: '1.1.0.100', mac: '00-1C-23-00-00-64' }],
    vms: Array.from({ length: hosts * vmsPerHost }, (_, i) => {
      const n = i + 1;
      const vm = { name: `Guest${n}`, ip: `1.1.${1 + Math.floor(i / 250)}.${(i % 250) + 1}`, host: hostName(Math.floor(i / vmsPerHost)), virtualSwitch: r.virtualSwitch };
      if (r.vmMacs.kind === 'fixed') return { ...vm, macMode: 'static' as const, staticMac: `${r.vmMacs.prefix}-${hex(n >> 16)}-${hex((n >> 8) & 255)}-${hex(n & 255)}` };
      // Odd guests dynamic, even ones static, the static MACs outside every host's pool (00-15-5D-00-…: no host has x.x.0.x).
      return n % 2 ? { ...vm, macMode: 'dynamic' as const } : { ...vm, macMode: 'static' as const, staticMac: `00-15-5D-00-${hex(n >> 8)}-${hex(n & 255)}` };
    }),
    cables: [
      ...Array.from({ length: hosts }, (_, h) => [
        { a: { host: hostName(h), nic: up1 }, b: { switch: 'switch1', port: h + 1 } },
        { a: { host: hostName(h), nic: up2 }, b: { switch: 'switch2', port: h + 1 } },
      ]).flat(),
      { a: { switch: 'switch1', port: interSwitchPort }, b: { switch: 'switch2', port: interSwitchPort } },
      { a: { client: 'Client1' }, b: { switch: 'switch1', port: clientPort } },
    ],
  };
  const names: Names = {
    hostA: hostName(0),
    hostB: hostName(1),
    vm1: 'Guest1',
    vm2: 'Guest2',
    uplink1: up1,
    uplink2: up2,
    team: r.uplink.kind === 'team' ? r.uplink.team : undefined,
    allVmsOnA: Array.from({ length: vmsPerHost }, (_, i) => `Guest${i + 1}`),
  };
  lab.drills = recipe.drills(names);
  return lab;
}
