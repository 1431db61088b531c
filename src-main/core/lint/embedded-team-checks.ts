// Design checks about virtual switches that team their own uplinks (Switch Embedded Teaming, an
// ESXi vSwitch): what the teaming policy needs of the switch side, and what its record refuses.
import type { Lab } from '../../../shared/lab.js';
import type { DesignCheck } from '../../../shared/checks.js';
import type { DriverProfile } from '../../../shared/driver.js';
import { ElementIndex, nameSome } from './elements.js';
import type { LabTopology } from './topology.js';
import { channelOf, portsText } from './aggregation-checks.js';

export function embeddedTeamChecks(lab: Lab, topo: LabTopology, profiles: Map<string, DriverProfile>, el: ElementIndex): DesignCheck[] {
  const checks: DesignCheck[] = [];
  const switches = new Map(lab.switches.map((s) => [s.name, s]));
  for (const host of lab.hosts) {
    for (const vswitch of host.virtualSwitches) {
      const uplink = vswitch.uplink;
      const teaming = vswitch.teaming;
      if (!uplink || !('nics' in uplink) || !teaming) continue;
      const profile = profiles.get(teaming.driverProfile);
      const label = `${host.name}/${vswitch.name}`;
      const vsEl = el.virtualSwitch(host.name, vswitch.name);
      if (teaming.notifySwitches === false) {
        checks.push({
          code: 'notify-switches-off',
          severity: 'warning',
          message: `${label} has Notify switches off: after a vMotion onto ${host.name} or a failover between its uplinks, no RARP tells the physical switches where the VMs now are, so they keep sending to the old port until each VM transmits or the entry ages out.`,
          elements: [vsEl],
          remedies: [`Turn on Notify switches on ${label} (teaming and failover); turn it off only for a port group of Microsoft NLB in unicast mode.`],
        });
      }
      if (!profile) continue;
      const plugged = uplink.nics.flatMap((nic) => {
        const port = topo.nicPort(host.name, nic);
        return port ? [{ nic, port, channel: channelOf(switches.get(port.switch), port.port) }] : [];
      });
      const portEls = plugged.map((p) => el.port(p.port.switch, p.port.port));
      const ports = portsText(plugged.map((p) => p.port));
      if (profile.aggregation === 'static' && plugged.length >= 2) {
        const where = new Set(plugged.map((p) => p.port.switch));
        const stacks = new Set([...where].map((s) => switches.get(s)?.stack));
        const oneChannel = where.size === 1 && plugged.every((p) => p.channel !== null && p.channel.mode === 'static' && p.channel.number === plugged[0].channel!.number);
        const stacked = where.size > 1 && stacks.size === 1 && !stacks.has(undefined) && plugged.every((p) => p.channel?.mode === 'static');
        if (!oneChannel && !stacked) {
          checks.push({
            code: 'ip-hash-without-etherchannel',
            severity: 'error',
            message:
              `${label} routes based on IP hash (${profile.name}), but ${ports} ${where.size > 1 && stacks.size !== 1 ? `are on ${[...where].join(' and ')}, which are not one stack, and ` : ''}are not one static EtherChannel: ` +
              'each flow of a VM leaves by its own uplink, so the switch relearns the VM MACs on alternating ports (MAC flapping) and sends every frame for a VM down one port, where the flows hashed to the other uplink are discarded.',
            elements: [vsEl, ...portEls],
            remedies: [
              `Put ${ports} in one static EtherChannel (channel-group N mode on, port-channel load-balance src-dst-ip); an ESXi standard vSwitch does not speak LACP.`,
              `Or set ${label} to route based on originating virtual port, which needs nothing of the switch.`,
            ],
          });
        }
      }
      if (profile.aggregation === undefined && plugged.some((p) => p.channel !== null)) {
        const channelled = plugged.filter((p) => p.channel !== null);
        checks.push({
          code: 'embedded-team-switch-dependent',
          severity: 'error',
          message:
            `${portsText(channelled.map((p) => p.port))} ${channelled.length === 1 ? 'is' : 'are'} in a ${channelled[0].channel!.mode === 'lacp' ? 'LACP' : 'static'} port-channel, ` +
            `but ${label} teams its uplinks switch independent (${profile.name}), which refuses static and LACP teaming: the switch hashes flows over ports the virtual switch treats as separate uplinks.`,
          elements: [vsEl, ...channelled.map((p) => el.port(p.port.switch, p.port.port))],
          remedies: [`Remove ${portsText(channelled.map((p) => p.port))} from the port-channel (no channel-group).`],
        });
      }
      if (profile.maxMembers !== undefined && uplink.nics.length > profile.maxMembers) {
        checks.push({
          code: 'embedded-team-too-many-members',
          severity: 'error',
          message: `${label} teams ${uplink.nics.length} uplinks, but ${profile.name} takes at most ${profile.maxMembers}.`,
          elements: [vsEl, ...uplink.nics.map((n) => el.nic(host.name, n))],
          remedies: [`Take ${uplink.nics.length - profile.maxMembers} uplink${uplink.nics.length - profile.maxMembers === 1 ? '' : 's'} out of ${label}, or give the VMs a second virtual switch.`],
        });
      }
      if (profile.requiresIdenticalMembers) {
        const nics = uplink.nics.flatMap((n) => host.nics.filter((x) => x.name === n));
        const kinds = new Set(nics.map((n) => `${n.vendor} ${n.chipset}`));
        if (kinds.size > 1) {
          checks.push({
            code: 'embedded-team-mixed-nics',
            severity: 'error',
            message: `${label} teams ${nameSome(nics.map((n) => `${host.name}/${n.name}`), 'NIC')}, which are not identical (${[...kinds].join(', ')}): ${profile.name} takes only NICs of one make and model.`,
            elements: [vsEl, ...nics.map((n) => el.nic(host.name, n.name))],
            remedies: [`Team only identical NICs in ${label}: same vendor, chipset and firmware.`],
          });
        }
      }
    }
  }
  return checks;
}
