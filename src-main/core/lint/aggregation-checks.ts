// Design checks about aggregation: both sides of every link must agree on it. A team that aggregates
// (static or LACP) needs its switch ports in one matching port-channel; a port-channel needs an
// aggregating team (or switch) on its far side; one aggregation spans switches only inside a stack or MLAG.
import type { Lab, PhysicalSwitchSpec } from '../../../shared/lab.js';
import type { DesignCheck } from '../../../shared/checks.js';
import { ElementIndex } from './elements.js';
import type { LabTopology, PortAttachment } from './topology.js';

/** The port-channel a switch port is a member of (1-based), and its mode. */
export function channelOf(sw: PhysicalSwitchSpec | undefined, port: number): { number: number; mode: 'static' | 'lacp' } | null {
  const i = (sw?.portChannels ?? []).findIndex((pc) => pc.ports.includes(port));
  return i < 0 ? null : { number: i + 1, mode: sw!.portChannels![i].mode };
}

export const portsText = (ports: readonly PortAttachment[]) => ports.map((p) => `${p.switch}/port${p.port}`).join(' and ');

export function aggregationChecks(lab: Lab, topo: LabTopology, el: ElementIndex): DesignCheck[] {
  const checks: DesignCheck[] = [];
  const switches = new Map(lab.switches.map((s) => [s.name, s]));
  for (const host of lab.hosts) {
    for (const team of host.teams) {
      const aggregates = team.mode === 'static' || team.mode === 'lacp';
      const plugged = team.members.flatMap((nic) => {
        const port = topo.nicPort(host.name, nic);
        return port ? [{ nic, port, channel: channelOf(switches.get(port.switch), port.port) }] : [];
      });
      if (plugged.length === 0) continue;
      const teamEl = el.team(host.name, team.name);
      const portEls = plugged.map((p) => el.port(p.port.switch, p.port.port));
      const ports = portsText(plugged.map((p) => p.port));
      const where = new Set(plugged.map((p) => p.port.switch));
      if (aggregates && where.size > 1) {
        const stacks = new Set([...where].map((s) => switches.get(s)?.stack));
        if (stacks.size > 1 || stacks.has(undefined)) {
          checks.push({
            code: 'aggregation-across-switches',
            severity: 'error',
            message: `${host.name}/${team.name} aggregates (${team.mode}) over ${ports}, on ${[...where].join(' and ')}, which are not one stack or MLAG pair: no port-channel can span them, so the switches see the VM MACs on two independent ports.`,
            elements: [teamEl, ...[...where].map((s) => el.switch(s)), ...portEls],
            remedies: [
              `Plug every member of ${host.name}/${team.name} into one switch, or stack ${[...where].join(' and ')} (or pair them in MLAG / vPC) and give them the same stack name.`,
              `Set ${host.name}/${team.name} to switch independent, which needs nothing of the switches.`,
            ],
          });
          continue;
        }
      }
      if (aggregates) {
        const wanted = team.mode;
        const wrong = plugged.filter((p) => p.channel === null || p.channel.mode !== wanted);
        const channels = new Set(plugged.map((p) => p.channel?.number ?? 0));
        if (wrong.length > 0 || (channels.size > 1 && where.size === 1)) {
          const command = wanted === 'lacp' ? 'channel-group N mode active' : 'channel-group N mode on';
          checks.push({
            code: 'aggregation-without-port-channel',
            severity: 'error',
            message:
              wanted === 'lacp'
                ? `${host.name}/${team.name} runs LACP, but ${portsText(wrong.map((p) => p.port)) || ports} ${wrong.length === 1 ? 'is' : 'are'} not in one LACP port-channel: no LACPDU comes back and those members carry nothing.`
                : `${host.name}/${team.name} aggregates statically, but ${portsText(wrong.map((p) => p.port)) || ports} ${wrong.length === 1 ? 'is' : 'are'} not in one static port-channel: the switch relearns the VM MACs on alternating ports (MAC flapping) and frames come back in by the other member.`,
            elements: [teamEl, ...portEls],
            remedies: [`Put ${ports} in one ${wanted === 'lacp' ? 'LACP' : 'static'} port-channel (${command}).`, `Or set ${host.name}/${team.name} to switch independent.`],
          });
        }
        continue;
      }
      const channelled = plugged.filter((p) => p.channel !== null);
      if (channelled.length > 0) {
        const lacp = channelled.some((p) => p.channel!.mode === 'lacp');
        checks.push({
          code: 'port-channel-without-aggregation',
          severity: 'error',
          message: lacp
            ? `${portsText(channelled.map((p) => p.port))} ${channelled.length === 1 ? 'is' : 'are'} in an LACP port-channel, but ${host.name}/${team.name} is ${team.mode} and sends no LACPDU: the switch suspends the ports.`
            : `${portsText(channelled.map((p) => p.port))} ${channelled.length === 1 ? 'is' : 'are'} in a static port-channel, but ${host.name}/${team.name} is ${team.mode}: the switch hashes flows to every member and what lands on a member the team does not receive on is lost.`,
          elements: [teamEl, ...channelled.map((p) => el.port(p.port.switch, p.port.port))],
          remedies: [
            `Remove ${portsText(channelled.map((p) => p.port))} from the port-channel (no channel-group).`,
            `Or set ${host.name}/${team.name} to ${lacp ? 'LACP' : 'static'} teaming to match the channel.`,
          ],
        });
      }
    }
  }
  return checks;
}
