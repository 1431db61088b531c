// Design checks about port security on hypervisor ports: a live-migrated VM keeps its MAC, which is
// still secure on its old host's port, so the target host's port sees a violation.
import type { Lab, PortSecurity } from '../../../shared/lab.js';
import type { DesignCheck } from '../../../shared/checks.js';
import { portSettingsOf } from '../devices/vlans.js';
import { portSecurityRemedies } from '../devices/port-security.js';
import { ElementIndex, nameSome } from './elements.js';
import { vmUplinkNics, type LabTopology } from './topology.js';

export function portSecurityChecks(lab: Lab, topo: LabTopology, el: ElementIndex): DesignCheck[] {
  const hostPorts = lab.hosts.flatMap((host) =>
    vmUplinkNics(host).flatMap((nic) => {
      const at = topo.nicPort(host.name, nic);
      return at ? [{ host: host.name, switch: at.switch, port: at.port }] : [];
    }),
  );
  // Nothing migrates unless VMs run and at least two hosts have VM uplinks.
  if (lab.vms.length === 0 || new Set(hostPorts.map((p) => p.host)).size < 2) return [];
  const checks: DesignCheck[] = [];
  for (const sw of lab.switches) {
    const settingsOf = portSettingsOf(sw);
    // Ports set alike are told in one sentence.
    const alike = new Map<string, { security: PortSecurity; secured: typeof hostPorts }>();
    for (const p of hostPorts.filter((h) => h.switch === sw.name).sort((a, b) => a.port - b.port)) {
      const security = settingsOf(p.port).security;
      if (!security) continue;
      const key = JSON.stringify(security);
      const group = alike.get(key) ?? alike.set(key, { security, secured: [] }).get(key)!;
      group.secured.push(p);
    }
    for (const { security, secured } of alike.values()) {
      const hosts = [...new Set(secured.map((p) => p.host))].sort();
      checks.push({
        code: 'port-security-on-host-ports',
        severity: security.violation === 'shutdown' ? 'error' : 'warning',
        message:
          `${nameSome(secured.map((p) => `${sw.name}/port${p.port}`), 'port')} to the VM uplinks of ${nameSome(hosts, 'host')} ` +
          `${secured.length === 1 ? 'has' : 'have'} ${securityWords(security)}: a VM live-migrated between these hosts keeps its MAC, which is still secure on its old host's port, ` +
          `so the target host's port ${security.violation === 'shutdown' ? 'is err-disabled and every VM behind that uplink loses the network' : "drops the migrated VM's frames"}.`,
        elements: [el.switch(sw.name), ...secured.map((p) => el.port(sw.name, p.port))],
        remedies: portSecurityRemedies(security.maxMacs),
      });
    }
  }
  return checks;
}

function securityWords(s: PortSecurity): string {
  return `${s.sticky ? 'sticky ' : ''}port security (at most ${s.maxMacs} MAC${s.maxMacs === 1 ? '' : 's'}, violation ${s.violation})`;
}
