// Where a VM's frames die for want of a VLAN: the active member's switch port does not carry the
// VM's VLAN (on every member, or only on the one the team failed over to), a trunk whose two ends
// disagree on the native VLAN, or a client port of another VLAN.
import type { Diagnosis } from '../../../shared/drill.js';
import type { Network } from '../network.js';
import type { Vm } from '../devices/vm.js';
import type { Client } from '../devices/client.js';
import type { Team } from '../devices/team.js';
import type { Nic } from '../devices/nic.js';
import { SwitchPort } from '../devices/physical-switch.js';
import { tagWords } from '../devices/vlans.js';

export function vlanDiagnosis(net: Network, vm: Vm, team: Team | null, active: Nic, client: Client): Diagnosis | null {
  const tag = vm.vlan ?? team?.spec.vlanInterface;
  const port = active.port.peer();
  if (!(port instanceof SwitchPort)) return null;
  const vlan = port.vlans.ingress(tag);
  if (vlan === null) {
    const carrying = (team?.members ?? [])
      .filter((m) => m !== active)
      .flatMap((m) => {
        const p = m.port.peer();
        return p instanceof SwitchPort && p.vlans.ingress(tag) !== null ? [{ nic: m, port: p }] : [];
      });
    const refuses = `${port.label} (${port.vlans.describe()}) does not carry ${tagWords(tag)}, so the switch drops every frame VM ${vm.name} sends and ${client.name}'s requests never reach it`;
    const allow = `Allow ${tagWords(tag)} on ${port.label} (switchport trunk allowed vlan add ${tag ?? port.vlans.settings.nativeVlan})`;
    if (team && carrying.length > 0) {
      const peer = carrying[0];
      return {
        code: 'vlan-differs-on-standby',
        text: `${team.label} sends through ${active.name}, whose switch port ${refuses}; ${peer.port.label} of ${peer.nic.name} carries it, so the loss began when the team failed over`,
        device: port.label,
        knownIssue: null,
        remedies: [allow, `Give ${port.label} the same VLANs as ${peer.port.label}`, team.autoFailback ? `Restore ${peer.nic.name}: the team fails back to it` : `Restore ${peer.nic.name} and make it active again (${team.label} does not fail back by itself)`],
      };
    }
    return {
      code: 'vlan-not-allowed',
      text: `${active.label} plugs into ${refuses}`,
      device: port.label,
      knownIssue: null,
      remedies: [allow, `Or set ${vm.name}'s VLAN ID to one ${port.label} carries`],
    };
  }
  for (const w of net.wires) {
    const { a, b } = w;
    if (!(a instanceof SwitchPort) || !(b instanceof SwitchPort) || !a.vlans.trunk || !b.vlans.trunk) continue;
    const na = a.vlans.settings.nativeVlan;
    const nb = b.vlans.settings.nativeVlan;
    if (na === nb || (vlan !== na && vlan !== nb)) continue;
    return {
      code: 'native-vlan-mismatch',
      text: `the trunk ${w.label} has native VLAN ${na} on ${a.label} and ${nb} on ${b.label}: VM ${vm.name}'s VLAN ${vlan} crosses it untagged and arrives in VLAN ${vlan === na ? nb : na} on the other side`,
      device: w.label,
      knownIssue: null,
      remedies: [`Set the same native VLAN on ${a.label} and ${b.label}`, `Or carry VLAN ${vlan} tagged: make another VLAN native on both ends`],
    };
  }
  const clientPort = client.port.peer();
  if (clientPort instanceof SwitchPort && clientPort.vlans.ingress(client.spec.vlan) === null) {
    return {
      code: 'vlan-not-allowed',
      text: `${client.name} sends ${tagWords(client.spec.vlan)} into ${clientPort.label} (${clientPort.vlans.describe()}), which does not carry it, so its pings never leave the switch`,
      device: clientPort.label,
      knownIssue: null,
      remedies: [`Set ${client.name}'s VLAN to the one ${clientPort.label} carries, or change the port`],
    };
  }
  return null;
}
