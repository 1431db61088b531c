// Builds the elements a design check points at: kind, stable id, document path and the engineer's label.
import type { Lab, Cable } from '../../../shared/lab.js';
import { endpointLabel } from '../../../shared/lab.js';
import {
  type CheckElement,
  hostId, nicId, teamId, virtualSwitchId, vmId, switchId, portId, clientId, cableId,
} from '../../../shared/checks.js';

/** Looks up document indices once so every check can name its elements cheaply. */
export class ElementIndex {
  private readonly hostIndex = new Map<string, number>();
  private readonly vmIndex = new Map<string, number>();
  private readonly switchIndex = new Map<string, number>();
  private readonly clientIndex = new Map<string, number>();

  constructor(private readonly lab: Lab) {
    lab.hosts.forEach((h, i) => this.hostIndex.set(h.name, i));
    lab.vms.forEach((v, i) => this.vmIndex.set(v.name, i));
    lab.switches.forEach((s, i) => this.switchIndex.set(s.name, i));
    lab.clients.forEach((c, i) => this.clientIndex.set(c.name, i));
  }

  host(host: string): CheckElement {
    return { kind: 'host', id: hostId(host), path: this.at('hosts', this.hostIndex.get(host)), label: host };
  }

  nic(host: string, nic: string): CheckElement {
    const hi = this.hostIndex.get(host);
    const ni = hi === undefined ? -1 : this.lab.hosts[hi].nics.findIndex((n) => n.name === nic);
    return { kind: 'nic', id: nicId(host, nic), path: ni < 0 ? null : `hosts[${hi}].nics[${ni}]`, label: `${host}/${nic}` };
  }

  team(host: string, team: string): CheckElement {
    const hi = this.hostIndex.get(host);
    const ti = hi === undefined ? -1 : this.lab.hosts[hi].teams.findIndex((t) => t.name === team);
    return { kind: 'team', id: teamId(host, team), path: ti < 0 ? null : `hosts[${hi}].teams[${ti}]`, label: `${host}/${team}` };
  }

  virtualSwitch(host: string, vswitch: string): CheckElement {
    const hi = this.hostIndex.get(host);
    const si = hi === undefined ? -1 : this.lab.hosts[hi].virtualSwitches.findIndex((s) => s.name === vswitch);
    return {
      kind: 'virtual-switch',
      id: virtualSwitchId(host, vswitch),
      path: si < 0 ? null : `hosts[${hi}].virtualSwitches[${si}]`,
      label: `${host}/${vswitch}`,
    };
  }

  vm(vm: string): CheckElement {
    return { kind: 'vm', id: vmId(vm), path: this.at('vms', this.vmIndex.get(vm)), label: vm };
  }

  switch(sw: string): CheckElement {
    return { kind: 'switch', id: switchId(sw), path: this.at('switches', this.switchIndex.get(sw)), label: sw };
  }

  port(sw: string, port: number): CheckElement {
    return { kind: 'port', id: portId(sw, port), path: null, label: `${sw}/port${port}` };
  }

  client(client: string): CheckElement {
    return { kind: 'client', id: clientId(client), path: this.at('clients', this.clientIndex.get(client)), label: client };
  }

  cable(cable: Cable): CheckElement {
    const i = this.lab.cables.indexOf(cable);
    return {
      kind: 'cable',
      id: cableId(cable.a, cable.b),
      path: i < 0 ? null : `cables[${i}]`,
      label: `${endpointLabel(cable.a)} – ${endpointLabel(cable.b)}`,
    };
  }

  private at(list: string, index: number | undefined): string | null {
    return index === undefined ? null : `${list}[${index}]`;
  }
}

/** "Guest1, Guest2 and 10 other VMs": names a few and counts the rest, so a sentence stays a sentence. */
export function nameSome(names: readonly string[], noun: string, shown = 4): string {
  if (names.length === 0) return `no ${noun}s`;
  if (names.length === 1) return names[0];
  if (names.length <= shown) return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  const rest = names.length - shown;
  return `${names.slice(0, shown).join(', ')} and ${rest} other ${rest === 1 ? noun : `${noun}s`}`;
}
