// Design checks about paths between clients and VMs: VMs with no path, and single switches or
// inter-switch links whose loss cuts VMs off from a client.
import type { Lab } from '../../../shared/lab.js';
import type { DesignCheck } from '../../../shared/checks.js';
import { ElementIndex, nameSome } from './elements.js';
import type { LabTopology, Failure, InterSwitchLink } from './topology.js';

export function pathChecks(lab: Lab, topo: LabTopology, el: ElementIndex): DesignCheck[] {
  const checks: DesignCheck[] = [];
  const clients = lab.clients.filter((c) => topo.clientPorts.has(c.name)).map((c) => c.name);
  const groups = topo.groups.filter((g) => g.uplinkKind !== 'none');

  for (const client of lab.clients) {
    if (topo.clientPorts.has(client.name) || lab.vms.length === 0) continue;
    checks.push({
      code: 'vm-has-no-path',
      severity: 'error',
      message: `${client.name} has no cable, so it reaches no VM.`,
      elements: [el.client(client.name)],
      remedies: [`Cable ${client.name} to a physical switch.`],
    });
  }
  for (const client of clients) {
    const cut = groups.filter((g) => !topo.groupReachesClient(g, client)).flatMap((g) => g.vms.map((v) => v.name));
    if (cut.length === 0) continue;
    checks.push({
      code: 'vm-has-no-path',
      severity: 'error',
      message: `${nameSome(cut, 'VM')} ${cut.length === 1 ? 'has' : 'have'} no path to ${client} even with everything working: no uplink NIC plugs into a switch ${client} can reach.`,
      elements: [el.client(client), ...cut.map((v) => el.vm(v))],
      remedies: ['Cable the uplink NICs, or link the switches they plug into with the client’s switch.'],
    });
  }

  const cutBy = (failure: Failure) =>
    clients.flatMap((client) => {
      const clientSwitch = topo.clientPorts.get(client)!.switch;
      if (failure.switches?.has(clientSwitch)) return [];
      const lost = groups
        .filter((g) => topo.groupReachesClient(g, client) && !topo.groupReachesClient(g, client, failure))
        .flatMap((g) => g.vms.map((v) => v.name));
      return lost.length ? [{ client, lost }] : [];
    });
  const describe = (cuts: { client: string; lost: string[] }[]) =>
    cuts.map((c) => `${c.client} loses ${nameSome(c.lost, 'VM')}`).join('; ');

  for (const sw of lab.switches.filter((s) => topo.usedSwitches.has(s.name))) {
    const cuts = cutBy({ switches: new Set([sw.name]) });
    const homed = clients.filter((c) => topo.clientPorts.get(c)!.switch === sw.name);
    if (homed.length > 0 && lab.vms.length > 0) {
      checks.push({
        code: 'client-single-homed',
        severity: 'info',
        message: `${nameSome(homed, 'client')} ${homed.length === 1 ? 'hangs' : 'hang'} off ${sw.name} alone: if ${sw.name} fails, ${homed.length === 1 ? 'it loses' : 'they lose'} every VM, whatever the teams do.`,
        elements: [el.switch(sw.name), ...homed.map((c) => el.client(c))],
        remedies: ['Expected for a single client; for a real service, put the gateway on redundant switches.'],
      });
    }
    if (cuts.length === 0) continue;
    checks.push({
      code: 'single-point-of-failure',
      severity: 'warning',
      message: `If ${sw.name} fails, ${describe(cuts)}: no team member of theirs plugs into another switch the client can reach.`,
      elements: [el.switch(sw.name), ...unique(cuts.flatMap((c) => c.lost)).map((v) => el.vm(v))],
      remedies: ['Plug a second team member into another switch.', `Give ${sw.name}'s neighbours another path to the clients.`],
    });
  }
  for (const link of topo.links) {
    const cuts = cutBy({ links: new Set([link.cable]) });
    if (cuts.length === 0) continue;
    checks.push({
      code: 'single-point-of-failure',
      severity: 'warning',
      message: `If the link between ${linkName(link)} fails, ${describe(cuts)}.`,
      elements: [el.cable(link.cable), el.switch(link.a), el.switch(link.b), ...unique(cuts.flatMap((c) => c.lost)).map((v) => el.vm(v))],
      remedies: [`Add a second link between ${linkName(link)}.`, 'Plug a team member into the clients’ switch.'],
    });
  }
  return checks;
}

const linkName = (link: InterSwitchLink) => `${link.a} and ${link.b}`;
const unique = (names: string[]) => [...new Set(names)];
