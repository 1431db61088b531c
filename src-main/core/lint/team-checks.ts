// Design checks about NIC teams and virtual switch uplinks: redundancy, monitoring and sharing.
import type { Lab } from '../../../shared/lab.js';
import type { DesignCheck } from '../../../shared/checks.js';
import { spreadsTransmit, type DriverProfile } from '../../../shared/driver.js';
import { ElementIndex, nameSome } from './elements.js';
import type { LabTopology } from './topology.js';

export function teamChecks(lab: Lab, topo: LabTopology, profiles: Map<string, DriverProfile>, el: ElementIndex): DesignCheck[] {
  const checks: DesignCheck[] = [];
  const clientSwitches = new Set([...topo.clientPorts.values()].map((p) => p.switch));
  for (const host of lab.hosts) {
    for (const team of host.teams) {
      const profile = profiles.get(team.driverProfile);
      const teamEl = el.team(host.name, team.name);
      const plugged = team.members.flatMap((nic) => {
        const port = topo.nicPort(host.name, nic);
        return port ? [{ nic, port }] : [];
      });
      const unplugged = team.members.filter((nic) => !topo.nicPort(host.name, nic));
      if (unplugged.length > 0) {
        checks.push({
          code: 'team-member-not-cabled',
          severity: 'warning',
          message: `${nameSome(unplugged.map((n) => `${host.name}/${n}`), 'NIC')} in ${host.name}/${team.name} ${unplugged.length === 1 ? 'has' : 'have'} no cable, so the team has less redundancy than it looks.`,
          elements: [teamEl, ...unplugged.map((n) => el.nic(host.name, n))],
          remedies: ['Cable every team member to a physical switch, or remove it from the team.'],
        });
      }
      if (profile && team.mode !== 'active-passive' && !spreadsTransmit(team.mode, profile)) {
        checks.push({
          code: 'team-mode-not-load-balanced',
          severity: 'info',
          message: `${host.name}/${team.name} is set to ${team.mode}, but ${profile.name} does not spread VMs over the members: the team runs active/standby, one member carrying every VM.`,
          elements: [teamEl],
          remedies: [
            'Set the team to active-passive to say what it does, or use a profile with load balancing (e.g. Windows LBFO Hyper-V Port or Dynamic).',
          ],
        });
      }
      const switches = new Set(plugged.map((p) => p.port.switch));
      if (plugged.length >= 2 && switches.size === 1) {
        const sw = [...switches][0];
        const separate = profile?.requiresSeparateSwitches === true;
        checks.push({
          code: 'team-members-same-switch',
          severity: separate ? 'error' : 'warning',
          message: separate
            ? `${host.name}/${team.name} uses ${profile!.name}, which requires its members on different switches, but all of them plug into ${sw}.`
            : `All members of ${host.name}/${team.name} plug into ${sw}: if ${sw} fails the team has nowhere to fail over to.`,
          elements: [teamEl, el.switch(sw), ...plugged.map((p) => el.nic(host.name, p.nic))],
          remedies: [`Move one member of ${host.name}/${team.name} to another physical switch.`],
        });
      }
      if (profile && plugged.length >= 2) {
        const monitored = profile.monitoring.kind !== 'none' && (team.monitoring ?? profile.monitoring.enabledByDefault);
        // A member on a switch other than the client's reaches the client through links that can
        // fail while the member's own link stays up: only monitoring notices that.
        const exposed = plugged.filter((p) => !clientSwitches.has(p.port.switch) || clientSwitches.size > 1);
        if (!monitored && exposed.length > 0 && topo.clientPorts.size > 0) {
          const nic = exposed[0];
          checks.push({
            code: 'team-without-monitoring',
            severity: 'warning',
            message:
              `${host.name}/${team.name} only watches its members' own links: if ${nic.port.switch} loses its way to the client while ` +
              `${host.name}/${nic.nic} is active, the link stays up and the team keeps sending VM traffic into a dead end.`,
            elements: [teamEl, ...exposed.map((p) => el.nic(host.name, p.nic)), ...exposed.map((p) => el.switch(p.port.switch))],
            remedies:
              profile.monitoring.kind === 'none'
                ? [`${profile.name} has no link monitoring: plug the members into the switch the clients use, or use a driver with probes.`]
                : [
                    `Turn on ${profile.monitoring.kind === 'livelink' ? 'LiveLink' : profile.monitoring.kind} for ${host.name}/${team.name} with the gateway or a client as probe target.`,
                    'Give the switches redundant inter-switch links.',
                  ],
          });
        }
      }
    }
    for (const vswitch of host.virtualSwitches) {
      const vsEl = el.virtualSwitch(host.name, vswitch.name);
      if (!vswitch.uplink) {
        const vms = lab.vms.filter((v) => v.host === host.name && (v.virtualSwitch ?? host.virtualSwitches[0].name) === vswitch.name);
        checks.push({
          code: 'virtual-switch-without-uplink',
          severity: vms.length > 0 ? 'error' : 'warning',
          message:
            vms.length > 0
              ? `${host.name}/${vswitch.name} has no uplink, so ${nameSome(vms.map((v) => v.name), 'VM')} on it cannot reach any client.`
              : `${host.name}/${vswitch.name} has no uplink: VMs moved onto it will not reach any client.`,
          elements: [vsEl, ...vms.map((v) => el.vm(v.name))],
          remedies: [`Bind ${host.name}/${vswitch.name} to a team or a NIC.`],
        });
      } else if ('team' in vswitch.uplink && vswitch.shareWithManagementOs) {
        checks.push({
          code: 'management-os-shares-vm-team',
          severity: 'warning',
          message:
            `${host.name}/${vswitch.name} shares ${host.name}/${vswitch.uplink.team} with the management OS: host management rides on the VM team, ` +
            'and disabling the team to recover VM traffic also cuts the host off.',
          elements: [vsEl, el.team(host.name, vswitch.uplink.team), el.host(host.name)],
          remedies: [`Turn off "Allow management operating system to share this network adapter" and give ${host.name}'s management its own NIC or team.`],
        });
      }
    }
  }
  return checks;
}
