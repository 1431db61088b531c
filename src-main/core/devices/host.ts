// A hypervisor host: its NICs, teams and virtual switches, and the dynamic MAC pool its hypervisor assigns from.
import type { Host as HostSpec } from '../../../shared/lab.js';
import { macToNumber, macToText } from '../../../shared/addresses.js';
import { HYPERVISORS, defaultPoolFirst, type HypervisorFacts } from '../drivers/hypervisors.js';
import type { Nic } from './nic.js';
import type { Team } from './team.js';
import type { VirtualSwitch } from './virtual-switch.js';

export class MacPool {
  private next = 0;

  constructor(
    readonly first: number,
    readonly size: number,
  ) {}

  contains(mac: number): boolean {
    return mac >= this.first && mac < this.first + this.size;
  }

  /** Hands out the next address no VM holds; null when the pool is exhausted (event 12565). */
  allocate(inUse: (mac: number) => boolean): number | null {
    for (let tried = 0; tried < this.size; tried++) {
      const mac = this.first + ((this.next + tried) % this.size);
      if (!inUse(mac)) {
        this.next = (this.next + tried + 1) % this.size;
        return mac;
      }
    }
    return null;
  }

  /** "00-15-5D-02-0B-00 … 00-15-5D-02-0B-FF". */
  get label(): string {
    return `${macToText(this.first)} … ${macToText(this.first + this.size - 1)}`;
  }
}

export class Host {
  up = true;
  readonly nics = new Map<string, Nic>();
  readonly teams = new Map<string, Team>();
  readonly vswitches = new Map<string, VirtualSwitch>();
  readonly pool: MacPool;
  /** What the host's hypervisor does with VM MACs and migrations. */
  readonly facts: HypervisorFacts;

  constructor(readonly spec: HostSpec) {
    const first = spec.macPool ? macToNumber(spec.macPool.first) : defaultPoolFirst(spec.hypervisor, spec.managementIp);
    this.pool = new MacPool(first, spec.macPool?.size ?? 256);
    this.facts = HYPERVISORS[spec.hypervisor];
  }

  get name(): string {
    return this.spec.name;
  }

  defaultVswitch(): VirtualSwitch | null {
    return this.vswitches.values().next().value ?? null;
  }
}
