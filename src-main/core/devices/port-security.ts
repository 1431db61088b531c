// Port security on a switch port: at most `maxMacs` secure source MACs, learnt dynamically or
// sticky; a MAC over the limit, or one already secure on another port of the switch, is a
// violation, handled as the port's violation mode says (err-disable, drop and log, drop).
import type { PortSecurity } from '../../../shared/lab.js';

export class PortSecurityState {
  /** Secure MACs of this port. */
  readonly secure = new Set<number>();
  violations = 0;

  constructor(readonly settings: PortSecurity) {}

  /** The link went down: dynamically learnt secure MACs go; sticky ones stay in the running config. */
  linkDown(forget: (mac: number) => void): void {
    if (this.settings.sticky) return;
    for (const mac of this.secure) forget(mac);
    this.secure.clear();
  }
}

/** A MAC as Cisco IOS writes it: 0015.5d01.0a03. */
export function ciscoMac(mac: number): string {
  const hex = mac.toString(16).padStart(12, '0');
  return `${hex.slice(0, 4)}.${hex.slice(4, 8)}.${hex.slice(8)}`;
}

/** What the field does about port security on hypervisor ports, whose VMs' MACs move with them. */
export function portSecurityRemedies(limit: number): string[] {
  return [
    `Raise the port-security maximum on the host ports above ${limit} to every VM that can run on (or migrate to) one host (switchport port-security maximum)`,
    'Turn off sticky port security on hypervisor ports: a live-migrated VM keeps its MAC, which stays secure on its old host\'s port',
    'Use violation restrict instead of shutdown, so a violation drops one MAC\'s frames instead of taking the whole uplink down',
  ];
}
