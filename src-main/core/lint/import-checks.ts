// Design checks on what an import took as a default: each stays a warning while the element still holds it.
import type { ImportDefault, Lab } from '../../../shared/lab.js';
import type { CheckElement, DesignCheck } from '../../../shared/checks.js';
import type { ElementIndex } from './elements.js';

interface DefaultedField {
  /** The element's current value, or undefined when the element is gone. */
  current(lab: Lab, name: string[]): string | undefined;
  element(el: ElementIndex, name: string[]): CheckElement;
  words: string;
  remedy: string;
}

const teamOf = (lab: Lab, [host, team]: string[]) => lab.hosts.find((h) => h.name === host)?.teams.find((t) => t.name === team);

const FIELDS: Record<ImportDefault['what'], DefaultedField> = {
  'driver-profile': {
    current: (lab, name) => teamOf(lab, name)?.driverProfile,
    element: (el, [host, team]) => el.team(host, team),
    words: 'driver profile',
    remedy: 'Set the team’s driver profile to the driver the host really runs (its version decides how it treats VM MACs).',
  },
  'team-members': {
    current: (lab, name) => teamOf(lab, name)?.members.join(', '),
    element: (el, [host, team]) => el.team(host, team),
    words: 'members',
    remedy: 'Check the team’s members against the teaming tool on the host (BACS, PROSet) and correct them.',
  },
  'management-ip': {
    current: (lab, [host]) => lab.hosts.find((h) => h.name === host)?.managementIp,
    element: (el, [host]) => el.host(host),
    words: 'management IP',
    remedy: 'Enter the host’s real management IP.',
  },
  'vm-ip': {
    current: (lab, [vm]) => lab.vms.find((v) => v.name === vm)?.ip,
    element: (el, [vm]) => el.vm(vm),
    words: 'IP address',
    remedy: 'Enter the IP address the VM uses.',
  },
  client: {
    current: (lab, [client]) => lab.clients.find((c) => c.name === client)?.ip,
    element: (el, [client]) => el.client(client),
    words: 'client',
    remedy: 'Set the client’s IP, MAC and switch port to the machine that really talks to the VMs (or the router).',
  },
};

/** "team:HostA/VM-Team" → ["HostA", "VM-Team"]; "vm:Guest1" → ["Guest1"]. */
function elementName(element: string): string[] {
  const rest = element.slice(element.indexOf(':') + 1);
  return element.startsWith('team:') ? [rest.slice(0, rest.indexOf('/')), rest.slice(rest.indexOf('/') + 1)] : [rest];
}

export function importDefaultChecks(lab: Lab, el: ElementIndex): DesignCheck[] {
  return (lab.settings.importDefaults ?? []).flatMap((d): DesignCheck[] => {
    const field = FIELDS[d.what];
    const name = elementName(d.element);
    if (field.current(lab, name) !== d.value) return [];
    const element = field.element(el, name);
    return [
      {
        code: 'imported-default',
        severity: 'warning',
        message: `${element.label}: the import took ${field.words} ${d.value} as a default — ${d.why}.`,
        elements: [element],
        remedies: [field.remedy],
      },
    ];
  });
}
