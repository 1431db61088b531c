// Where a VM's frames die between a team and its switch ports when only one side aggregates: an
// LACP team towards ordinary ports, a team that does not aggregate towards a port-channel, or a
// static team whose ports are not one channel (the switch sees the VM's MAC flap between them).
import type { Diagnosis } from '../../../shared/drill.js';
import type { Team } from '../devices/team.js';
import type { Vm } from '../devices/vm.js';
import { SwitchPort } from '../devices/physical-switch.js';
import { ciscoMac } from '../devices/port-security.js';

export function aggregationDiagnosis(vm: Vm, team: Team): Diagnosis | null {
  const cabled = team.members.flatMap((nic) => {
    const port = nic.port.peer();
    return port instanceof SwitchPort && nic.port.carrier ? [{ nic, port }] : [];
  });
  if (cabled.length === 0) return null;
  const ports = cabled.map((c) => c.port.label).join(' and ');
  const mismatch = (text: string, device: string, remedies: string[]): Diagnosis => ({ code: 'aggregation-mismatch', text, device, knownIssue: null, remedies });
  const teamSideRemedy = `Or set ${team.label} to switch independent (Hyper-V Port or Dynamic), which needs nothing of the switch`;

  if (team.lacp) {
    const lonely = cabled.filter((c) => c.port.channel?.mode !== 'lacp');
    if (lonely.length === 0) return null;
    const lonelyPorts = lonely.map((c) => c.port.label).join(' and ');
    return mismatch(
      `${team.label} runs LACP (802.3ad), but ${lonelyPorts} ${lonely.length === 1 ? 'is' : 'are'} not in an LACP port-channel: no LACPDU comes back, ` +
        `so ${lonely.map((c) => c.nic.name).join(' and ')} never join${lonely.length === 1 ? 's' : ''} the aggregation and carr${lonely.length === 1 ? 'ies' : 'y'} nothing` +
        (lonely.length === cabled.length ? `; VM ${vm.name} is cut off` : ''),
      team.label,
      [`Put ${lonelyPorts} in one LACP port-channel (channel-group N mode active)`, teamSideRemedy],
    );
  }
  const channelled = cabled.filter((c) => c.port.channel !== null);
  const lacpChannel = channelled.find((c) => c.port.channel!.mode === 'lacp');
  if (lacpChannel) {
    return mismatch(
      `${lacpChannel.port.label} is in LACP Port-channel${lacpChannel.port.channel!.number}, but ${team.label} (${team.spec.mode}) sends no LACPDU: ` +
        `the switch suspends the port and forwards nothing through it`,
      lacpChannel.port.label,
      [`Set ${team.label} to LACP`, `Remove ${ports} from the port-channel (no channel-group) so they run as individual ports`],
    );
  }
  if (!team.aggregates && channelled.length > 0) {
    const channel = channelled[0].port.channel!;
    return mismatch(
      `${channelled.map((c) => c.port.label).join(' and ')} form static Port-channel${channel.number}, so the switch hashes each flow over them, ` +
        `but ${team.label} is ${team.spec.mode} and takes ${team.spreads ? 'broadcasts' : 'frames'} only on ${team.active?.name ?? 'its active member'}: ` +
        `what the switch hashes to the other member is discarded, so VM ${vm.name} is unreachable for the flows that land there`,
      team.label,
      [`Set ${team.label} to static teaming (switch dependent) to match the channel`, `Remove ${ports} from the port-channel (no channel-group)`],
    );
  }
  if (team.aggregates && cabled.length >= 2 && (cabled.some((c) => c.port.channel === null) || new Set(cabled.map((c) => c.port.channel)).size > 1)) {
    return mismatch(
      `${team.label} aggregates statically, but ${ports} are not one port-channel: the switch learns ${ciscoMac(vm.mac!)} (VM ${vm.name}) on whichever port its last frame came in by, ` +
        `flapping between them, and frames it floods out one member come back in by the other`,
      team.label,
      [`Put ${ports} in one static port-channel (channel-group N mode on)`, teamSideRemedy],
    );
  }
  return null;
}
