// Design checks about VLANs: a VM's VLAN that its uplink's switch ports do not carry (on every
// member, or only on the standby, where it bites after failover), and trunks whose ends disagree
// on the native VLAN.
import type { Lab } from '../../../shared/lab.js';
import type { CheckElement, DesignCheck } from '../../../shared/checks.js';
import { portVlansOf, tagWords, type PortVlans } from '../devices/vlans.js';
import { ElementIndex, nameSome } from './elements.js';
import { uplinkOf, type LabTopology } from './topology.js';

export function vlanChecks(lab: Lab, topo: LabTopology, el: ElementIndex): DesignCheck[] {
  const checks: DesignCheck[] = [];
  const vlansOf = new Map(lab.switches.map((s) => [s.name, portVlansOf(s)]));
  const portVlans = (sw: string, port: number): PortVlans | undefined => vlansOf.get(sw)?.(port);

  for (const uplink of uplinkSenders(lab, topo, el)) {
    if (uplink.senders.length === 0 || uplink.nics.length === 0) continue;
    const byTag = new Map<number | undefined, Sender[]>();
    for (const sender of uplink.senders) byTag.set(sender.tag, [...(byTag.get(sender.tag) ?? []), sender]);
    const plugged = uplink.nics.flatMap((nic) => {
      const at = topo.nicPort(uplink.host, nic);
      const vlans = at && portVlans(at.switch, at.port);
      return at && vlans ? [{ nic, at, vlans }] : [];
    });
    for (const [tag, senders] of byTag) {
      const refusing = plugged.filter((p) => p.vlans.ingress(tag) === null);
      if (refusing.length === 0) continue;
      const carrying = plugged.filter((p) => p.vlans.ingress(tag) !== null);
      const ports = refusing.map((p) => `${p.at.switch}/port${p.at.port} (${p.vlans.describe()})`);
      const vms = senders.map((x) => x.name);
      const elements = [
        ...senders.map((x) => x.element),
        ...refusing.flatMap((p) => [el.nic(uplink.host, p.nic), el.port(p.at.switch, p.at.port)]),
      ];
      const remedies = [
        ...refusing.map((p) => `Allow ${tagWords(tag)} on ${p.at.switch}/port${p.at.port} (switchport trunk allowed vlan add ${tag ?? ''}).`.replace(' )', ')')),
        `Or set ${nameSome(vms, 'VM')} to a VLAN those ports carry.`,
      ];
      const vmWords = nameSome(vms, 'VM');
      const send = vms.length === 1 ? 'sends' : 'send';
      if (carrying.length > 0) {
        checks.push({
          code: 'vlan-differs-on-standby',
          severity: 'error',
          message:
            `${vmWords} on ${uplink.host}/${uplink.vswitch} ${send} ${tagWords(tag)}, which ${nameSome(carrying.map((p) => `${p.at.switch}/port${p.at.port}`), 'port')} ` +
            `carr${carrying.length === 1 ? 'ies' : 'y'} but ${ports.join(' and ')} do${refusing.length === 1 ? 'es' : ''} not: everything works until the team fails over to ` +
            `${nameSome(refusing.map((p) => `${uplink.host}/${p.nic}`), 'NIC')}, then ${vms.length === 1 ? 'it loses' : 'they lose'} the network.`,
          elements,
          remedies,
        });
      } else {
        checks.push({
          code: 'vlan-not-allowed',
          severity: 'error',
          message: `${vmWords} on ${uplink.host}/${uplink.vswitch} ${send} ${tagWords(tag)}, which ${ports.join(' and ')} do${refusing.length === 1 ? 'es' : ''} not carry: the switch drops every frame ${vms.length === 1 ? 'it sends' : 'they send'}.`,
          elements,
          remedies,
        });
      }
    }
  }

  for (const client of lab.clients) {
    const at = topo.clientPorts.get(client.name);
    const vlans = at && portVlans(at.switch, at.port);
    if (!at || !vlans || vlans.ingress(client.vlan) !== null) continue;
    checks.push({
      code: 'vlan-not-allowed',
      severity: 'error',
      message: `${client.name} sends ${tagWords(client.vlan)}, which ${at.switch}/port${at.port} (${vlans.describe()}) does not carry: the switch drops every frame it sends.`,
      elements: [el.client(client.name), el.port(at.switch, at.port)],
      remedies: [`Set ${client.name}'s VLAN to the one ${at.switch}/port${at.port} carries, or change the port.`],
    });
  }

  for (const link of topo.links) {
    const { a, b } = link.cable;
    if (!('port' in a) || !('port' in b)) continue;
    const va = portVlans(a.switch, a.port);
    const vb = portVlans(b.switch, b.port);
    if (!va?.trunk || !vb?.trunk || va.settings.nativeVlan === vb.settings.nativeVlan) continue;
    checks.push({
      code: 'native-vlan-mismatch',
      severity: 'error',
      message:
        `${a.switch}/port${a.port} and ${b.switch}/port${b.port} are the two ends of a trunk with different native VLANs ` +
        `(${va.settings.nativeVlan} and ${vb.settings.nativeVlan}): untagged frames of VLAN ${va.settings.nativeVlan} on one side land in VLAN ${vb.settings.nativeVlan} on the other (%CDP-4-NATIVE_VLAN_MISMATCH).`,
      elements: [el.port(a.switch, a.port), el.port(b.switch, b.port)],
      remedies: [`Set the same native VLAN on both ends (switchport trunk native vlan ${va.settings.nativeVlan}).`],
    });
  }
  return checks;
}

/** Something that sends through a virtual switch's uplink with a VLAN tag: a VM, or the management OS' shared adapter. */
interface Sender {
  name: string;
  element: CheckElement;
  tag: number | undefined;
}

/**
 * Who sends what through each virtual switch's uplink: a VM its port's tag, else the team's VLAN
 * interface's; the management OS' shared adapter its own VLAN, else the team's VLAN interface's.
 */
function uplinkSenders(lab: Lab, topo: LabTopology, el: ElementIndex) {
  const out = new Map<string, { host: string; vswitch: string; nics: readonly string[]; senders: Sender[] }>();
  for (const group of topo.groups)
    out.set(`${group.host.name}/${group.vswitch}`, {
      host: group.host.name,
      vswitch: group.vswitch,
      nics: group.nics,
      senders: group.vms.map((vm) => ({ name: vm.name, element: el.vm(vm.name), tag: vm.vlan ?? group.team?.vlanInterface })),
    });
  for (const host of lab.hosts)
    for (const vswitch of host.virtualSwitches) {
      if (!vswitch.shareWithManagementOs || !vswitch.uplink) continue;
      const { team, nics } = uplinkOf(host, vswitch);
      const key = `${host.name}/${vswitch.name}`;
      const entry = out.get(key) ?? out.set(key, { host: host.name, vswitch: vswitch.name, nics, senders: [] }).get(key)!;
      entry.senders.push({ name: `the management OS of ${host.name}`, element: el.virtualSwitch(host.name, vswitch.name), tag: vswitch.managementOsVlan ?? team?.vlanInterface });
    }
  return out.values();
}
