// Where a VM's frames die at port security: a switch port err-disabled by a violation (taking the
// whole uplink with it), or one that drops the VM's MAC under restrict / protect.
import type { Diagnosis } from '../../../shared/drill.js';
import type { Vm } from '../devices/vm.js';
import type { Team } from '../devices/team.js';
import type { Nic } from '../devices/nic.js';
import { SwitchPort, type PhysicalSwitch } from '../devices/physical-switch.js';
import { ciscoMac, portSecurityRemedies } from '../devices/port-security.js';
import { nameSome } from '../lint/elements.js';

export function portSecurityDiagnosis(vm: Vm, team: Team | null, uplinks: readonly Nic[], active: Nic | null, vmsBehind: readonly Vm[]): Diagnosis | null {
  const ports = uplinks.flatMap((nic) => {
    const p = nic.port.peer();
    return p instanceof SwitchPort && p.security ? [{ nic, port: p, security: p.security }] : [];
  });
  if (ports.length === 0) return null;
  const disabled = ports.filter((p) => p.port.errDisabled?.startsWith('psecure-violation'));
  const remedies = (limit: number) => [
    ...portSecurityRemedies(limit),
    `Bring ${nameSome(disabled.map((p) => p.port.label), 'port')} back with shut / no shut, and set errdisable recovery cause psecure-violation`,
  ];
  const uplinkLost = disabled.length > 0 && (!active || !active.port.carrier);
  if (uplinkLost) {
    const lines = disabled.map((p) => `${p.port.label} (${p.nic.label}) is err-disabled: ${p.port.errDisabled}`);
    const behind = team ? `${team.label} has no member left` : `${uplinks[0].label} has no link`;
    const log = lastLogLine(disabled[0].port);
    return {
      code: 'port-security-violation',
      text:
        `port security err-disabled the host's switch port${disabled.length === 1 ? '' : 's'}: ${lines.join('; ')}; ${behind}, so every VM behind it ` +
        `(${nameSome(vmsBehind.map((v) => v.name), 'VM')}) loses the network${log ? ` — ${disabled[0].port.label.split('/')[0]} logged "${log}"` : ''}`,
      device: disabled[0].port.label,
      knownIssue: null,
      remedies: remedies(disabled[0].security.settings.maxMacs),
    };
  }
  const at = ports.find((p) => p.nic === active);
  if (!at || vm.mac === null || at.security.secure.has(vm.mac) || at.security.violations === 0) return null;
  return {
    code: 'port-security-violation',
    text:
      `${at.port.label} does not let ${ciscoMac(vm.mac)} (VM ${vm.name}) in: port security allows ${at.security.settings.maxMacs} MAC${at.security.settings.maxMacs === 1 ? '' : 's'}, ` +
      `${at.security.settings.sticky ? 'sticky, ' : ''}and drops the VM's frames (violation ${at.security.settings.violation})`,
    device: at.port.label,
    knownIssue: null,
    remedies: remedies(at.security.settings.maxMacs).slice(0, 2),
  };
}

function lastLogLine(port: SwitchPort): string | null {
  const log = (port.owner as PhysicalSwitch).log;
  for (let i = log.length - 1; i >= 0; i--) if (log[i].line.includes(port.label) && log[i].line.includes('ERR_DISABLE')) return log[i].line;
  return null;
}
