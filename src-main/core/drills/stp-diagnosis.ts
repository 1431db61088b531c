// Where a VM's frames die at spanning tree: a host or client port that came up under classic
// 802.1D without PortFast still listens and learns, forwarding nothing for 2 × forward delay.
import type { Diagnosis } from '../../../shared/drill.js';
import type { Nic } from '../devices/nic.js';
import type { Client } from '../devices/client.js';
import type { Vm } from '../devices/vm.js';
import { SwitchPort, type PhysicalSwitch } from '../devices/physical-switch.js';

export function stpDiagnosis(vm: Vm, active: Nic, client: Client, switches: Iterable<PhysicalSwitch>, nowUs: number): Diagnosis | null {
  for (const [port, whose] of [
    [active.port.peer(), active.label],
    [client.port.peer(), client.name],
  ] as const) {
    if (!(port instanceof SwitchPort) || port.forwardingFromUs <= nowUs) continue;
    const sw = port.owner as PhysicalSwitch;
    const wait = Math.round((port.forwardingFromUs - nowUs) / 100_000) / 10;
    return {
      code: 'stp-not-forwarding',
      text:
        `${port.label} (${whose}) came up without PortFast and spanning tree (802.1D) holds it in listening and learning for ` +
        `${sw.listenLearnUs / 1_000_000} s: it forwards nothing for another ${wait} s, so VM ${vm.name} is cut off`,
      device: port.label,
      knownIssue: null,
      remedies: [
        `Turn on PortFast (spanning-tree portfast trunk on a trunk to a host) on ${port.label}: host and client ports are edge ports`,
        `Run rapid spanning tree (spanning-tree mode rapid-pvst) on ${sw.name}`,
      ],
    };
  }
  return interSwitchListening(vm, switches, nowUs);
}

/** A blocked redundant link that took over when the forwarding one failed: under 802.1D it too listens and learns first. */
function interSwitchListening(vm: Vm, switches: Iterable<PhysicalSwitch>, nowUs: number): Diagnosis | null {
  for (const sw of switches)
    for (const port of sw.cabledPorts) {
      const peer = port.peer();
      if (!port.carrier || port.blocked || port.forwardingFromUs <= nowUs || !(peer instanceof SwitchPort)) continue;
      const wait = Math.round((port.forwardingFromUs - nowUs) / 100_000) / 10;
      return {
        code: 'stp-not-forwarding',
        text:
          `the inter-switch link ${port.label} – ${peer.label} took over from a failed one, and spanning tree (802.1D) holds it in listening and learning for ` +
          `${sw.listenLearnUs / 1_000_000} s: it forwards nothing for another ${wait} s, so VM ${vm.name} is cut off`,
        device: port.label,
        knownIssue: null,
        remedies: [
          `Run rapid spanning tree (spanning-tree mode rapid-pvst) on ${sw.name} and ${(peer.owner as PhysicalSwitch).name}: a redundant link takes over in about a second`,
          'Or bundle the inter-switch links into one port-channel, so losing one member changes no spanning tree',
        ],
      };
    }
  return null;
}
