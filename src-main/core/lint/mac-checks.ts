// Design checks about VM MACs: Hyper-V's dynamic pools and teams that learn a VM's MAC only once.
import type { Lab, Host } from '../../../shared/lab.js';
import type { DesignCheck } from '../../../shared/checks.js';
import type { DriverProfile } from '../../../shared/driver.js';
import { macToNumber, macToText } from '../../../shared/addresses.js';
import { HYPERVISORS, defaultPoolFirst } from '../drivers/hypervisors.js';
import { ElementIndex, nameSome } from './elements.js';

export interface MacPool {
  readonly host: Host;
  readonly first: number;
  readonly size: number;
  readonly overridden: boolean;
}

export function macPoolOf(host: Host): MacPool {
  if (host.macPool) return { host, first: macToNumber(host.macPool.first), size: host.macPool.size, overridden: true };
  return { host, first: defaultPoolFirst(host.hypervisor, host.managementIp), size: 256, overridden: false };
}

const inPool = (pool: MacPool, mac: number) => mac >= pool.first && mac < pool.first + pool.size;
const poolText = (pool: MacPool) => `${macToText(pool.first)} … ${macToText(pool.first + pool.size - 1)}`;

export function learnOnceTeamChecks(lab: Lab, profiles: Map<string, DriverProfile>, el: ElementIndex): DesignCheck[] {
  const checks: DesignCheck[] = [];
  const hostsWithSwitches = lab.hosts.filter((h) => h.virtualSwitches.length > 0);
  const pools = new Map(lab.hosts.map((h) => [h.name, macPoolOf(h)]));
  for (const host of lab.hosts) {
    for (const team of host.teams) {
      const profile = profiles.get(team.driverProfile);
      if (!profile || !profile.arpProxy || profile.vmTable !== 'learn-once') continue;
      const bound = host.virtualSwitches.find((s) => s.uplink && 'team' in s.uplink && s.uplink.team === team.name);
      if (!bound) continue;
      // A dynamic MAC changes when the VM starts on a host whose pool did not issue it: after a
      // migration or a cluster failover to this host, or back here after one elsewhere.
      const pool = pools.get(host.name)!;
      const atRisk = lab.vms.filter((vm) => {
        if (vm.macMode !== 'dynamic') return false;
        if (hostsWithSwitches.length > 1) return true;
        return vm.host === host.name && vm.dynamicMac !== undefined && !inPool(pool, macToNumber(vm.dynamicMac));
      });
      if (atRisk.length === 0) continue;
      const names = atRisk.map((v) => v.name);
      checks.push({
        code: 'learn-once-team-dynamic-macs',
        severity: 'error',
        message:
          `${host.name}/${team.name} (${profile.name}) learns each VM's MAC once and never replaces it until the team is re-initialised; ` +
          `${nameSome(names, 'VM')} ${names.length === 1 ? 'has a dynamic MAC that changes' : 'have dynamic MACs that change'} ` +
          `on a restart after a migration or failover to ${host.name}, and then ${names.length === 1 ? 'loses' : 'lose'} the network: ` +
          `the team keeps rewriting the frames to the old MAC and ${host.name}/${bound.name} drops them.`,
        elements: [el.team(host.name, team.name), el.virtualSwitch(host.name, bound.name), ...atRisk.map((v) => el.vm(v.name))],
        remedies: [
          'Give these VMs static MACs in Hyper-V (and keep VMs that already have static MACs static).',
          `Use a driver that keeps its VM table up to date (e.g. a corrected ${profile.vendor} release) or a transparent team such as Intel ANS AFT/SFT.`,
          `Bind ${host.name}/${bound.name} to a single adapter instead of the team.`,
          `After a VM's MAC changes, disable and re-enable ${host.name}/${team.name} to make it re-read the VM MACs.`,
        ],
      });
    }
  }
  return checks;
}

export function macPoolChecks(lab: Lab, el: ElementIndex): DesignCheck[] {
  const checks: DesignCheck[] = [];
  const pools = lab.hosts.map(macPoolOf).sort((a, b) => a.first - b.first);
  for (let i = 0; i < pools.length; i++) {
    const p = pools[i];
    for (let j = i + 1; j < pools.length && pools[j].first < p.first + p.size; j++) {
      const q = pools[j];
      const why =
        !p.overridden && !q.overridden
          ? `their management IPs (${p.host.managementIp}, ${q.host.managementIp}) end in the same two octets`
          : `their MAC pools overlap (${poolText(p)} and ${poolText(q)})`;
      checks.push({
        code: 'mac-pools-overlap',
        severity: 'error',
        message: `${p.host.name} and ${q.host.name} hand out dynamic MACs from overlapping ranges: ${why}, so two VMs can get the same MAC.`,
        elements: [el.host(p.host.name), el.host(q.host.name)],
        remedies: [
          `Set a distinct MAC address range on ${q.host.name} in Hyper-V's Virtual Network Manager.`,
          'Give hosts on one subnet management IPs whose last two octets differ.',
        ],
      });
    }
  }
  for (const vm of lab.vms) {
    if (vm.macMode !== 'static' || !vm.staticMac) continue;
    const mac = macToNumber(vm.staticMac);
    const owner = pools.find((p) => inPool(p, mac));
    if (!owner) continue;
    checks.push({
      code: 'static-mac-in-dynamic-pool',
      severity: 'warning',
      message: `${vm.name}'s static MAC ${vm.staticMac} lies in ${owner.host.name}'s dynamic pool (${poolText(owner)}); ${owner.host.name} may hand the same MAC to another VM.`,
      elements: [el.vm(vm.name), el.host(owner.host.name)],
      remedies: [`Pick a static MAC for ${vm.name} outside every host's dynamic pool.`],
    });
  }
  for (const host of lab.hosts) {
    const pool = macPoolOf(host);
    const dynamic = lab.vms.filter((v) => v.host === host.name && v.macMode === 'dynamic');
    if (dynamic.length <= pool.size) continue;
    checks.push({
      code: 'mac-pool-too-small',
      severity: 'error',
      message: `${host.name} holds ${dynamic.length} VMs with dynamic MACs but its pool has ${pool.size} addresses: once the pool is used up a VM cannot start (event 12565).`,
      elements: [el.host(host.name), ...dynamic.map((v) => el.vm(v.name))],
      remedies: [`Enlarge ${host.name}'s MAC address range.`, 'Give some VMs static MACs.', `Move VMs off ${host.name}.`],
    });
  }
  const hosts = new Map(lab.hosts.map((h) => [h.name, h]));
  for (const vm of lab.vms) {
    const host = hosts.get(vm.host);
    if (!host || vm.macMode !== 'dynamic' || !vm.dynamicMac || vm.initialState !== 'running') continue;
    // ESXi and KVM keep a VM's MAC on every host: only Hyper-V regenerates one from another pool.
    if (!HYPERVISORS[host.hypervisor].regeneratesForeignDynamicMac) continue;
    const mac = macToNumber(vm.dynamicMac);
    if (inPool(macPoolOf(host), mac)) continue;
    const issuer = pools.find((p) => inPool(p, mac));
    checks.push({
      code: 'dynamic-mac-from-other-pool',
      severity: 'info',
      message: `${vm.name} runs on ${host.name} with ${vm.dynamicMac}${issuer ? ` from ${issuer.host.name}'s pool` : ', outside this host’s pool'}; its next start on ${host.name} gives it a new MAC.`,
      elements: [el.vm(vm.name), el.host(host.name)],
      remedies: [`Give ${vm.name} a static MAC if anything on the path remembers its MAC.`],
    });
  }
  return checks;
}
