// The lab's own driver profiles: cloned from the catalogue, edited flag by flag, renamed and deleted
// with every team, NIC and virtual switch that names them kept in step.
import type { Lab } from '../../shared/lab.js';
import type { DriverProfile } from '../../shared/driver.js';
import { EditRefused, uniqueName } from './edits.js';

/** Who names a profile, the way engineers write it: "team HostB/VM-Team", "virtual switch ESXi1/vSwitch0", "NIC HostA/NIC1". */
export function profileUsers(lab: Lab, id: string): string[] {
  const users: string[] = [];
  for (const h of lab.hosts) {
    for (const t of h.teams) if (t.driverProfile === id) users.push(`team ${h.name}/${t.name}`);
    for (const s of h.virtualSwitches) if (s.teaming?.driverProfile === id) users.push(`virtual switch ${h.name}/${s.name}`);
    for (const n of h.nics) if (n.driverProfile === id) users.push(`NIC ${h.name}/${n.name}`);
  }
  return users;
}

/** A copy of `source` in the lab, under a new id that keeps the source's prefix (so it still fits the same hypervisor); answers its index. */
export function cloneProfile(lab: Lab, source: DriverProfile, takenIds: Iterable<string>): number {
  const taken = new Set([...takenIds, ...lab.driverProfiles.map((p) => p.id)]);
  const id = taken.has(`${source.id}-custom`) ? uniqueName(`${source.id}-custom-`, taken) : `${source.id}-custom`;
  lab.driverProfiles.push({ ...structuredClone(source), id, name: `${source.name} (lab copy)` });
  return lab.driverProfiles.length - 1;
}

export function deleteProfile(lab: Lab, index: number): void {
  const profile = lab.driverProfiles[index];
  const users = profileUsers(lab, profile.id);
  if (users.length > 0)
    throw new EditRefused(`${profile.id} is used by ${users.join(', ')}: give ${users.length === 1 ? 'it' : 'them'} another profile before deleting this one`);
  lab.driverProfiles.splice(index, 1);
}

/** A new id for a lab profile; every team, NIC and virtual switch that names it follows. */
export function renameProfile(lab: Lab, index: number, to: string, catalogueIds: readonly string[]): void {
  if (catalogueIds.includes(to)) throw new EditRefused(`${to} is the id of a catalogue profile: the lab's own profile needs an id of its own`);
  const from = lab.driverProfiles[index].id;
  lab.driverProfiles[index].id = to;
  for (const h of lab.hosts) {
    for (const t of h.teams) if (t.driverProfile === from) t.driverProfile = to;
    for (const s of h.virtualSwitches) if (s.teaming?.driverProfile === from) s.teaming.driverProfile = to;
    for (const n of h.nics) if (n.driverProfile === from) n.driverProfile = to;
  }
}

/** Flag combinations that do not describe a driver, in the domain's words (shown beside the profile, not refused). */
export function profileConcerns(p: DriverProfile): string[] {
  const out: string[] = [];
  if (p.arpProxy && p.vmTable === 'none') out.push('ARP proxy is on but the VM table is none: the team would answer for VM IPs with no table to forward their frames by.');
  if (!p.arpProxy && p.vmTable !== 'none') out.push(`The VM table is ${p.vmTable} but ARP proxy is off: the table is only read behind an ARP proxy.`);
  if (p.rewritesBridgedArp && p.receiveLoadBalancing === 'none') out.push('Rewriting bridged ARP needs receive load balancing (arp-rewrite): with none the flag does nothing.');
  if (p.pinsVmsToMembers && p.loadBalancing !== 'vm-port' && p.loadBalancing !== 'none') out.push(`Pinning VMs to members goes with per-VM-port load balancing, not ${p.loadBalancing}.`);
  if (!p.failback.auto && p.failback.delayMs > 0) out.push('Auto failback is off, so the failback delay is never used.');
  return out;
}
