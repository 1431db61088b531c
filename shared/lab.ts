// The lab document: topology, settings and drills. Shared by every process; pure TypeScript + zod.
import { z } from 'zod';
import { drillSchema } from './drill.js';
import { driverProfileSchema, TEAM_MODES } from './driver.js';
import { normaliseMac, isMac, isIpv4 } from './addresses.js';

export const LAB_FORMAT = 'lab-planner/lab';
/** The document version this build writes; older documents are upgraded on parse. */
export const LAB_DOCUMENT_VERSION = 1;

const name = z.string().trim().min(1, 'a name is required').max(200, 'a name is at most 200 characters');
const ipv4 = z.string().trim().refine(isIpv4, { message: 'is not an IPv4 address like 10.0.1.10' });
const mac = z
  .string()
  .trim()
  .refine(isMac, { message: 'is not a MAC address like 00-15-5D-01-0A-03' })
  .transform(normaliseMac);
const vlanId = z.number().int().min(1, 'a VLAN ID is 1 to 4094').max(4094, 'a VLAN ID is 1 to 4094');
const seconds = (max: number) => z.number().finite().min(0).max(max);

export const offloadSchema = z
  .object({
    toe: z.boolean().default(false),
    checksum: z.boolean().default(true),
    rss: z.boolean().default(true),
  })
  .strict();

export const nicSchema = z
  .object({
    name,
    vendor: z.string().trim().min(1).max(100).default('Broadcom'),
    chipset: z.string().trim().max(100).default('BCM5709C'),
    mac,
    /** Driver profile of the NIC when used alone (informative; teams carry their own profile). */
    driverProfile: z.string().trim().max(100).optional(),
    offload: offloadSchema.default({ toe: false, checksum: true, rss: true }),
  })
  .strict();

export const teamSchema = z
  .object({
    name,
    members: z.array(name).min(1, 'a team needs at least one member NIC').max(8),
    /** The member that carries traffic while it is healthy; defaults to the first member. */
    primary: name.optional(),
    /**
     * active-passive and the switch-independent modes need nothing of the switch; `static` and `lacp`
     * (802.3ad) are switch-dependent aggregation: transmit hashed over the members, receive on any,
     * with the switch ports in a matching port-channel (an LACP member carries traffic only once both sides agree).
     */
    mode: z.enum(TEAM_MODES).default('active-passive'),
    driverProfile: z.string().trim().min(1).max(100),
    /** Overrides the profile's auto-failback (Broadcom lets the engineer disable it). */
    autoFailback: z.boolean().optional(),
    /** Turns on the profile's link monitoring (LiveLink / probes) towards `probeTarget`. */
    monitoring: z.boolean().optional(),
    /** IP the monitoring probes (e.g. the gateway or a client); defaults to the first client. */
    probeTarget: ipv4.optional(),
    /** Informative: teaming set up before or after the Hyper-V role (makes no difference). */
    createdBeforeHyperV: z.boolean().default(true),
    /** VLAN noted on the team (informative, as in earlier labs; the VLAN interface that tags is `vlanInterface`). */
    vlan: vlanId.optional(),
    /** The team's VLAN interface: the team tags what it sends with this VLAN and takes in only frames tagged with it. */
    vlanInterface: vlanId.optional(),
  })
  .strict();

export const uplinkSchema = z.union([
  z.object({ team: name }).strict(),
  z.object({ nic: name }).strict(),
  /**
   * The switch's own uplinks, teamed by the virtual switch itself under its `teaming` policy:
   * Switch Embedded Teaming on Hyper-V (Windows Server 2016+) or an ESXi standard vSwitch's uplinks.
   */
  z.object({ nics: z.array(name).min(1, 'name at least one uplink NIC').max(32, 'a virtual switch has at most 32 uplinks') }).strict(),
]);

/** How a virtual switch with its own uplinks (SET, an ESXi vSwitch) shares traffic over them. */
export const virtualSwitchTeamingSchema = z
  .object({
    /** The teaming-policy record (a driver profile id, e.g. set-hyper-v-port, esxi-ip-hash): the behaviour is data. */
    driverProfile: z.string().trim().min(1).max(100),
    /** Explicit failover order / active uplinks: the uplinks used while healthy; absent = every uplink is active. */
    activeUplinks: z.array(name).max(32).optional(),
    /** Standby uplinks, taken into use in order when an active one fails. */
    standbyUplinks: z.array(name).max(32).optional(),
    /** ESXi "Notify switches": RARP for each VM on failover and after vMotion so the physical switches relearn. */
    notifySwitches: z.boolean().default(true),
    /** Failback: traffic returns to a recovered active uplink. */
    failback: z.boolean().default(true),
  })
  .strict();

export const virtualSwitchSchema = z
  .object({
    name,
    type: z.enum(['external']).default('external'),
    uplink: uplinkSchema.optional(),
    /** For uplinks named by `nics`: the switch's teaming policy. */
    teaming: virtualSwitchTeamingSchema.optional(),
    shareWithManagementOs: z.boolean().default(false),
    /** The VLAN ID of the management OS' shared adapter (absent = untagged). */
    managementOsVlan: vlanId.optional(),
  })
  .strict();

export const hostSchema = z
  .object({
    name,
    model: z.string().trim().min(1).max(100).default('Dell PowerEdge R710'),
    os: z.string().trim().max(100).default('Windows Server 2008 R2 Hyper-V'),
    /**
     * The hypervisor: Hyper-V (dynamic MACs from the host's pool), VMware ESXi (a standard vSwitch;
     * a VM keeps its MAC on every host) or Linux/KVM (a bridge over a bond; guests keep their MAC).
     */
    hypervisor: z.enum(['hyper-v', 'esxi', 'linux-kvm']).default('hyper-v'),
    /** Management IP; its last two octets pick the dynamic MAC pool 00-15-5D-dd-ee-00…FF. */
    managementIp: ipv4,
    /** Overrides the pool Hyper-V derives from the management IP. */
    macPool: z
      .object({ first: mac, size: z.number().int().min(1).max(65536).default(256) })
      .strict()
      .optional(),
    nics: z.array(nicSchema).max(64).default([]),
    teams: z.array(teamSchema).max(16).default([]),
    virtualSwitches: z.array(virtualSwitchSchema).max(16).default([]),
  })
  .strict();

/** What engineers call the virtual switch of a host: a bridge on Linux/KVM. */
export function virtualSwitchWord(hypervisor: z.output<typeof hostSchema>['hypervisor']): string {
  return hypervisor === 'linux-kvm' ? 'bridge' : 'virtual switch';
}

export const vmSchema = z
  .object({
    name,
    ip: ipv4,
    host: name,
    /** Virtual switch on the host; defaults to the host's first virtual switch. */
    virtualSwitch: name.optional(),
    macMode: z.enum(['static', 'dynamic']).default('dynamic'),
    staticMac: mac.optional(),
    /** A dynamic MAC the VM already holds (from some host's pool); allocated at start when absent. */
    dynamicMac: mac.optional(),
    initialState: z.enum(['running', 'off']).default('running'),
    os: z.enum(['windows', 'linux']).default('windows'),
    /** The VLAN ID of the VM's virtual switch port (absent = untagged). */
    vlan: vlanId.optional(),
  })
  .strict();

export const portSecuritySchema = z
  .object({
    maxMacs: z.number().int().min(1).max(4096).default(1),
    /** Sticky: learnt secure MACs stay when the link goes down (they are written to the running config). */
    sticky: z.boolean().default(false),
    /** shutdown: the port is err-disabled; restrict: the frame is dropped and logged; protect: dropped silently. */
    violation: z.enum(['shutdown', 'restrict', 'protect']).default('shutdown'),
    /** errdisable recovery interval: an err-disabled port comes back after this long; absent = it stays down. */
    recoverySec: seconds(86_400).optional(),
  })
  .strict();

export const macFlapSchema = z
  .object({
    /** A MAC learnt on a new port this many times within `withinSec` is flapping. */
    moves: z.number().int().min(2).max(1000).default(3),
    withinSec: seconds(3600).default(10),
    /** log: the switch writes %SW_MATM-4-MACFLAP_NOTIF; err-disable: it also err-disables the port the MAC arrived on. */
    action: z.enum(['log', 'err-disable']).default('log'),
    /** An err-disabled port comes back after this long; absent = it stays down. */
    recoverySec: seconds(86_400).optional(),
  })
  .strict();

export const switchPortSettingsSchema = z
  .object({
    ports: z.array(z.number().int().min(1).max(1024)).min(1, 'name at least one port').max(1024),
    /** Access: one VLAN, untagged. Trunk: 802.1Q tags for every allowed VLAN except the native one. */
    mode: z.enum(['access', 'trunk']).default('access'),
    /** The access VLAN. */
    vlan: vlanId.default(1),
    /** VLANs a trunk carries; absent = all. */
    allowedVlans: z.array(vlanId).max(4094).optional(),
    /** The VLAN a trunk's untagged frames belong to. */
    nativeVlan: vlanId.default(1),
    /** PortFast / edge port: forwards as soon as its link comes up, skipping 802.1D listening and learning. */
    portfast: z.boolean().optional(),
    /** Port security: at most `maxMacs` source MACs; absent = off. */
    portSecurity: portSecuritySchema.optional(),
  })
  .strict();

export const portChannelSchema = z
  .object({
    /** The member ports; the switch treats them as one logical port for learning and flooding. */
    ports: z.array(z.number().int().min(1).max(1024)).min(2, 'a port-channel needs at least two member ports').max(16, 'a port-channel has at most 16 member ports'),
    /** static (channel-group mode on) bundles the ports unconditionally; lacp (mode active) only those whose far side answers LACP. */
    mode: z.enum(['static', 'lacp']).default('lacp'),
    /** port-channel load-balance: which addresses pick the member a frame leaves by. */
    hash: z.enum(['src-dst-mac', 'src-dst-ip']).default('src-dst-ip'),
  })
  .strict();

export const physicalSwitchSchema = z
  .object({
    name,
    model: z.string().trim().max(100).default('Access switch'),
    ports: z.number().int().min(1).max(1024).default(24),
    /** MAC table ageing in seconds (Cisco default 300). */
    macAgeingSec: seconds(1_000_000).default(300),
    /** Spanning tree: rapid (converges at once, as before) or classic 802.1D (a port that comes up listens and learns for 2 × forward delay). */
    stp: z.enum(['rstp', '802.1d']).optional(),
    /** 802.1D forward delay (15 s default): listening and learning take this long each. */
    forwardDelaySec: seconds(30).optional(),
    /** MAC-flap detection: the switch notices one MAC learnt on alternating ports; absent = 3 moves in 10 s are logged. */
    macFlap: macFlapSchema.optional(),
    /** VLAN settings of ports; a port no record names is an access port in VLAN 1. */
    portSettings: z.array(switchPortSettingsSchema).max(1024).default([]),
    /** Port-channels (EtherChannel): groups of ports aggregated towards one team or switch; absent = none. */
    portChannels: z.array(portChannelSchema).max(512).optional(),
    /** Stack or MLAG domain: switches naming the same one may carry members of one aggregation. */
    stack: z.string().trim().min(1).max(100).optional(),
  })
  .strict();

export const clientSchema = z
  .object({
    name,
    ip: ipv4,
    mac,
    arpCache: z.enum(['windows', 'linux', 'router']).default('windows'),
    /** The VLAN the client tags its frames with (a router's subinterface); absent = untagged. */
    vlan: vlanId.optional(),
  })
  .strict();

export const endpointSchema = z.union([
  z.object({ host: name, nic: name }).strict(),
  z.object({ switch: name, port: z.number().int().min(1).max(1024) }).strict(),
  z.object({ client: name }).strict(),
]);

export const cableSchema = z.object({ a: endpointSchema, b: endpointSchema }).strict();

/** What the import could not read from the source and took as a default: a design-check warning until the element changes. */
export const importDefaultSchema = z
  .object({
    /** The element, as design checks name it: "team:HostA/VM-Team", "client:Client1", "host:HostA", "vm:Guest1". */
    element: z.string().min(1).max(500),
    /** What was defaulted: a team's driver profile or members, a host's management IP, a VM's IP, the client. */
    what: z.enum(['driver-profile', 'team-members', 'management-ip', 'vm-ip', 'client']),
    /** The value taken, as the document holds it; the warning stays while the element still holds it. */
    value: z.string().max(2000),
    /** Why the source could not tell, in the engineer's words. */
    why: z.string().max(1000),
  })
  .strict();

export const settingsSchema = z
  .object({
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
    /** Wall-clock time of day the simulation starts at, for readable times in reports. */
    clockStart: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/, 'is not a time of day like 10:00:00')
      .default('10:00:00'),
    pingIntervalMs: z.number().int().min(10).max(60_000).default(1000),
    pingTimeoutMs: z.number().int().min(1).max(60_000).default(1000),
    vmBootSec: seconds(3600).default(30),
    gratuitousArpCount: z.number().int().min(0).max(10).default(3),
    gratuitousArpIntervalMs: z.number().int().min(1).max(60_000).default(1000),
    liveMigrationBlackoutMs: z.number().int().min(0).max(600_000).default(300),
    liveMigrationCopySec: seconds(3600).default(5),
    quickMigrationDowntimeSec: seconds(3600).default(10),
    clusterFailoverSec: seconds(3600).default(15),
    /** How an orderly host reboot (the reboot-host step) empties the host first: the cluster live-migrates its running VMs away, or shuts them down. */
    rebootDrain: z.enum(['live-migrate', 'shut-down']).default('live-migrate'),
    /** Time from an orderly host shutdown until the host is back (POST, Windows start, cluster join). */
    hostBootSec: seconds(3600).default(120),
    /** Base ARP reachable time; Windows and Linux pick a random 0.5–1.5 × base (15–45 s). */
    arpReachableBaseSec: seconds(86_400).default(30),
    routerArpTimeoutSec: seconds(86_400 * 7).default(14_400),
    routerIgnoresGratuitousArp: z.boolean().default(false),
    arpRequestTimeoutMs: z.number().int().min(1).max(60_000).default(1000),
    linkLatencyUs: z.number().int().min(0).max(1_000_000).default(5),
    /**
     * Every client of the lab pings the drill's VMs, not only the drill's own client (whose pings are
     * judged): each VM then talks to several peers at once, as a server does.
     */
    everyClientPings: z.boolean().optional(),
    /** Defaults an import took (e.g. from Hyper-V); absent for labs built by hand. */
    importDefaults: z.array(importDefaultSchema).max(10_000).optional(),
  })
  .strict();

export const layoutSchema = z
  .object({
    positions: z.record(z.string().max(500), z.object({ x: z.number().finite(), y: z.number().finite() }).strict()).default({}),
    viewport: z.object({ x: z.number().finite(), y: z.number().finite(), zoom: z.number().positive().finite() }).strict().optional(),
  })
  .strict();

export const labSchema = z
  .object({
    format: z.literal(LAB_FORMAT).default(LAB_FORMAT),
    version: z.number().int().min(1).default(LAB_DOCUMENT_VERSION),
    meta: z
      .object({
        title: z.string().trim().max(500).default('Untitled lab'),
        description: z.string().max(100_000).default(''),
        author: z.string().trim().max(200).default(''),
      })
      .strict()
      .default({ title: 'Untitled lab', description: '', author: '' }),
    settings: settingsSchema.default(() => settingsSchema.parse({})),
    /** Driver profiles of this lab, added to the built-in catalogue (a new driver is a new record). */
    driverProfiles: z.array(driverProfileSchema).max(100).default([]),
    hosts: z.array(hostSchema).max(4096).default([]),
    switches: z.array(physicalSwitchSchema).max(1024).default([]),
    clients: z.array(clientSchema).max(1024).default([]),
    vms: z.array(vmSchema).max(100_000).default([]),
    cables: z.array(cableSchema).max(100_000).default([]),
    drills: z.array(drillSchema).max(1000).default([]),
    layout: layoutSchema.default({ positions: {} }),
  })
  .strict();

export type Lab = z.output<typeof labSchema>;
export type LabInput = z.input<typeof labSchema>;
export type Host = z.output<typeof hostSchema>;
export type Nic = z.output<typeof nicSchema>;
export type Team = z.output<typeof teamSchema>;
export type VirtualSwitchSpec = z.output<typeof virtualSwitchSchema>;
export type VirtualSwitchTeaming = z.output<typeof virtualSwitchTeamingSchema>;
export type Uplink = z.output<typeof uplinkSchema>;
export type Hypervisor = Host['hypervisor'];
export type VmSpec = z.output<typeof vmSchema>;
export type PortSecurity = z.output<typeof portSecuritySchema>;
export type MacFlapDetection = z.output<typeof macFlapSchema>;
export type SwitchPortSettings = z.output<typeof switchPortSettingsSchema>;
export type PortChannel = z.output<typeof portChannelSchema>;
export type PhysicalSwitchSpec = z.output<typeof physicalSwitchSchema>;
export type ClientSpec = z.output<typeof clientSchema>;
export type Endpoint = z.output<typeof endpointSchema>;
export type Cable = z.output<typeof cableSchema>;
export type LabSettings = z.output<typeof settingsSchema>;
export type ImportDefault = z.output<typeof importDefaultSchema>;
export type Layout = z.output<typeof layoutSchema>;

/** The hypervisors as engineers name them. */
export const HYPERVISOR_WORDS: Record<Hypervisor, string> = { 'hyper-v': 'Hyper-V', esxi: 'VMware ESXi', 'linux-kvm': 'Linux/KVM' };

/** Names an endpoint the way engineers write it: "HostA/NIC3", "switch2/port7", "Client1". */
/** The client a drill pings from when it names none: the lab's first client (drills and the what-if matrix alike). */
export function defaultDrillClient(lab: { clients: readonly { name: string }[] }): string | null {
  return lab.clients[0]?.name ?? null;
}

export function endpointLabel(e: Endpoint): string {
  if ('nic' in e) return `${e.host}/${e.nic}`;
  if ('port' in e) return `${e.switch}/port${e.port}`;
  return e.client;
}

export function endpointKey(e: Endpoint): string {
  if ('nic' in e) return `nic:${e.host}/${e.nic}`;
  if ('port' in e) return `port:${e.switch}/${e.port}`;
  return `client:${e.client}`;
}
