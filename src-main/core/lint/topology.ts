// The wiring seen from the lab document: where each NIC and client plugs in, which switches are
// linked, and which switches each VM's uplink reaches. Reachability here is structural: a VM is
// reachable when any of its uplink NICs has a working path to the client (the team fails over).
import type { Lab, Cable, Host, Team, VirtualSwitchSpec, VmSpec } from '../../../shared/lab.js';

export interface PortAttachment {
  readonly switch: string;
  readonly port: number;
  readonly cable: Cable;
}

export interface InterSwitchLink {
  readonly a: string;
  readonly b: string;
  readonly cable: Cable;
}

/** VMs sharing one host's virtual switch share its uplink, so paths are worked out once per group. */
export interface UplinkGroup {
  readonly host: Host;
  readonly vswitch: string;
  readonly uplinkKind: 'team' | 'nic' | 'none';
  readonly team: Team | null;
  /** NICs that carry the virtual switch's traffic (team members or the single NIC). */
  readonly nics: readonly string[];
  readonly vms: readonly VmSpec[];
}

export interface Failure {
  readonly switches?: ReadonlySet<string>;
  readonly links?: ReadonlySet<Cable>;
}

export class LabTopology {
  readonly nicPorts = new Map<string, PortAttachment>();
  readonly clientPorts = new Map<string, PortAttachment>();
  private readonly hostByPort = new Map<string, string>();
  readonly links: InterSwitchLink[] = [];
  readonly groups: UplinkGroup[] = [];
  /** Switches with at least one cable. */
  readonly usedSwitches = new Set<string>();

  constructor(readonly lab: Lab) {
    for (const cable of lab.cables) {
      const { a, b } = cable;
      if ('port' in a && 'port' in b) {
        if (a.switch !== b.switch) this.links.push({ a: a.switch, b: b.switch, cable });
        this.usedSwitches.add(a.switch).add(b.switch);
        continue;
      }
      const [port, other] = 'port' in a ? [a, b] : 'port' in b ? [b, a] : [null, null];
      if (!port || !other || !('port' in port)) continue;
      this.usedSwitches.add(port.switch);
      const attachment = { switch: port.switch, port: port.port, cable };
      if ('nic' in other) {
        this.nicPorts.set(`${other.host}\u0000${other.nic}`, attachment);
        this.hostByPort.set(`${port.switch}\u0000${port.port}`, other.host);
      }
      else if ('client' in other) this.clientPorts.set(other.client, attachment);
    }
    this.groups = buildGroups(lab);
  }

  /** The host whose NIC plugs into this switch port, if any. */
  hostBehindPort(sw: string, port: number): string | undefined {
    return this.hostByPort.get(`${sw}\u0000${port}`);
  }

  nicPort(host: string, nic: string): PortAttachment | undefined {
    return this.nicPorts.get(`${host}\u0000${nic}`);
  }

  /** Switches reachable from `start` over inter-switch links, without the failed ones. */
  reachableSwitches(start: string, failure: Failure = {}): Set<string> {
    const seen = new Set<string>();
    if (failure.switches?.has(start)) return seen;
    const queue = [start];
    seen.add(start);
    while (queue.length) {
      const sw = queue.pop()!;
      for (const link of this.links) {
        if (failure.links?.has(link.cable)) continue;
        const next = link.a === sw ? link.b : link.b === sw ? link.a : null;
        if (next === null || seen.has(next) || failure.switches?.has(next)) continue;
        seen.add(next);
        queue.push(next);
      }
    }
    return seen;
  }

  /** True when some uplink NIC of the group plugs into a switch the client can still reach. */
  groupReachesClient(group: UplinkGroup, client: string, failure: Failure = {}): boolean {
    const clientPort = this.clientPorts.get(client);
    if (!clientPort) return false;
    const reachable = this.reachableSwitches(clientPort.switch, failure);
    return group.nics.some((nic) => {
      const port = this.nicPort(group.host.name, nic);
      return port !== undefined && reachable.has(port.switch);
    });
  }
}

function buildGroups(lab: Lab): UplinkGroup[] {
  const groups = new Map<string, UplinkGroup & { vms: VmSpec[] }>();
  const hosts = new Map(lab.hosts.map((h) => [h.name, h]));
  for (const vm of lab.vms) {
    const host = hosts.get(vm.host);
    if (!host) continue;
    const vswitch = host.virtualSwitches.find((s) => s.name === (vm.virtualSwitch ?? host.virtualSwitches[0]?.name));
    if (!vswitch) continue;
    const key = `${host.name}/${vswitch.name}`;
    let group = groups.get(key);
    if (!group) {
      const uplink = vswitch.uplink;
      const { team, nics } = uplinkOf(host, vswitch);
      // A virtual switch that teams its own uplinks carries its VMs over them as a team does.
      group = { host, vswitch: vswitch.name, uplinkKind: uplink ? ('nic' in uplink ? 'nic' : 'team') : 'none', team, nics, vms: [] };
      groups.set(key, group);
    }
    group.vms.push(vm);
  }
  return [...groups.values()];
}

/** A virtual switch's uplink: its team (if it is one) and the NICs that carry its traffic (team members, the single NIC, or its own uplinks). */
export function uplinkOf(host: Host, vswitch: VirtualSwitchSpec): { team: Team | null; nics: readonly string[] } {
  const uplink = vswitch.uplink;
  if (!uplink) return { team: null, nics: [] };
  if ('team' in uplink) {
    const team = host.teams.find((t) => t.name === uplink.team) ?? null;
    return { team, nics: team?.members ?? [] };
  }
  return { team: null, nics: 'nic' in uplink ? [uplink.nic] : uplink.nics };
}

/** The NICs that carry a host's VM traffic, over all its virtual switches. */
export function vmUplinkNics(host: Host): string[] {
  return [...new Set(host.virtualSwitches.flatMap((v) => uplinkOf(host, v).nics))];
}
