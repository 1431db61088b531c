// Fresh names, IPs and MACs for new and pasted elements: the next free one in the lab's own pattern.
import type { Lab, Host, Hypervisor } from '../../shared/lab.js';
import { macToNumber, macToText, ipToNumber, ipToText } from '../../shared/addresses.js';
import { EditRefused } from './refusal.js';

/** The OUI each hypervisor's dynamic pool and static MACs use (as the service's hypervisor records say). */
const OUI: Record<Hypervisor, number> = { 'hyper-v': 0x00155d, esxi: 0x005056, 'linux-kvm': 0x525400 };

export interface MacRange {
  first: number;
  size: number;
}

/** A host's dynamic MAC pool: its override, else OUI-dd-ee-00 … FF from the management IP's last two octets. */
export function dynamicPoolOf(host: Pick<Host, 'hypervisor' | 'managementIp' | 'macPool'>): MacRange {
  if (host.macPool) return { first: macToNumber(host.macPool.first), size: host.macPool.size };
  const p = host.managementIp.split('.').map(Number);
  return { first: OUI[host.hypervisor] * 2 ** 24 + p[2] * 2 ** 16 + p[3] * 2 ** 8, size: 256 };
}

const inRange = (r: MacRange, mac: number) => mac >= r.first && mac < r.first + r.size;
const overlaps = (a: MacRange, b: MacRange) => a.first < b.first + b.size && b.first < a.first + a.size;

export function usedMacs(lab: Lab): Set<number> {
  const macs = new Set<number>();
  lab.hosts.forEach((h) => h.nics.forEach((n) => macs.add(macToNumber(n.mac))));
  lab.clients.forEach((c) => macs.add(macToNumber(c.mac)));
  lab.vms.forEach((v) => {
    if (v.staticMac) macs.add(macToNumber(v.staticMac));
    if (v.dynamicMac) macs.add(macToNumber(v.dynamicMac));
  });
  return macs;
}

export function usedIps(lab: Lab): Set<string> {
  return new Set([...lab.vms.map((v) => v.ip), ...lab.clients.map((c) => c.ip), ...lab.hosts.map((h) => h.managementIp)]);
}

/**
 * A static MAC no host of the lab may hand out: outside every dynamic pool and unused. Starts at OUI-00-20-00,
 * where the field report's static MACs live, and takes the MAC it returns (so a burst of allocations stays unique).
 */
export function freeStaticMac(lab: Lab, hypervisor: Hypervisor, taken: Set<number> = usedMacs(lab)): string {
  const pools = lab.hosts.map(dynamicPoolOf);
  const oui = OUI[hypervisor] * 2 ** 24;
  for (let value = oui + 0x2000; value < oui + 2 ** 24; value++) {
    const pool = pools.find((p) => inRange(p, value));
    if (pool) {
      value = pool.first + pool.size - 1;
      continue;
    }
    if (!taken.has(value)) {
      taken.add(value);
      return macToText(value);
    }
  }
  throw new EditRefused('no static MAC is left outside the hosts\u2019 dynamic pools');
}

/** The next unused MAC from `first` on, outside every dynamic pool (NICs, clients); taken as it is returned. */
export function freeMacFrom(lab: Lab, first: string, taken: Set<number> = usedMacs(lab)): string {
  const pools = lab.hosts.map(dynamicPoolOf);
  for (let value = macToNumber(first); value < 2 ** 48; value++) {
    if (taken.has(value) || pools.some((p) => inRange(p, value))) continue;
    taken.add(value);
    return macToText(value);
  }
  throw new EditRefused(`no free MAC after ${first}`);
}

/**
 * The next free address after `ip` in its /24 (wrapping round, never .0 or .255), taken as it is returned;
 * `accept` may turn down a free address (a host IP whose MAC pool another host already has).
 */
export function freeIpInSubnet(ip: string, taken: Set<string>, accept: (ip: string) => boolean = () => true): string {
  const base = ipToNumber(ip) & ~0xff;
  const start = ipToNumber(ip) & 0xff;
  for (let step = 1; step <= 254; step++) {
    const last = ((start - 1 + step) % 254) + 1;
    const candidate = ipToText((base + last) >>> 0);
    if (!taken.has(candidate) && accept(candidate)) {
      taken.add(candidate);
      return candidate;
    }
  }
  throw new EditRefused(`no free IP address is left in ${ipToText(base >>> 0)}/24`);
}

/** A management IP for a copy of `host`: free, in its subnet, and giving a dynamic pool no other host has. */
export function freeManagementIp(lab: Lab, host: Host, taken: Set<string> = usedIps(lab), pools: MacRange[] = lab.hosts.map(dynamicPoolOf)): string {
  const ip = freeIpInSubnet(host.managementIp, taken, (candidate) => host.macPool !== undefined || !pools.some((p) => overlaps(p, dynamicPoolOf({ ...host, managementIp: candidate }))));
  pools.push(dynamicPoolOf({ ...host, managementIp: ip }));
  return ip;
}

/** A pool override of the same size as `pool` that overlaps no other host's pool. */
export function freePoolOverride(lab: Lab, pool: { first: string; size: number }, pools: MacRange[] = lab.hosts.map(dynamicPoolOf)): { first: string; size: number } {
  for (let first = macToNumber(pool.first) + pool.size; first < 2 ** 48; first += pool.size) {
    const range = { first, size: pool.size };
    if (!pools.some((p) => overlaps(p, range))) {
      pools.push(range);
      return { first: macToText(first), size: pool.size };
    }
  }
  throw new EditRefused('no free MAC pool is left');
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * The name of a copy, in the lab's pattern: Host1 → the next free HostN, HostA → HostB when the lab names its hosts
 * by letter (HostA, HostB) or the name is the first of a lettered series (a lone HostA), otherwise HostX → HostX-2,
 * HostX-3 …; taken as it is returned.
 */
export function nextFreeName(name: string, taken: Set<string>): string {
  const take = (n: string) => (taken.add(n), n);
  const numbered = /^(.*?)(\d+)$/.exec(name);
  if (numbered) {
    const [, prefix, digits] = numbered;
    for (let n = Number(digits) + 1; ; n++) {
      const candidate = `${prefix}${String(n).padStart(digits.length, '0')}`;
      if (!taken.has(candidate)) return take(candidate);
    }
  }
  const lettered = /^(.*[a-z0-9_-])([A-Z])$/.exec(name);
  if (lettered) {
    const prefix = lettered[1];
    const siblings = [...LETTERS].filter((l) => `${prefix}${l}` !== name && taken.has(`${prefix}${l}`));
    const free = [...LETTERS].find((l) => !taken.has(`${prefix}${l}`));
    if ((siblings.length > 0 || lettered[2] === 'A') && free) return take(`${prefix}${free}`);
  }
  for (let n = 2; ; n++) if (!taken.has(`${name}-${n}`)) return take(`${name}-${n}`);
}
