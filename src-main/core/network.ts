// The simulated lab: devices built from a lab document, wired by its cables, and the operations a
// drill performs on them (VM lifecycle, migrations, team toggles, failures and repairs).
import type { Lab, Endpoint, Team as TeamSpec, VirtualSwitchSpec } from '../../shared/lab.js';
import { endpointKey, endpointLabel } from '../../shared/lab.js';
import type { Snapshot } from '../../shared/drill.js';
import { ipToNumber, ipToText, macToNumber, macToText, BROADCAST_MAC } from '../../shared/addresses.js';
import { ARP_REPLY, ARP_REQUEST, NO_TRACE } from './net/frames.js';
import { SimContext } from './engine/context.js';
import { cableId, hostId } from '../../shared/checks.js';
import { profilesOf } from './drivers/catalogue.js';
import { Port, Wire, type PortOwner } from './devices/port.js';
import { PhysicalSwitch, SwitchPort } from './devices/physical-switch.js';
import { Nic } from './devices/nic.js';
import { Team } from './devices/team.js';
import { VirtualSwitch } from './devices/virtual-switch.js';
import { Vm } from './devices/vm.js';
import { Client } from './devices/client.js';
import { Host } from './devices/host.js';

/** What an operation could not do, in the engineer's words; the drill goes on. */
export type Problem = string | null;

export class Network {
  readonly hosts = new Map<string, Host>();
  readonly switches = new Map<string, PhysicalSwitch>();
  readonly clients = new Map<string, Client>();
  readonly vms = new Map<string, Vm>();
  readonly wires: Wire[] = [];
  private readonly wireByEndpoint = new Map<string, Wire>();
  private readonly portByEndpoint = new Map<string, Port>();
  /** Each cable's ends as the lab writes them, to tell when a re-patched cable is back where it was. */
  private readonly homeEnds = new Map<Wire, string>();

  constructor(
    readonly lab: Lab,
    readonly ctx: SimContext,
  ) {
    const profiles = profilesOf(lab.driverProfiles);
    for (const s of lab.switches) this.switches.set(s.name, new PhysicalSwitch(ctx, s));
    for (const c of lab.clients) {
      const client = new Client(ctx, c);
      this.clients.set(c.name, client);
      this.portByEndpoint.set(endpointKey({ client: c.name }), client.port);
    }
    for (const spec of lab.hosts) {
      const host = new Host(spec);
      this.hosts.set(spec.name, host);
      for (const n of spec.nics) {
        const nic = new Nic(ctx, host, n);
        host.nics.set(n.name, nic);
        this.portByEndpoint.set(endpointKey({ host: spec.name, nic: n.name }), nic.port);
      }
      for (const t of spec.teams) {
        const members = t.members.map((m) => host.nics.get(m)!);
        const probeIp = t.probeTarget ? ipToNumber(t.probeTarget) : this.clients.values().next().value?.ip;
        host.teams.set(t.name, new Team(ctx, spec.name, t, members, profiles.get(t.driverProfile)!, probeIp ?? null));
      }
      for (const v of spec.virtualSwitches) {
        const vswitch = new VirtualSwitch(ctx, spec.name, v.name);
        vswitch.notifySwitches = v.teaming?.notifySwitches ?? true;
        host.vswitches.set(v.name, vswitch);
        const team = v.uplink && 'team' in v.uplink ? host.teams.get(v.uplink.team)! : v.uplink && 'nics' in v.uplink ? this.embeddedTeam(host, spec.name, v, profiles) : undefined;
        if (team) {
          team.client = vswitch;
          team.uplinkEdge = vswitch.uplinkEdge;
          vswitch.uplink = team;
        } else if (v.uplink && 'nic' in v.uplink) {
          const nic = host.nics.get(v.uplink.nic)!;
          nic.upper = vswitch;
          vswitch.uplink = { transmit: (f) => nic.transmit(f) };
        }
      }
    }
    for (const s of this.switches.values())
      s.ports.forEach((p, i) => this.portByEndpoint.set(endpointKey({ switch: s.name, port: i + 1 }), p));
    for (const c of lab.cables) {
      const a = this.portByEndpoint.get(endpointKey(c.a))!;
      const b = this.portByEndpoint.get(endpointKey(c.b))!;
      const wire = new Wire(a, b, `${endpointLabel(c.a)} – ${endpointLabel(c.b)}`, cableId(c.a, c.b));
      this.wires.push(wire);
      this.homeEnds.set(wire, [endpointKey(c.a), endpointKey(c.b)].sort().join('|'));
      this.wireByEndpoint.set(endpointKey(c.a), wire);
      this.wireByEndpoint.set(endpointKey(c.b), wire);
      for (const p of [a, b]) if (p instanceof SwitchPort) (p.owner as PhysicalSwitch).cabledPorts.push(p);
    }
    for (const s of this.switches.values()) s.cabledPorts.sort((x, y) => s.portNumber(x) - s.portNumber(y));
    for (const v of lab.vms) this.vms.set(v.name, new Vm(ctx, v));
  }

  /**
   * A virtual switch with its own uplinks (SET, an ESXi vSwitch) teams them itself: a team named
   * after the switch, behaving as its teaming-policy record says, failing back as the switch says.
   */
  private embeddedTeam(host: Host, hostName: string, v: VirtualSwitchSpec, profiles: ReturnType<typeof profilesOf>): Team {
    const uplink = v.uplink as { nics: string[] };
    const teaming = v.teaming!;
    const profile = profiles.get(teaming.driverProfile)!;
    const order = [...(teaming.activeUplinks ?? []), ...(teaming.standbyUplinks ?? [])];
    const members = [...order, ...uplink.nics.filter((n) => !order.includes(n))].map((n) => host.nics.get(n)!);
    const spec: TeamSpec = {
      name: v.name,
      members: members.map((m) => m.name),
      primary: teaming.activeUplinks?.[0] ?? uplink.nics[0],
      mode: teaming.standbyUplinks?.length ? 'active-passive' : (profile.aggregation ?? 'switch-independent'),
      driverProfile: teaming.driverProfile,
      autoFailback: teaming.failback,
      createdBeforeHyperV: true,
    };
    const team = new Team(this.ctx, hostName, spec, members, profile, null);
    team.notifySwitches = teaming.notifySwitches;
    host.teams.set(v.name, team);
    return team;
  }

  /** t = 0: links come up, running VMs are on their hosts, teams initialise, VMs announce. */
  start(): void {
    for (const w of this.wires) w.refresh();
    this.updateSpanningTree();
    for (const s of this.switches.values()) s.converged = true;
    for (const vm of this.vms.values()) {
      if (vm.spec.initialState !== 'running') continue;
      // Already running: it keeps the MAC it holds, whichever host's pool issued it.
      const problem = this.powerOn(vm, this.hosts.get(vm.hostName)!, 0, true);
      if (problem === null) {
        vm.state = 'running';
        this.announceBoot(vm);
      }
    }
    for (const vm of this.vms.values()) vm.publish();
    for (const sw of this.switches.values()) sw.start();
    for (const host of this.hosts.values()) for (const team of host.teams.values()) team.initialise();
  }

  /** Records that a NIC, cable, switch port, switch, inter-switch link or host failed or came back. */
  noteFault(element: string, label: string, failed: boolean): void {
    if (this.ctx.recordingChanges) this.ctx.change({ kind: 'fault', atMs: this.ctx.now / 1000, element, label, failed });
  }

  endpointPort(e: Endpoint): Port | undefined {
    return this.portByEndpoint.get(endpointKey(e));
  }

  refreshWires(): void {
    for (const w of this.wires) w.refresh();
  }

  // ---- VM lifecycle ------------------------------------------------------------------------

  /** Whether another VM holds `mac`; with `host`, only the VMs that host knows (Hyper-V checks its own). */
  private macInUse(mac: number, except: Vm, host?: Host): boolean {
    for (const vm of this.vms.values()) {
      if (vm === except || (host && vm.hostName !== host.name)) continue;
      if (vm.mac === mac || vm.dynamicMac === mac || (vm.macMode === 'static' && vm.staticMac === mac)) return true;
    }
    return false;
  }

  /**
   * Powers a VM on at `host`: picks its MAC (its hypervisor's rules), connects it, boots after `bootUs`.
   * `running` places a VM that is already running (time 0): it keeps the dynamic MAC it holds.
   */
  private powerOn(vm: Vm, host: Host, bootUs: number, running = false): Problem {
    const vswitch = this.vswitchFor(vm, host);
    if (!vswitch) return `host ${host.name} has no virtual switch for VM ${vm.name}`;
    let mac: number | null;
    if (vm.macMode === 'static') mac = vm.staticMac;
    else if (vm.dynamicMac !== null && (running || host.pool.contains(vm.dynamicMac) || !host.facts.regeneratesForeignDynamicMac)) mac = vm.dynamicMac;
    else {
      // A dynamic MAC outside the current host's range is regenerated at power-on (Hyper-V; ESXi and KVM keep it).
      mac = host.pool.allocate((m) => this.macInUse(m, vm, host));
      if (mac === null) {
        vm.poolExhaustedOn = host.name;
        vm.publish();
        return `the dynamic MAC pool of ${host.name} (${host.pool.label}) is exhausted: VM ${vm.name} cannot start (${host.facts.poolExhaustedWords})`;
      }
      vm.dynamicMac = mac;
    }
    vm.poolExhaustedOn = null;
    vm.hostName = host.name;
    vm.mac = mac;
    vm.stack.mac = mac!;
    vm.vswitch = vswitch;
    vswitch.connect(vm, mac!);
    vm.state = 'booting';
    const generation = vm.generation;
    if (bootUs > 0) {
      this.ctx.scheduler.after(bootUs, () => {
        if (vm.generation !== generation || vm.state !== 'booting') return;
        vm.state = 'running';
        vm.publish();
        this.announceBoot(vm);
      });
      vm.publish();
    }
    return null;
  }

  private vswitchFor(vm: Vm, host: Host): VirtualSwitch | null {
    return (vm.spec.virtualSwitch && host.vswitches.get(vm.spec.virtualSwitch)) || host.defaultVswitch();
  }

  private powerOff(vm: Vm): void {
    vm.vswitch?.disconnect(vm);
    vm.vswitch = null;
    vm.state = 'off';
    vm.migratingTo = null;
    vm.generation++;
    vm.stack.reset();
    vm.publish();
  }

  /** After boot the guest announces its IP with gratuitous ARPs (Windows: 3). */
  private announceBoot(vm: Vm): void {
    const { gratuitousArpCount, gratuitousArpIntervalMs } = this.ctx.settings;
    const generation = vm.generation;
    for (let i = 0; i < gratuitousArpCount; i++) {
      this.ctx.scheduler.after(i * gratuitousArpIntervalMs * 1000, () => {
        if (vm.generation !== generation || vm.mac === null) return;
        vm.transmit({
          dst: BROADCAST_MAC,
          src: vm.mac,
          payload: { kind: 'arp', op: ARP_REQUEST, sha: vm.mac, spa: vm.ip, tha: 0, tpa: vm.ip },
          trace: NO_TRACE,
          id: this.ctx.newFrameId(),
        });
      });
    }
  }

  /** After a migration resumes, the VM sends an unsolicited ARP reply so neighbours update. */
  private announceResume(vm: Vm): void {
    if (vm.mac === null) return;
    vm.transmit({
      dst: BROADCAST_MAC,
      src: vm.mac,
      payload: { kind: 'arp', op: ARP_REPLY, sha: vm.mac, spa: vm.ip, tha: BROADCAST_MAC, tpa: vm.ip },
      trace: NO_TRACE,
      id: this.ctx.newFrameId(),
    });
  }

  startVm(vm: Vm): Problem {
    if (vm.state !== 'off') return `VM ${vm.name} is already ${vm.state}`;
    const host = this.hosts.get(vm.hostName)!;
    if (!host.up) return `host ${host.name} is down; VM ${vm.name} cannot start there`;
    return this.powerOn(vm, host, this.ctx.settings.vmBootSec * 1e6);
  }

  shutdownVm(vm: Vm): Problem {
    if (vm.state === 'off') return `VM ${vm.name} is already off`;
    this.powerOff(vm);
    return null;
  }

  restartVm(vm: Vm): Problem {
    if (vm.state === 'off') return this.startVm(vm);
    this.powerOff(vm);
    return this.startVm(vm);
  }

  setMacMode(vm: Vm, mode: 'static' | 'dynamic', mac: string | undefined): Problem {
    if (vm.state !== 'off') return `VM ${vm.name} must be shut down before its MAC settings change`;
    if (mode === 'dynamic') {
      // Already dynamic: Hyper-V keeps the address it issued; nothing changes.
      if (vm.macMode === 'dynamic') return null;
      vm.macMode = 'dynamic';
      vm.dynamicMac = null;
      return null;
    }
    const value = mac !== undefined ? macToNumber(mac) : (vm.mac ?? vm.dynamicMac);
    if (value === null) return `VM ${vm.name} has no MAC yet to keep as its static MAC; give one`;
    if (this.macInUse(value, vm)) return `MAC ${macToText(value)} is already used by another VM`;
    vm.macMode = 'static';
    vm.staticMac = value;
    return null;
  }

  private migrationTarget(vm: Vm, to: Host): Problem {
    if (vm.state !== 'running') return `VM ${vm.name} is ${vm.state}; only a running VM migrates`;
    if (to.name === vm.hostName) return `VM ${vm.name} is already on ${to.name}`;
    if (!to.up) return `host ${to.name} is down`;
    if (!this.vswitchFor(vm, to)) return `host ${to.name} has no virtual switch for VM ${vm.name}`;
    return null;
  }

  /** Moves a running VM's adapter to `to` and resumes it there, keeping its MAC. */
  private resumeOn(vm: Vm, to: Host): void {
    vm.vswitch?.disconnect(vm);
    const vswitch = this.vswitchFor(vm, to)!;
    vm.hostName = to.name;
    vm.vswitch = vswitch;
    vswitch.connect(vm, vm.mac!);
    vm.state = 'running';
    vm.migratingTo = null;
    vm.publish();
    // Hyper-V's guest announces itself; ESXi (notify switches) and QEMU send RARPs for its MAC.
    if (to.facts.announcesMigratedVm === 'guest-arp') this.announceResume(vm);
    else vswitch.notifyMoved(vm, to.facts.migrationRarpCount);
  }

  /** The target went down mid-migration: the VM carries on where it was, as Hyper-V rolls back. */
  private abortMigration(vm: Vm): void {
    const source = this.hosts.get(vm.hostName)!;
    if (!source.up) return this.powerOff(vm);
    if (!vm.vswitch) return this.resumeOn(vm, source);
    vm.state = 'running';
    vm.migratingTo = null;
    vm.publish();
  }

  liveMigrate(vm: Vm, to: Host): Problem {
    const problem = this.migrationTarget(vm, to);
    if (problem) return problem;
    const s = this.ctx.settings;
    const generation = vm.generation;
    vm.migratingTo = to.name;
    vm.publish();
    this.ctx.scheduler.after(s.liveMigrationCopySec * 1e6, () => {
      if (vm.generation !== generation || vm.state !== 'running') return;
      vm.state = 'paused';
      vm.publish();
      this.ctx.scheduler.after(s.liveMigrationBlackoutMs * 1000, () => {
        if (vm.generation !== generation) return;
        if (!to.up) return this.abortMigration(vm);
        this.resumeOn(vm, to);
      });
    });
    return null;
  }

  quickMigrate(vm: Vm, to: Host): Problem {
    const problem = this.migrationTarget(vm, to);
    if (problem) return problem;
    const generation = vm.generation;
    vm.state = 'paused';
    vm.migratingTo = to.name;
    vm.vswitch?.disconnect(vm);
    vm.vswitch = null;
    vm.publish();
    this.ctx.scheduler.after(this.ctx.settings.quickMigrationDowntimeSec * 1e6, () => {
      if (vm.generation !== generation) return;
      if (!to.up) return this.abortMigration(vm);
      this.resumeOn(vm, to);
    });
    return null;
  }

  // ---- teams and faults --------------------------------------------------------------------

  disableTeam(team: Team): Problem {
    if (!team.enabled) return `${team.label} is already disabled`;
    team.disabledByEngineer = true;
    team.disable();
    return null;
  }

  enableTeam(team: Team): Problem {
    if (team.enabled) return `${team.label} is already enabled`;
    const host = this.hosts.get(team.hostName)!;
    if (!host.up) return `host ${host.name} is down`;
    team.disabledByEngineer = false;
    this.ctx.scheduler.after(team.profile.initMs * 1000, () => team.initialise());
    return null;
  }

  /** The host stops: its teams go with it and its NICs lose link. */
  private takeDown(host: Host): void {
    host.up = false;
    this.noteFault(hostId(host.name), `host ${host.name}`, true);
    for (const team of host.teams.values()) team.disable();
    this.refreshWires();
  }

  failHost(host: Host, failoverTo: Host | undefined): Problem {
    if (!host.up) return `host ${host.name} is already down`;
    this.takeDown(host);
    const crashed = [...this.vms.values()].filter((vm) => vm.hostName === host.name && vm.state !== 'off');
    for (const vm of crashed) this.powerOff(vm);
    // The cluster notices and restarts the VMs on another node: a restart, so dynamic MACs may change.
    this.ctx.scheduler.after(this.ctx.settings.clusterFailoverSec * 1e6, () => {
      for (const vm of crashed) {
        if (vm.state !== 'off') continue;
        const target = [failoverTo, ...this.hosts.values()].find(
          (h) => h !== undefined && h !== host && h.up && this.vswitchFor(vm, h) !== null,
        );
        if (!target) {
          this.awaitingNode.add(vm);
          continue;
        }
        this.restartOnNode(vm, target);
      }
    });
    return null;
  }

  /** VMs of failed hosts that the cluster could not place yet: no node was up. */
  readonly awaitingNode = new Set<Vm>();

  private restartOnNode(vm: Vm, target: Host): void {
    this.awaitingNode.delete(vm);
    vm.hostName = target.name;
    this.powerOn(vm, target, this.ctx.settings.vmBootSec * 1e6);
  }

  restoreHost(host: Host): Problem {
    if (host.up) return `host ${host.name} is not down`;
    host.up = true;
    this.noteFault(hostId(host.name), `host ${host.name}`, false);
    this.refreshWires();
    // A team adapter the engineer disabled stays disabled across the restart, as Windows keeps it.
    for (const team of host.teams.values()) if (!team.disabledByEngineer) team.initialise();
    // The cluster places VMs that found no node as soon as one is back.
    for (const vm of [...this.awaitingNode]) if (vm.state === 'off' && this.vswitchFor(vm, host)) this.restartOnNode(vm, host);
    return null;
  }

  /**
   * An orderly reboot, as a cluster node is patched: the cluster drains the host first, by live
   * migration to the first other node that is up (or, with settings.rebootDrain 'shut-down', or when
   * no node can take a VM, by shutting its VMs down); the host then goes down, is back after
   * settings.hostBootSec, and starts the VMs it shut down again.
   */
  rebootHost(host: Host): Problem {
    if (!host.up) return `host ${host.name} is down; only a host that is up reboots`;
    const s = this.ctx.settings;
    const shutDown: Vm[] = [];
    let drainUs = 0;
    for (const vm of [...this.vms.values()].filter((v) => v.hostName === host.name && v.state !== 'off')) {
      const target =
        s.rebootDrain === 'live-migrate' && vm.state === 'running'
          ? [...this.hosts.values()].find((h) => h !== host && h.up && this.vswitchFor(vm, h) !== null)
          : undefined;
      if (target && this.liveMigrate(vm, target) === null) {
        // The host goes down just after the last migration resumes on its target.
        drainUs = s.liveMigrationCopySec * 1e6 + s.liveMigrationBlackoutMs * 1000 + 1000;
        continue;
      }
      this.powerOff(vm);
      shutDown.push(vm);
    }
    this.ctx.scheduler.after(drainUs, () => {
      if (!host.up) return;
      this.takeDown(host);
      // A migration that did not finish leaves its VM here: it is shut down with the host.
      for (const vm of this.vms.values())
        if (vm.hostName === host.name && vm.state !== 'off') {
          this.powerOff(vm);
          shutDown.push(vm);
        }
      this.ctx.scheduler.after(s.hostBootSec * 1e6, () => {
        if (this.restoreHost(host) !== null) return;
        for (const vm of shutDown) if (vm.state === 'off' && vm.hostName === host.name) this.powerOn(vm, host, s.vmBootSec * 1e6);
        this.updateSpanningTree();
      });
      this.updateSpanningTree();
    });
    return null;
  }

  setMonitoring(team: Team, on: boolean): Problem {
    if (team.monitoring === on) return `path monitoring of ${team.label} is already ${on ? 'on' : 'off'}`;
    if (on && !team.canMonitor)
      return team.profile.monitoring.kind === 'none'
        ? `the driver of ${team.label} (${team.profile.name}) has no path monitoring`
        : `${team.label} has no probe target: give the team one, or add a client to the lab`;
    team.setMonitoring(on);
    return null;
  }

  /** The VLAN ID of the VM's virtual switch port; undefined: untagged. Takes effect at once, as in Hyper-V Manager. */
  setVlan(vm: Vm, vlan: number | undefined): Problem {
    if (vm.vlan === vlan) return `VM ${vm.name} is already ${vlan === undefined ? 'untagged' : `on VLAN ${vlan}`}`;
    vm.vlan = vlan;
    return null;
  }

  clearArp(client: Client): Problem {
    client.stack.clearArp();
    return null;
  }

  /** Re-patches the cable's end at `from` into `to`: link goes down on the old port and comes up on the new. */
  moveCable(from: Endpoint, to: Endpoint): Problem {
    const wire = this.wireAt(from);
    if (!wire) return `no cable is plugged into ${endpointLabel(from)} now`;
    const target = this.endpointPort(to);
    if (!target) return `the lab has no ${endpointLabel(to)}`;
    if (target.wire) return `${endpointLabel(to)} already has a cable plugged in`;
    const old = this.endpointPort(from)!;
    const stays = wire.a === old ? wire.b : wire.a;
    const staysEnd = [...this.portByEndpoint.entries()].find(([, p]) => p === stays)![0];
    const before = wire.label;
    wire.replug(old, target);
    this.wireByEndpoint.delete(endpointKey(from));
    this.wireByEndpoint.set(endpointKey(to), wire);
    for (const [port, add] of [[old, false], [target, true]] as const) {
      if (!(port instanceof SwitchPort)) continue;
      const sw = port.owner as PhysicalSwitch;
      if (add) sw.cabledPorts.push(port);
      else sw.cabledPorts.splice(sw.cabledPorts.indexOf(port), 1);
      sw.cabledPorts.sort((x, y) => sw.portNumber(x) - sw.portNumber(y));
    }
    // The cable as the lab draws it is no longer there while it is patched elsewhere.
    const home = this.homeEnds.get(wire)!;
    const atHome = [endpointKey(to), staysEnd].sort().join('|') === home;
    this.noteFault(wire.elementId!, `cable ${before} (re-patched: ${wire.label})`, !atHome);
    return null;
  }

  // ---- paths -------------------------------------------------------------------------------

  /** Whether frames leaving `from` can reach the device holding `ip` over working links. */
  reaches(from: Port, ip: number): boolean {
    const target = [...this.clients.values()].find((c) => c.ip === ip)?.port;
    return target !== undefined && this.connected(from, target);
  }

  /** Whether two ports are joined by up wires through working switches. */
  connected(from: Port, to: Port): boolean {
    const first = from.wire?.up ? from.peer() : null;
    if (!first) return false;
    if (first === to) return true;
    const seen = new Set<PortOwner>();
    const queue: PortOwner[] = [first.owner];
    while (queue.length) {
      const owner = queue.shift()!;
      if (seen.has(owner) || !(owner instanceof PhysicalSwitch) || owner.failed) continue;
      seen.add(owner);
      for (const p of owner.cabledPorts) {
        if (!p.carrier || p.blocked) continue;
        const peer = p.peer()!;
        if (peer === to) return true;
        queue.push(peer.owner);
      }
    }
    return false;
  }

  /**
   * Blocks redundant inter-switch links, as rapid spanning tree does, so that broadcasts cannot
   * loop; the first switch of the lab is the root. A change of the tree flushes the MAC tables.
   */
  updateSpanningTree(): void {
    const links = this.wires.filter(isInterSwitch);
    if (links.length === 0) return;
    const forwarding = new Set<Wire>();
    const reached = new Set<PhysicalSwitch>();
    for (const root of this.switches.values()) {
      if (reached.has(root) || root.failed) continue;
      reached.add(root);
      const queue = [root];
      while (queue.length) {
        const sw = queue.shift()!;
        for (const w of links) {
          if (!w.up) continue;
          const a = w.a.owner as PhysicalSwitch;
          const b = w.b.owner as PhysicalSwitch;
          const other = a === sw ? b : b === sw ? a : null;
          if (other === null || reached.has(other)) continue;
          reached.add(other);
          forwarding.add(w);
          queue.push(other);
        }
      }
    }
    let changed = false;
    for (const w of links) {
      const blocked = !forwarding.has(w);
      if (w.a.blocked === blocked && w.b.blocked === blocked) continue;
      w.a.blocked = w.b.blocked = blocked;
      // A blocked link taking over goes through listening and learning under 802.1D, as a port that comes up does.
      if (!blocked) for (const end of [w.a, w.b]) (end.owner as PhysicalSwitch).listenAndLearn(end as SwitchPort);
      changed = true;
    }
    if (changed) for (const s of this.switches.values()) s.tables.clear();
  }

  /** Infrastructure that is down right now, in the engineer's words. */
  faults(): string[] {
    const out: string[] = [];
    for (const s of this.switches.values()) {
      if (s.failed) out.push(`switch ${s.name} is down`);
      s.ports.forEach(
        (p, i) =>
          p.failed && out.push(p.errDisabled ? `port ${i + 1} of ${s.name} is err-disabled (${p.errDisabled})` : `port ${i + 1} of ${s.name} is down`),
      );
    }
    for (const h of this.hosts.values()) {
      if (!h.up) out.push(`host ${h.name} is down`);
      for (const n of h.nics.values()) if (n.failed) out.push(`NIC ${n.label} has failed`);
      for (const t of h.teams.values()) if (!t.enabled && h.up) out.push(`${t.label} is disabled`);
    }
    for (const w of this.wires) if (w.failed) out.push(`${isInterSwitch(w) ? 'inter-switch link' : 'cable'} ${w.label} is cut`);
    for (const w of this.wires) if (w.lostFrom && !w.failed) out.push(`cable ${w.label} passes frames one way only: ${oneWayWords(w)}`);
    return out;
  }

  wireAt(e: Endpoint): Wire | undefined {
    return this.wireByEndpoint.get(endpointKey(e));
  }

  interSwitchWires(a: string, b: string): Wire[] {
    return this.wires.filter((w) => {
      if (!isInterSwitch(w)) return false;
      const names = [(w.a.owner as PhysicalSwitch).name, (w.b.owner as PhysicalSwitch).name];
      return (names[0] === a && names[1] === b) || (names[0] === b && names[1] === a);
    });
  }

  // ---- what the engineer can look at -------------------------------------------------------

  snapshot(): Snapshot {
    return {
      atMs: this.ctx.now / 1000,
      clients: [...this.clients.values()].map((c) => ({
        name: c.name,
        arp: Object.fromEntries(c.stack.liveEntries().map((e) => [ipToText(e.ip), macToText(e.mac)])),
      })),
      switches: [...this.switches.values()].map((s) => ({
        name: s.name,
        macTable: s.entries().map((e) => ({ vlan: e.vlan, mac: macToText(e.mac), port: e.port, ageSec: e.ageSec })),
      })),
      teams: [...this.hosts.values()].flatMap((h) =>
        [...h.teams.values()].map((t) => ({
          host: h.name,
          team: t.name,
          enabled: t.enabled,
          activeMember: t.active?.name ?? null,
          teamMac: macToText(t.mac),
          vmTable: [...t.vmTable.entries()]
            .sort((x, y) => x[0] - y[0])
            .map(([ip, e]) => ({ ip: ipToText(ip), mac: macToText(e.mac), learntAtMs: e.learntUs / 1000 })),
        })),
      ),
      vms: [...this.vms.values()].map((vm) => ({
        name: vm.name,
        host: vm.hostName,
        state: vm.state,
        mac: vm.mac === null ? null : macToText(vm.mac),
      })),
    };
  }
}

/** "frames from HostA/NIC1 no longer reach switch1/port1". */
export function oneWayWords(w: Wire): string {
  const [from, to] = w.lostFrom === 'a' ? [w.a, w.b] : [w.b, w.a];
  return `frames from ${from.label} no longer reach ${to.label}`;
}

function isInterSwitch(w: Wire): boolean {
  return w.a.owner instanceof PhysicalSwitch && w.b.owner instanceof PhysicalSwitch;
}
