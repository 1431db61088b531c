// Where a VM's frames die when the team's receive load balancing gave a bridged guest's peer a
// member's MAC (Linux balance-alb under a bridge, Intel RLB under Hyper-V): the peer sends to that
// MAC and the virtual switch or bridge above the team has no port for it.
import type { Diagnosis } from '../../../shared/drill.js';
import { virtualSwitchWord } from '../../../shared/lab.js';
import { ipToText, macToText } from '../../../shared/addresses.js';
import type { DropRecord } from '../engine/context.js';
import type { Network } from '../network.js';
import type { Vm } from '../devices/vm.js';
import type { Client } from '../devices/client.js';
import type { Team } from '../devices/team.js';

export function receiveBalancingDiagnosis(net: Network, vm: Vm, client: Client, team: Team | null, drops: readonly DropRecord[]): Diagnosis | null {
  const drop = drops.find((d) => d.reason === 'vswitch-member-mac');
  if (!drop || !team || !team.hasMemberMac(drop.frame.dst)) return null;
  const member = team.members.find((m) => m.mac === drop.frame.dst)!;
  const ip = ipToText(vm.ip);
  const mac = macToText(member.mac);
  const above = virtualSwitchWord(net.hosts.get(team.hostName)!.spec.hypervisor);
  const profile = team.profile;
  return {
    code: 'bond-rewrote-guest-arp',
    text:
      `${team.label} (${profile.name}) balances receive by rewriting ARP replies: it put ${mac}, ${member.name}'s own MAC, as the sender of ` +
      `VM ${vm.name}'s ARP reply for ${ip} in place of ${macToText(vm.mac!)}; ${client.name} now sends ${ip}'s frames to ${mac}, ` +
      `and the ${above} ${drop.device} has no port with that MAC and drops them`,
    device: drop.device,
    knownIssue: profile.knownIssue?.title ?? null,
    remedies: [
      ...(profile.knownIssue?.remedies ?? []),
      `Give ${team.label} a mode without receive load balancing, which leaves ${vm.name}'s ARP replies as the guest sent them`,
      `Then clear ${ip} from ${client.name}'s ARP cache (arp -d ${ip}), or wait for it to re-resolve`,
    ],
  };
}
