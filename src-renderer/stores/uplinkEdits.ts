// Edits of a virtual switch that teams its own uplinks (SET, an ESXi vSwitch): which NICs, in which
// failover order, active or standby. The order of `uplink.nics` is the order the inspector lists.
import type { Host, VirtualSwitchSpec } from '../../shared/lab.js';
import { EditRefused, freeNics } from './edits.js';

export type UplinkRole = 'active' | 'standby';
type OwnUplinkSwitch = VirtualSwitchSpec & { uplink: { nics: string[] } };

function ownUplinks(vs: VirtualSwitchSpec): OwnUplinkSwitch {
  if (!vs.uplink || !('nics' in vs.uplink)) throw new EditRefused(`virtual switch ${vs.name} does not team its own uplinks`);
  return vs as OwnUplinkSwitch;
}

export function roleOf(vs: VirtualSwitchSpec, nic: string): UplinkRole {
  const t = vs.teaming;
  if (t?.standbyUplinks?.includes(nic)) return 'standby';
  return t?.activeUplinks && !t.activeUplinks.includes(nic) ? 'standby' : 'active';
}

/** Writes the active and standby lists from the roles, in uplink order; every uplink active is the default (no lists). */
function writeOrder(vs: OwnUplinkSwitch, roles: Map<string, UplinkRole>): void {
  const active = vs.uplink.nics.filter((n) => roles.get(n) !== 'standby');
  const standby = vs.uplink.nics.filter((n) => roles.get(n) === 'standby');
  if (active.length === 0) throw new EditRefused(`virtual switch ${vs.name} needs at least one active uplink`);
  if (!vs.teaming) return;
  if (standby.length === 0) {
    delete vs.teaming.activeUplinks;
    delete vs.teaming.standbyUplinks;
  } else {
    vs.teaming.activeUplinks = active;
    vs.teaming.standbyUplinks = standby;
  }
}

const rolesOf = (vs: VirtualSwitchSpec) => new Map((vs.uplink && 'nics' in vs.uplink ? vs.uplink.nics : []).map((n) => [n, roleOf(vs, n)] as const));

/** The switch takes the host's free NICs as its own uplinks, teamed under `policy`. */
export function teamOwnUplinks(host: Host, vs: VirtualSwitchSpec, policy: string | undefined, hypervisorWords: string): void {
  const free = freeNics(host);
  if (free.length === 0) throw new EditRefused(`every NIC of ${host.name} is in a team or another switch's uplink: add a NIC first`);
  if (!policy) throw new EditRefused(`no ${hypervisorWords} teaming policy is in the catalogue or the lab's driver profiles`);
  vs.uplink = { nics: free };
  vs.teaming = { driverProfile: policy, notifySwitches: true, failback: true };
}

export function setUplinkNic(host: Host, vs: VirtualSwitchSpec, nic: string, on: boolean): void {
  const sw = ownUplinks(vs);
  const roles = rolesOf(sw);
  if (on) {
    if (!host.nics.some((n) => n.name === nic)) throw new EditRefused(`NIC ${nic} is not on host ${host.name}`);
    if (!sw.uplink.nics.includes(nic)) sw.uplink.nics = [...sw.uplink.nics, nic];
  }
  else {
    if (sw.uplink.nics.length === 1 && sw.uplink.nics[0] === nic) throw new EditRefused(`virtual switch ${vs.name} needs at least one uplink NIC`);
    sw.uplink.nics = sw.uplink.nics.filter((n) => n !== nic);
  }
  writeOrder(sw, roles);
}

export function setUplinkRole(vs: VirtualSwitchSpec, nic: string, role: UplinkRole): void {
  const sw = ownUplinks(vs);
  const roles = rolesOf(sw);
  roles.set(nic, role);
  writeOrder(sw, roles);
}

/** Moves an uplink one place earlier (-1) or later (+1) in the failover order. */
export function moveUplink(vs: VirtualSwitchSpec, nic: string, by: -1 | 1): void {
  const sw = ownUplinks(vs);
  const roles = rolesOf(sw);
  const nics = [...sw.uplink.nics];
  const from = nics.indexOf(nic);
  const to = from + by;
  if (from < 0 || to < 0 || to >= nics.length) return;
  [nics[from], nics[to]] = [nics[to], nics[from]];
  sw.uplink.nics = nics;
  writeOrder(sw, roles);
}
