// Design checks about spanning tree timing: under classic 802.1D a host or client port without
// PortFast listens and learns for 2 × forward delay every time its link comes up.
import type { Lab } from '../../../shared/lab.js';
import type { DesignCheck } from '../../../shared/checks.js';
import { portSettingsOf } from '../devices/vlans.js';
import { ElementIndex, nameSome } from './elements.js';
import type { LabTopology } from './topology.js';

export function stpChecks(lab: Lab, topo: LabTopology, el: ElementIndex): DesignCheck[] {
  const checks: DesignCheck[] = [];
  const edgePorts = [...topo.nicPorts.values(), ...topo.clientPorts.values()];
  for (const sw of lab.switches) {
    if (sw.stp !== '802.1d') continue;
    const settingsOf = portSettingsOf(sw);
    const slow = edgePorts.filter((p) => p.switch === sw.name && !settingsOf(p.port).portfast).sort((a, b) => a.port - b.port);
    if (slow.length === 0) continue;
    const holdSec = 2 * (sw.forwardDelaySec ?? 15);
    checks.push({
      code: 'host-port-without-portfast',
      severity: 'warning',
      message:
        `${sw.name} runs classic spanning tree (802.1D) and ${nameSome(slow.map((p) => `${sw.name}/port${p.port}`), 'port')} to hosts or clients ` +
        `${slow.length === 1 ? 'has' : 'have'} no PortFast: every link restore and every team failback there costs ${holdSec} s of listening and learning before frames pass.`,
      elements: [el.switch(sw.name), ...slow.map((p) => el.port(sw.name, p.port))],
      remedies: [`Turn on PortFast on ${sw.name}'s host and client ports (spanning-tree portfast, or portfast trunk on trunks).`, `Or run rapid spanning tree on ${sw.name}.`],
    });
  }
  return checks;
}
