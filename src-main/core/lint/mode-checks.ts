// Design checks about a team's mode and what its driver does with it: a mode the driver does not
// offer, and receive load balancing that rewrites the ARP of guests behind a virtual switch or bridge.
import { virtualSwitchWord, type Lab } from '../../../shared/lab.js';
import type { DesignCheck } from '../../../shared/checks.js';
import { spreadsTransmit, type DriverProfile } from '../../../shared/driver.js';
import { ElementIndex, nameSome } from './elements.js';

export function modeChecks(lab: Lab, profiles: Map<string, DriverProfile>, el: ElementIndex): DesignCheck[] {
  const checks: DesignCheck[] = [];
  for (const host of lab.hosts) {
    for (const team of host.teams) {
      const profile = profiles.get(team.driverProfile);
      if (!profile) continue;
      const teamEl = el.team(host.name, team.name);
      if (profile.teamModes && !profile.teamModes.includes(team.mode)) {
        checks.push({
          code: 'team-mode-not-supported',
          severity: 'error',
          message: `${host.name}/${team.name} is set to ${team.mode}, but ${profile.name} offers only ${profile.teamModes.join(', ')}.`,
          elements: [teamEl],
          remedies: [`Set ${host.name}/${team.name} to ${profile.teamModes[0]}, or use a profile that offers ${team.mode}.`],
        });
      }
      if (profile.receiveLoadBalancing !== 'arp-rewrite' || !profile.rewritesBridgedArp || !spreadsTransmit(team.mode, profile)) continue;
      const vswitches = host.virtualSwitches.filter((v) => v.uplink && 'team' in v.uplink && v.uplink.team === team.name);
      if (vswitches.length === 0) continue;
      const above = virtualSwitchWord(host.hypervisor);
      const guests = lab.vms.filter((v) => v.host === host.name && vswitches.some((s) => s.name === (v.virtualSwitch ?? host.virtualSwitches[0].name)));
      const whom = guests.length > 0 ? nameSome(guests.map((v) => v.name), 'VM') : 'its guests';
      checks.push({
        code: 'receive-balancing-under-virtual-switch',
        severity: 'error',
        message:
          `${host.name}/${team.name} uses ${profile.name}, whose receive load balancing rewrites the ARP replies of guests behind ${above} ` +
          `${vswitches.map((v) => `${host.name}/${v.name}`).join(' and ')} to a member's MAC: peers of ${whom} then send to that MAC, and the ${above} has no port for it.`,
        elements: [teamEl, ...vswitches.map((v) => el.virtualSwitch(host.name, v.name)), ...guests.map((v) => el.vm(v.name))],
        remedies: profile.knownIssue?.remedies?.length ? profile.knownIssue.remedies : [`Use a mode of ${host.name}/${team.name} without receive load balancing.`],
      });
    }
  }
  return checks;
}
