// Where a VM's frames die and why, in the engineer's words, with the remedies.
import type { Diagnosis } from '../../../shared/drill.js';
import { ipToText, macToText } from '../../../shared/addresses.js';
import type { DropRecord } from '../engine/context.js';
import { oneWayWords, type Network } from '../network.js';
import type { Vm } from '../devices/vm.js';
import type { Client } from '../devices/client.js';
import type { Team } from '../devices/team.js';
import { vlanDiagnosis } from './vlan-diagnosis.js';
import { stpDiagnosis } from './stp-diagnosis.js';
import { portSecurityDiagnosis } from './port-security-diagnosis.js';
import { aggregationDiagnosis } from './aggregation-diagnosis.js';
import { macFlappingDiagnosis, staleSwitchMacDiagnosis } from './switch-mac-diagnosis.js';

export interface DiagnosisInput {
  net: Network;
  vm: Vm;
  client: Client;
  /** Where the last lost ping's frames died. */
  drops: readonly DropRecord[];
  /** Formats a simulated time for the engineer ("10:00:05"). */
  clock: (us: number) => string;
}

const STALE_REMEDIES = (vm: Vm, team: Team, vswitchLabel: string): string[] => [
  `Give ${vm.name} a static MAC address in its Hyper-V settings, so its MAC never changes`,
  `Disable and re-enable ${team.label}: the team re-reads the VM MACs when it initialises`,
  `Bind virtual switch ${vswitchLabel} to a single adapter instead of the team`,
  'Use NICs of another vendor whose team is transparent to VM MACs (e.g. Intel ANS AFT/SFT)',
  'Install a corrected teaming driver that replaces the entry when a VM shows a new MAC',
];

export function diagnose({ net, vm, client, drops, clock }: DiagnosisInput): Diagnosis {
  const ip = ipToText(vm.ip);
  const faults = net.faults();
  const because = faults.length ? ` (${faults.join('; ')})` : '';

  if (vm.state !== 'running') {
    if (vm.poolExhaustedOn) {
      const host = net.hosts.get(vm.poolExhaustedOn)!;
      return {
        code: 'mac-pool-exhausted',
        text: `the dynamic MAC pool of ${host.name} (${host.pool.label}) is exhausted, so VM ${vm.name} could not start (${host.facts.poolExhaustedWords}); nothing answers for ${ip}`,
        device: host.name,
        knownIssue: null,
        remedies: [
          `Widen the dynamic MAC range of ${host.name} (Virtual Network Manager → MAC Address Range)`,
          `Give ${vm.name} a static MAC address`,
          `Place fewer VMs on ${host.name}`,
        ],
      };
    }
    if (net.awaitingNode.has(vm)) {
      return {
        code: 'vm-off',
        text: `host ${vm.hostName} failed and the cluster has no node up to restart VM ${vm.name} on; nothing answers for ${ip}`,
        device: `VM ${vm.name}`,
        knownIssue: null,
        remedies: ['Bring a cluster node back: the cluster restarts the VM there', 'Keep spare capacity on another node of the cluster'],
      };
    }
    const what = { off: 'is off', booting: 'is still booting', paused: 'is paused while it migrates', running: '' }[vm.state];
    return {
      code: 'vm-off',
      text: `VM ${vm.name} ${what} on ${vm.hostName}; nothing answers for ${ip}`,
      device: `VM ${vm.name}`,
      knownIssue: null,
      remedies: vm.state === 'off' ? [`Start ${vm.name}`] : [`Wait for ${vm.name} to finish ${vm.state === 'booting' ? 'booting' : 'migrating'}`],
    };
  }

  // A team somewhere rewrote the frames to a MAC no port has: the field report's failure.
  const staleDrop = drops.find((d) => d.reason === 'vswitch-no-port' && d.frame.rewrite);
  const host = net.hosts.get(vm.hostName)!;
  const vswitch = vm.vswitch!;
  const team = [...host.teams.values()].find((t) => t.client === vswitch) ?? null;
  // The client still talks to the team of the host the VM left: that team forwards to a MAC its host lacks.
  if (staleDrop?.frame.rewrite && staleDrop.frame.rewrite.mac === vm.mac) {
    const note = staleDrop.frame.rewrite;
    return {
      code: 'stale-client-arp',
      text:
        `${client.name} sends ${ip}'s frames to ${note.by}, but VM ${vm.name} now runs on ${vm.hostName}; ` +
        `that team forwards them to ${macToText(note.mac)} and the virtual switch ${staleDrop.device} has no port with that MAC and drops them`,
      device: staleDrop.device,
      knownIssue: null,
      remedies: [
        `Clear ${ip} from ${client.name}'s ARP cache (arp -d ${ip})`,
        `Check that ${vm.name}'s announcement after the move reaches ${client.name}`,
        `Let ${client.name} accept gratuitous ARP, or shorten its ARP timeout`,
      ],
    };
  }
  if (staleDrop?.frame.rewrite || (team && staleEntry(team, vm))) {
    const note = staleDrop?.frame.rewrite;
    const rewriter = note ? findTeam(net, note.by)! : team!;
    const entry = note ?? { mac: rewriter.vmTable.get(vm.ip)!.mac, learntUs: rewriter.vmTable.get(vm.ip)!.learntUs };
    const where = staleDrop ? staleDrop.device : vswitch.label;
    const elsewhere = rewriter.hostName !== vm.hostName ? ` on ${vm.hostName}` : '';
    return {
      code: 'stale-team-vm-mac',
      text:
        `${rewriter.label} rewrote ${ip}'s frames to ${macToText(entry.mac)} (entry learnt ${clock(entry.learntUs)}); ` +
        `VM ${vm.name} now has ${macToText(vm.mac!)}${elsewhere}; the virtual switch ${where} has no port with that MAC and drops them`,
      device: where,
      knownIssue: rewriter.profile.knownIssue?.title ?? null,
      remedies: STALE_REMEDIES(vm, rewriter, where),
    };
  }

  // The VM's own way out of the host.
  const nicUplink = team ? null : [...host.nics.values()].find((n) => n.upper === vswitch) ?? null;
  if (!team && !nicUplink) {
    return noPath(`virtual switch ${vswitch.label} has no uplink, so VM ${vm.name} is cut off from the physical network`, vswitch.label, [
      `Bind ${vswitch.label} to a team or a NIC`,
    ]);
  }
  if (team && !team.enabled) {
    return noPath(`${team.label} is disabled; frames for ${ip} go nowhere`, team.label, [`Enable ${team.label}`]);
  }
  const flapping = macFlappingDiagnosis(vm, team, drops);
  if (flapping) return flapping;
  const aggregation = team ? aggregationDiagnosis(vm, team) : null;
  if (aggregation) return aggregation;
  const active = team ? team.active : nicUplink;
  const behind = [...net.vms.values()].filter((v) => v.vswitch === vswitch && v.state === 'running');
  const secured = portSecurityDiagnosis(vm, team, team ? team.members : [nicUplink!], active, behind);
  if (secured) return secured;
  if (team && !active && team.monitoring && team.members.some((m) => m.port.carrier)) {
    return noPath(
      `${team.label} has taken every member out of service: its link monitoring cannot reach the probe target, although ${team.members.filter((m) => m.port.carrier).map((m) => m.name).join(' and ')} have link${because}`,
      team.label,
      ['Probe an address every member can reach (a client or the gateway of the VM network)', 'Repair the path to the probe target'],
    );
  }
  if (!active || !active.port.carrier) {
    const what = team ? `no member of ${team.label} has a working link` : `NIC ${nicUplink!.label}, the only uplink of ${vswitch.label}, has no link`;
    return noPath(`${what}${because}`, team ? team.label : nicUplink!.label, [
      'Restore the failed NIC, cable, port or switch',
      ...(team ? [] : [`Team ${nicUplink!.label} with a second NIC on another switch`]),
    ]);
  }
  const listening = stpDiagnosis(vm, active, client, net.switches.values(), net.ctx.now);
  if (listening) return listening;
  const wrongVlan = vlanDiagnosis(net, vm, team, active, client);
  if (wrongVlan) return wrongVlan;
  if (!net.connected(active.port, client.port)) {
    const peer = active.port.peer();
    const upstream = peer ? peer.label.split('/')[0] : 'the switch';
    const alternative = team?.members.find((m) => m !== active && m.port.carrier && net.connected(m.port, client.port));
    if (team && alternative && !team.monitoring) {
      return {
        code: 'blackholed-upstream',
        text:
          `${team.label} sends through ${active.name}, whose link is up, but ${upstream} beyond it has no path to ${client.name}${because}; ` +
          `without link monitoring the team does not notice and keeps ${active.name} active, so the frames are lost upstream (${alternative.name} still has a path)`,
        device: upstream,
        knownIssue: null,
        remedies: [
          `Turn on ${team.profile.monitoring.kind === 'none' ? 'a driver with path monitoring' : `${team.profile.monitoring.kind === 'livelink' ? 'LiveLink' : 'probes'}`} for ${team.label} so it fails over when the path upstream breaks`,
          'Repair the failed link upstream',
          'Add a redundant inter-switch link',
        ],
      };
    }
    return noPath(`no working path between ${client.name} and ${active.label}${because}`, upstream, ['Repair the failed link or switch on the path']);
  }

  const unresolved = drops.find((d) => d.reason === 'arp-unresolved');
  if (unresolved) {
    // A cable that passes frames one way only lets the request in and loses the answer, with carrier up.
    const oneWay = net.wires.filter((w) => w.lostFrom !== null && !w.failed);
    const why = oneWay.map((w) => `; the cable ${w.label} passes frames one way only (${oneWayWords(w)}), and with carrier up on both ends nothing without path monitoring takes it out of service`).join('');
    return {
      code: 'arp-unresolved',
      text: `${client.name} asked who has ${ip} and no answer came back, so its pings never left${why}`,
      device: client.name,
      knownIssue: null,
      remedies: [
        ...(oneWay.length ? ['Replace the one-way cable or transceiver', 'Turn on path monitoring for the team (LiveLink, probes) or UDLD on the switch port, so a one-way link leaves service'] : []),
        `Check that ${vm.name} answers ARP for ${ip}`,
        `Add a static ARP entry for ${ip} on ${client.name} as a stopgap`,
      ],
    };
  }

  const staleSwitch = staleSwitchMacDiagnosis(net, vm, team, drops);
  if (staleSwitch) return staleSwitch;

  const last = drops[drops.length - 1];
  const clientEntry = client.stack.cache.get(vm.ip);
  if (last && last.reason === 'vswitch-no-port' && clientEntry && clientEntry.mac !== vm.mac) {
    return {
      code: 'stale-client-arp',
      text: `${client.name} still sends ${ip}'s frames to ${macToText(clientEntry.mac)}, an address VM ${vm.name} no longer has; the virtual switch ${last.device} has no port with that MAC and drops them`,
      device: last.device,
      knownIssue: null,
      remedies: [
        `Clear ${ip} from ${client.name}'s ARP cache (arp -d ${ip})`,
        `Let ${client.name} accept gratuitous ARP, or shorten its ARP timeout`,
        `Give ${vm.name} a static MAC address, so its MAC never changes`,
      ],
    };
  }
  const where = last ? last.device : `between ${client.name} and VM ${vm.name}`;
  return noPath(`frames for ${ip} are lost at ${where}${last ? ` (${last.reason.replace(/-/g, ' ')})` : ''}${because}`, last?.device ?? vswitch.label, [
    'Inspect the capture at that point',
  ]);
}

function staleEntry(team: Team, vm: Vm): boolean {
  if (!team.profile.arpProxy) return false;
  const entry = team.vmTable.get(vm.ip);
  return entry !== undefined && entry.mac !== vm.mac;
}

function findTeam(net: Network, label: string): Team | undefined {
  for (const h of net.hosts.values()) for (const t of h.teams.values()) if (t.label === label) return t;
  return undefined;
}

function noPath(text: string, device: string, remedies: string[]): Diagnosis {
  return { code: 'no-path', text, device, knownIssue: null, remedies };
}
