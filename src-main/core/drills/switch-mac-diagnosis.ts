// Where a VM's frames die because the physical switches hold its MAC on the wrong port: learnt on
// alternating ports under IP hash without an EtherChannel (MAC flapping), or left on the port it
// used before a vMotion or failback that nothing announced (a stale switch MAC entry).
import type { Diagnosis } from '../../../shared/drill.js';
import type { DropRecord } from '../engine/context.js';
import type { Network } from '../network.js';
import type { Vm } from '../devices/vm.js';
import type { Team } from '../devices/team.js';
import { Nic } from '../devices/nic.js';
import { PhysicalSwitch, SwitchPort } from '../devices/physical-switch.js';
import { ciscoMac } from '../devices/port-security.js';
import { ipToText, macToText } from '../../../shared/addresses.js';

/** IP hash over ordinary ports: the switch keeps one port for the VM's MAC, and the team discards the flows it hashes to the other member. */
export function macFlappingDiagnosis(vm: Vm, team: Team | null, drops: readonly DropRecord[]): Diagnosis | null {
  if (!team || vm.mac === null || !drops.some((d) => d.reason === 'hashed-to-other-member')) return null;
  const ports = team.members.map((m) => m.port.peer()).filter((p): p is SwitchPort => p instanceof SwitchPort);
  if (ports.length >= 2 && ports.every((p) => p.channel !== null && p.channel === ports[0].channel)) return null;
  const portsText = ports.map((p) => p.label).join(' and ');
  const sw = ports[0]?.owner as PhysicalSwitch | undefined;
  const mac = ciscoMac(vm.mac);
  const logged = sw ? lastOf(sw.log, (l) => l.line.includes('MACFLAP') && l.line.includes(mac))?.line : undefined;
  return {
    code: 'mac-flapping',
    text:
      `${team.label} routes by IP hash, so VM ${vm.name}'s flows leave by different uplinks, but ${portsText} are ordinary ports, not one static EtherChannel: ` +
      `the switch relearns ${mac} on whichever port its last frame came in by and sends every frame for ${ipToText(vm.ip)} there, ` +
      `where the team discards the flows it hashes to the other uplink` +
      (logged ? ` — ${sw!.name} logged "${logged}"` : ''),
    device: team.label,
    knownIssue: null,
    remedies: [
      `Put ${portsText} in one static EtherChannel (channel-group N mode on, port-channel load-balance src-dst-ip); IP hash needs it`,
      `Or set ${team.label} to route based on originating virtual port, which needs nothing of the switch`,
    ],
  };
}

/** Frames for the VM's own MAC die where it no longer is: a switch still holds the MAC on a port towards another host, a standby uplink, or back where the frame came from. */
export function staleSwitchMacDiagnosis(net: Network, vm: Vm, team: Team | null, drops: readonly DropRecord[]): Diagnosis | null {
  const mac = vm.mac;
  if (mac === null || !vm.vswitch) return null;
  const died = lastOf(drops, (d) => d.frame.dst === mac && !d.frame.rewrite && (d.reason === 'vswitch-no-port' || d.reason === 'standby-discard'));
  if (!died) return null;
  const carrying = new Set(
    (team ? team.activeMembers : [...net.hosts.get(vm.hostName)!.nics.values()].filter((n) => n.upper === vm.vswitch)).map((n) => n.port.peer()),
  );
  const stale = [...net.switches.values()].flatMap((sw): StaleEntry[] => {
    const entry = sw.entries().find((e) => e.mac === mac);
    if (!entry) return [];
    const port = sw.port(entry.port);
    if (leadsTo(sw, port, carrying)) return [];
    const far = port.peer();
    return [{ port, towards: far ? (far.owner instanceof Nic ? far.owner.label : far.label) : 'nothing', host: far?.owner instanceof Nic ? far.owner.host.name : null }];
  });
  if (stale.length === 0) return null;
  const where = stale.map((s) => `${s.port.label} (towards ${s.towards})`).join(' and ');
  const first = stale.find((s) => s.host !== null) ?? stale[0];
  const moved = first.host !== null && first.host !== vm.hostName;
  const told = vm.vswitch.notifySwitches ? 'nothing told the switches' : `Notify switches is off on ${vm.vswitch.label}, so no RARP told the switches`;
  const sw = first.port.owner as PhysicalSwitch;
  const ageing = net.lab.switches.find((s) => s.name === sw.name)?.macAgeingSec ?? 300;
  return {
    code: 'stale-switch-mac',
    text:
      `${where} still hold${stale.length === 1 ? 's' : ''} ${macToText(mac)} (VM ${vm.name}), but ${vm.name} now ${moved ? `runs on ${vm.hostName}` : `uses another uplink of ${vm.hostName}`}: ` +
      `${told} it moved; frames for ${ipToText(vm.ip)} go towards ${first.towards} and are lost (the last copy at ${died.device}) — ` +
      `until ${vm.name} transmits or the entry ages out (${ageing} s)`,
    device: first.port.label,
    knownIssue: null,
    remedies: [
      `Turn on Notify switches on ${vm.vswitch.label} (teaming and failover), so the host sends RARPs for each VM after a vMotion or failover`,
      `Clear the entry on ${sw.name} (clear mac address-table dynamic address ${ciscoMac(mac)})`,
      `Have ${vm.name} send a frame (e.g. ping its gateway): the switches relearn its MAC from it`,
    ],
  };
}

/** Whether a frame sent out of `port` of `sw` reaches one of the `targets` (switch ports facing the VM's carrying uplinks) over working links. */
function leadsTo(sw: PhysicalSwitch, port: SwitchPort, targets: ReadonlySet<unknown>): boolean {
  const members = port.channel ? port.channel.members : [port];
  if (members.some((m) => targets.has(m))) return true;
  const seen = new Set<PhysicalSwitch>([sw]);
  const queue = members.flatMap((m) => (m.carrier && m.peer()?.owner instanceof PhysicalSwitch ? [m.peer()!.owner as PhysicalSwitch] : []));
  while (queue.length) {
    const next = queue.shift()!;
    if (seen.has(next) || next.failed) continue;
    seen.add(next);
    for (const p of next.cabledPorts) {
      if (!p.carrier || p.blocked) continue;
      if (targets.has(p)) return true;
      const owner = p.peer()?.owner;
      if (owner instanceof PhysicalSwitch) queue.push(owner);
    }
  }
  return false;
}

interface StaleEntry {
  port: SwitchPort;
  /** What the port leads to: a NIC, or the next switch's port. */
  towards: string;
  /** The host of that NIC; null towards a switch. */
  host: string | null;
}

function lastOf<T>(items: readonly T[], wanted: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (wanted(items[i])) return items[i];
  return undefined;
}
