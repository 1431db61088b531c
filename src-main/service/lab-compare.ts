// "Compare with…": `lab-planner diff`'s changes from another lab to the open one, each with the
// canvas elements it is about so the window can highlight and select them. The words are diffLabs' own.
import type { LabChangeView } from '../../shared/api.js';
import { endpointLabel, type Lab } from '../../shared/lab.js';
import { cableId, clientId, hostId, nicId, portId, switchId, teamId, virtualSwitchId, vmId } from '../../shared/checks.js';
import { diffLabs, type LabChange } from '../store/diff.js';

/** What changed from `other` to `open`, in diffLabs' order and words. */
export function labChanges(other: Lab, open: Lab): LabChangeView[] {
  return diffLabs(other, open).map((c) => ({
    kind: c.kind,
    entity: c.entity,
    name: c.name,
    ...(c.field === undefined ? {} : { field: c.field }),
    text: c.text,
    elements: c.kind === 'removed' ? [] : elementsOf(c, open),
  }));
}

/** diffLabs names an element the way engineers do ("NIC3 on HostB", "switch1/port7"); these are its canvas ids. */
function elementsOf(change: LabChange, lab: Lab): string[] {
  const { entity, name } = change;
  const onHost = (make: (host: string, part: string) => string) => {
    const at = name.lastIndexOf(' on ');
    return at > 0 ? [make(name.slice(at + 4), name.slice(0, at))] : [];
  };
  switch (entity) {
    case 'host': return [hostId(name)];
    case 'vm': return [vmId(name)];
    case 'switch': return [switchId(name)];
    case 'client': return [clientId(name)];
    case 'nic': return onHost(nicId);
    case 'team': return onHost(teamId);
    case 'virtual-switch': return onHost(virtualSwitchId);
    case 'switch-port': {
      const m = /^(.*)\/port(\d+)$/.exec(name);
      return m ? [portId(m[1], Number(m[2]))] : [];
    }
    case 'cable': {
      const cable = lab.cables.find((c) => [endpointLabel(c.a), endpointLabel(c.b)].sort().join('–') === name);
      return cable ? [cableId(cable.a, cable.b)] : [];
    }
    default:
      return [];
  }
}
