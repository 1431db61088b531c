// Builds a lab from what the Hyper-V cmdlets wrote (HOST/CMDLET.json, one folder per host) and what
// the switches show (switches/SWITCH.txt). Pure: the files come in as bytes, a lab comes out.
import type { Cable, ClientSpec, Host, ImportDefault, Lab, LabInput, Nic, Team, VirtualSwitchSpec, VmSpec } from '../../../shared/lab.js';
import { endpointKey, endpointLabel } from '../../../shared/lab.js';
import { hostId, teamId, vmId, clientId } from '../../../shared/checks.js';
import { hyperVPoolFirst, ipToNumber, ipToText, isIpv4, macToNumber } from '../../../shared/addresses.js';
import { readLab } from '../lab.js';
import { importDefaultChecks } from '../lint/import-checks.js';
import { ElementIndex } from '../lint/elements.js';
import { CmdletItem, ImportError, readCmdletJson } from './powershell-json.js';
import { portNumber, readSwitchText, type SwitchObservations } from './cisco-ios.js';
import * as R from './hyperv-records.js';

export interface EstateFile {
  /** Relative to the estate folder, with forward slashes: "HostA/Get-VM.json", "switches/switch1.txt". */
  path: string;
  bytes: Uint8Array;
}

export interface Estate {
  hosts: { folder: string; files: EstateFile[] }[];
  switches: EstateFile[];
}

export const REQUIRED_CMDLETS = ['Get-VMHost', 'Get-NetAdapter', 'Get-VMSwitch', 'Get-VM', 'Get-VMNetworkAdapter'] as const;
export const OPTIONAL_CMDLETS = ['Get-NetLbfoTeam', 'Get-NetLbfoTeamMember', 'Get-VMSwitchTeam', 'Get-VMNetworkAdapterVlan'] as const;
type Cmdlet = (typeof REQUIRED_CMDLETS)[number] | (typeof OPTIONAL_CMDLETS)[number];
const CMDLETS: readonly Cmdlet[] = [...REQUIRED_CMDLETS, ...OPTIONAL_CMDLETS];

export interface ImportSummary {
  hosts: number;
  nics: number;
  teams: number;
  virtualSwitches: number;
  vms: number;
  switches: number;
  cablesPlaced: number;
  /** Each default the import took, in the words of its design-check warning. */
  defaults: string[];
  /** What the import left out and why (internal switches, port-channel entries, a NIC seen on two ports). */
  notes: string[];
}

export interface HyperVImport {
  lab: Lab;
  summary: ImportSummary;
}

/** A third-party team seen only as its adapter: its members are settled once the switches have placed the NICs. */
interface PendingTeam {
  host: Host;
  adapter: { name: string; description: string; mac: string };
  record: R.ThirdPartyTeamAdapter;
}

interface HostRead {
  host: Host;
  vms: VmSpec[];
  pending: PendingTeam[];
  usedNics: Set<string>;
}

export function importHyperV(estate: Estate): HyperVImport {
  if (estate.hosts.length === 0) throw new ImportError('the folder holds no host folders (HOST/Get-VMHost.json …); run scripts/collect-hyperv.ps1 on each host and copy its folder here');
  const defaults: ImportDefault[] = [];
  const notes: string[] = [];
  const reads = estate.hosts.map((h) => readHost(h.folder, h.files, defaults, notes));
  const hostNames = new Map<string, string>();
  for (const r of reads) {
    const key = r.host.name.toLowerCase();
    if (hostNames.has(key)) throw new ImportError(`${r.host.name}: two folders (${hostNames.get(key)}, ${r.host.name}) hold the same host`);
    hostNames.set(key, r.host.name);
  }
  const vms = new Map<string, VmSpec>();
  for (const vm of reads.flatMap((r) => r.vms)) {
    if (vms.has(vm.name)) throw new ImportError(`VM ${vm.name} is on both ${vms.get(vm.name)!.host} and ${vm.host}; a VM is imported from the host it runs on`);
    vms.set(vm.name, vm);
  }
  fillVmIps([...vms.values()], defaults);

  const switches = estate.switches.map((f) => ({ name: switchName(f.path), file: f.path, seen: readSwitchText(decodeSwitch(f), f.path) }));
  switches.forEach((s) => notes.push(...s.seen.skipped));
  const hosts = reads.map((r) => r.host);
  const cables = new Cabling(notes);
  placeSwitchLinks(switches, cables, notes);
  const placed = placeNics(hosts, switches, cables.switchPorts(), notes);
  for (const r of reads) for (const p of r.pending) settleThirdPartyTeam(p, r.usedNics, placed, defaults);
  for (const [key, port] of placed) {
    const [host, nic] = key.split('\u0000');
    cables.add({ host, nic }, { switch: port.switch, port: port.port });
  }
  const client = defaultClient([...vms.values()], hosts, switches, cables, defaults);

  const portsOf = (name: string) => Math.max(0, ...cables.list.flatMap((c) => [c.a, c.b]).flatMap((e) => ('port' in e && e.switch === name ? [e.port] : [])));
  const input: LabInput = {
    meta: {
      title: `Imported from Hyper-V: ${hosts.map((h) => h.name).join(', ')}`,
      description: `Built by import-hyperv from ${hosts.length} host${hosts.length === 1 ? '' : 's'}' cmdlet output${switches.length ? ` and ${switches.length} switch${switches.length === 1 ? '' : 'es'}' tables` : ''}.`,
      author: '',
    },
    settings: defaults.length ? { importDefaults: defaults } : {},
    hosts,
    switches: switches.map((s) => ({ name: s.name, ports: Math.min(1024, Math.max(24, Math.ceil(portsOf(s.name) / 24) * 24)) })),
    clients: client ? [client] : [],
    vms: [...vms.values()],
    cables: cables.list,
  };
  const parsed = readLab(input);
  if (!parsed.ok) throw new ImportError(`the imported lab does not check out: ${parsed.problems.slice(0, 3).map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  const lab = parsed.lab;
  return {
    lab,
    summary: {
      hosts: lab.hosts.length,
      nics: lab.hosts.reduce((n, h) => n + h.nics.length, 0),
      teams: lab.hosts.reduce((n, h) => n + h.teams.length + h.virtualSwitches.filter((v) => v.teaming).length, 0),
      virtualSwitches: lab.hosts.reduce((n, h) => n + h.virtualSwitches.length, 0),
      vms: lab.vms.length,
      switches: lab.switches.length,
      cablesPlaced: lab.cables.length,
      defaults: importDefaultChecks(lab, new ElementIndex(lab)).map((c) => c.message),
      notes,
    },
  };
}

function readHost(folder: string, files: EstateFile[], defaults: ImportDefault[], notes: string[]): HostRead {
  const byCmdlet = new Map<Cmdlet, CmdletItem[]>();
  for (const f of files) {
    const base = f.path.slice(f.path.lastIndexOf('/') + 1);
    const cmdlet = CMDLETS.find((c) => `${c}.json`.toLowerCase() === base.toLowerCase());
    if (!cmdlet) throw new ImportError(`${f.path}: is not a file the import reads (it reads ${CMDLETS.map((c) => `${c}.json`).join(', ')})`);
    byCmdlet.set(cmdlet, readCmdletJson(f.bytes, f.path));
  }
  const items = (c: Cmdlet) => {
    const got = byCmdlet.get(c);
    if (got) return got;
    if ((REQUIRED_CMDLETS as readonly string[]).includes(c)) throw new ImportError(`${folder}/${c}.json: is missing; run scripts/collect-hyperv.ps1 on ${folder} again`);
    return [];
  };

  const vmHosts = items('Get-VMHost');
  if (vmHosts.length !== 1) throw new ImportError(`${folder}/Get-VMHost.json: holds ${vmHosts.length} hosts; a host folder holds one`);
  const vmHost = vmHosts[0];
  const name = vmHost.optionalText('Name')?.trim() || vmHost.optionalText('ComputerName')?.trim() || folder;
  const poolFirst = vmHost.mac('MacAddressMinimum');
  const poolLast = vmHost.mac('MacAddressMaximum');
  const size = macToNumber(poolLast) - macToNumber(poolFirst) + 1;
  if (size < 1 || size > 65536) vmHost.fail('MacAddressMaximum', `${poolLast} does not follow MacAddressMinimum ${poolFirst} within 65536 addresses`);
  // The management IP is not in these cmdlets; Hyper-V built the pool from its last two octets.
  const managementIp = `10.0.${parseInt(poolFirst.slice(9, 11), 16)}.${parseInt(poolFirst.slice(12, 14), 16)}`;
  defaults.push({ element: hostId(name), what: 'management-ip', value: managementIp, why: 'the cmdlets do not show it; it is read back from the dynamic MAC pool Hyper-V made from it' });
  const standardPool = size === 256 && hyperVPoolFirst(managementIp) === poolFirst;

  const nics: Nic[] = [];
  const lbfoAdapters = new Map<string, string>();
  const thirdParty: PendingTeam['adapter'][] = [];
  const byDescription = new Map<string, { kind: 'nic' | 'lbfo' | 'third-party'; name: string }>();
  for (const a of items('Get-NetAdapter')) {
    const adapterName = a.text('Name');
    const description = a.optionalText('InterfaceDescription')?.trim() ?? '';
    if (R.NOT_A_NIC.test(description)) continue;
    if (R.LBFO_TEAM_ADAPTER.test(description)) {
      lbfoAdapters.set(adapterName.toLowerCase(), description);
      byDescription.set(description.toLowerCase(), { kind: 'lbfo', name: adapterName });
      continue;
    }
    if (R.THIRD_PARTY_TEAMS.some((t) => t.pattern.test(description))) {
      thirdParty.push({ name: adapterName, description, mac: a.mac('MacAddress') });
      byDescription.set(description.toLowerCase(), { kind: 'third-party', name: adapterName });
      continue;
    }
    if (a.flag('Virtual')) continue;
    nics.push({ name: adapterName, ...vendorOf(description), mac: a.mac('MacAddress'), offload: { toe: false, checksum: true, rss: true } });
    byDescription.set(description.toLowerCase(), { kind: 'nic', name: adapterName });
  }
  const nicNames = new Set(nics.map((n) => n.name));
  const usedNics = new Set<string>();

  const teams: Team[] = [];
  const members = items('Get-NetLbfoTeamMember');
  for (const t of items('Get-NetLbfoTeam')) {
    const teamName = t.text('Name');
    const teaming = t.enumName('TeamingMode', R.LBFO_TEAMING_MODE, 'LBFO teaming mode');
    const algorithm = t.enumName('LoadBalancingAlgorithm', R.LBFO_LOAD_BALANCING, 'LBFO load-balancing algorithm');
    const rows = members.filter((m) => m.text('Team').toLowerCase() === teamName.toLowerCase());
    const memberNames = rows.length ? rows.map((m) => m.text('Name')) : t.texts('Members');
    if (memberNames.length === 0) t.fail('Members', `of team ${teamName} are missing (and ${folder}/Get-NetLbfoTeamMember.json names none)`);
    for (const m of memberNames) if (!nicNames.has(m)) t.fail('Members', `names ${m}, which is no physical adapter in ${folder}/Get-NetAdapter.json`);
    const standby = rows.filter((m) => m.enumName('AdministrativeMode', R.LBFO_MEMBER_MODE, 'LBFO member mode') === 'Standby').map((m) => m.text('Name'));
    const active = memberNames.filter((m) => !standby.includes(m));
    const profile = R.LBFO_PROFILE[algorithm];
    teams.push({
      name: teamName,
      members: [...active, ...standby],
      ...(standby.length > 0 && { primary: active[0] }),
      mode: standby.length > 0 && teaming === 'SwitchIndependent' ? 'active-passive' : R.LBFO_TEAM_MODE[teaming],
      driverProfile: profile.driverProfile,
      createdBeforeHyperV: true,
    });
    if (profile.standIn) defaults.push({ element: teamId(name, teamName), what: 'driver-profile', value: profile.driverProfile, why: profile.standIn });
    memberNames.forEach((m) => usedNics.add(m));
    for (const tnic of [teamName, ...t.texts('TeamNics')]) {
      const description = lbfoAdapters.get(tnic.toLowerCase());
      if (description) byDescription.set(description.toLowerCase(), { kind: 'lbfo', name: teamName });
    }
  }

  const virtualSwitches: VirtualSwitchSpec[] = [];
  const setTeams = items('Get-VMSwitchTeam');
  const pending: PendingTeam[] = [];
  const nicByDescription = (item: CmdletItem, field: string, description: string) => {
    const found = byDescription.get(description.toLowerCase());
    if (!found || found.kind !== 'nic') item.fail(field, `${JSON.stringify(description)} names no physical adapter in ${folder}/Get-NetAdapter.json`);
    return found.name;
  };
  for (const s of items('Get-VMSwitch')) {
    const switchName = s.text('Name');
    const type = s.enumName('SwitchType', R.VM_SWITCH_TYPE, 'virtual switch type');
    if (type !== 'External') {
      notes.push(`${name}/${switchName}: ${type === 'Internal' ? 'an internal' : 'a private'} virtual switch has no uplink; left out, with the VM adapters on it`);
      continue;
    }
    const shareWithManagementOs = s.flag('AllowManagementOS');
    if (s.flag('EmbeddedTeamingEnabled')) {
      const team =
        setTeams.find((t) => t.text('Name').toLowerCase() === switchName.toLowerCase()) ??
        s.fail('EmbeddedTeamingEnabled', `is true but ${folder}/Get-VMSwitchTeam.json has no team for ${switchName}`);
      if (team.has('TeamingMode') && team.enumName('TeamingMode', R.VM_SWITCH_TEAMING_MODE, 'switch teaming mode') !== 'SwitchIndependent')
        team.fail('TeamingMode', 'is not SwitchIndependent; Switch Embedded Teaming is switch independent only');
      const algorithm = team.enumName('LoadBalancingAlgorithm', R.VM_SWITCH_LOAD_BALANCING, 'switch load-balancing algorithm');
      const descriptions = team.texts('NetAdapterInterfaceDescription');
      if (descriptions.length === 0) team.fail('NetAdapterInterfaceDescription', `of ${switchName} names no member adapter`);
      const uplinks = descriptions.map((d) => nicByDescription(team, 'NetAdapterInterfaceDescription', d));
      uplinks.forEach((n) => usedNics.add(n));
      virtualSwitches.push({ name: switchName, type: 'external', uplink: { nics: uplinks }, teaming: { driverProfile: R.SET_PROFILE[algorithm], notifySwitches: true, failback: true }, shareWithManagementOs });
      continue;
    }
    const description = s.text('NetAdapterInterfaceDescription');
    const bound =
      byDescription.get(description.toLowerCase()) ?? s.fail('NetAdapterInterfaceDescription', `${JSON.stringify(description)} names no adapter in ${folder}/Get-NetAdapter.json`);
    if (bound.kind === 'lbfo' && !teams.some((t) => t.name === bound.name))
      s.fail('NetAdapterInterfaceDescription', `${JSON.stringify(description)} is an LBFO team adapter, but ${folder}/Get-NetLbfoTeam.json has no team ${bound.name}`);
    if (bound.kind === 'nic') usedNics.add(bound.name);
    virtualSwitches.push({ name: switchName, type: 'external', uplink: bound.kind === 'nic' ? { nic: bound.name } : { team: bound.name }, shareWithManagementOs });
  }

  const host: Host = {
    name,
    model: 'Hyper-V host',
    os: 'Windows Server Hyper-V',
    hypervisor: 'hyper-v',
    managementIp,
    ...(!standardPool && { macPool: { first: poolFirst, size } }),
    nics,
    teams,
    virtualSwitches,
  };
  for (const adapter of thirdParty) {
    if (!virtualSwitches.some((v) => v.uplink && 'team' in v.uplink && v.uplink.team === adapter.name)) {
      notes.push(`${name}/${adapter.name}: a ${adapter.description} no external virtual switch uses; left out`);
      continue;
    }
    pending.push({ host, adapter, record: R.THIRD_PARTY_TEAMS.find((t) => t.pattern.test(adapter.description))! });
  }
  return { host, vms: readVms(folder, name, items, virtualSwitches, notes), pending, usedNics };
}

function readVms(folder: string, host: string, items: (c: Cmdlet) => CmdletItem[], switches: VirtualSwitchSpec[], notes: string[]): VmSpec[] {
  const adapters = items('Get-VMNetworkAdapter').filter((a) => !a.flag('IsManagementOs'));
  const vlans = items('Get-VMNetworkAdapterVlan');
  const vms: VmSpec[] = [];
  for (const v of items('Get-VM')) {
    const vmName = v.text('Name');
    const running = R.RUNNING_STATES.has(v.enumName('State', R.VM_STATE, 'VM state'));
    const mine = adapters.filter((a) => a.text('VMName') === vmName);
    const connected = mine.filter((a) => switches.some((s) => s.name === a.optionalText('SwitchName')?.trim()));
    if (connected.length === 0) {
      notes.push(`${host}/${vmName}: no network adapter on an external virtual switch; left out`);
      continue;
    }
    const a = connected[0];
    connected.slice(1).forEach((other) => notes.push(`${host}/${vmName}: adapter ${other.optionalText('Name') ?? '(unnamed)'} left out; a lab VM has one adapter`));
    const dynamic = a.flag('DynamicMacAddressEnabled');
    const mac = a.mac('MacAddress');
    const never = mac === '00-00-00-00-00-00';
    if (!dynamic && never) a.fail('MacAddress', `of ${vmName} is 00-00-00-00-00-00, but a static MAC was set`);
    const ip = a.texts('IPAddresses').find(isIpv4);
    const vlan = vlanOf(vlans, vmName, a.optionalText('Name'), `${host}/${vmName}`, notes);
    vms.push({
      name: vmName,
      ip: ip ?? '',
      host,
      virtualSwitch: a.text('SwitchName'),
      macMode: dynamic ? 'dynamic' : 'static',
      ...(dynamic ? !never && { dynamicMac: mac } : { staticMac: mac }),
      initialState: running ? 'running' : 'off',
      os: 'windows',
      ...(vlan !== undefined && { vlan }),
    });
  }
  void folder;
  return vms;
}

function vlanOf(vlans: CmdletItem[], vm: string, adapter: string | undefined, label: string, notes: string[]): number | undefined {
  const row = vlans.find((v) => {
    const parent = v.child('ParentAdapter');
    const owner = v.optionalText('VMName') ?? parent?.optionalText('VMName');
    const name = v.optionalText('AdapterName') ?? parent?.optionalText('Name');
    return owner === vm && (adapter === undefined || name === undefined || name === adapter);
  });
  if (!row) return undefined;
  const mode = row.enumName('OperationMode', R.VLAN_MODE, 'VLAN mode');
  if (mode === 'Untagged') return undefined;
  if (mode !== 'Access') {
    notes.push(`${label}: a ${mode.toLowerCase()} VLAN port is not modelled; imported untagged`);
    return undefined;
  }
  const id = row.integer('AccessVlanId');
  if (id === undefined || id < 1 || id > 4094) row.fail('AccessVlanId', `${JSON.stringify(id)} is not a VLAN ID 1 to 4094`);
  return id;
}

/** VMs that are off show no IP: each gets an address from 192.0.2.0/24 (documentation range) as a default. */
function fillVmIps(vms: VmSpec[], defaults: ImportDefault[]) {
  let next = ipToNumber('192.0.2.1');
  const used = new Set(vms.map((v) => v.ip));
  for (const vm of vms) {
    if (vm.ip) continue;
    while (used.has(ipToText(next))) next++;
    vm.ip = ipToText(next++);
    defaults.push({ element: vmId(vm.name), what: 'vm-ip', value: vm.ip, why: 'Hyper-V shows a VM’s IP only while it runs with integration services' });
  }
}

function vendorOf(description: string): { vendor: string; chipset: string } {
  const record = R.ADAPTER_VENDORS.find((v) => v.pattern.test(description));
  if (!record) {
    const [first = 'Unknown', ...rest] = description.split(/\s+/);
    return { vendor: first.replace(/\(R\)|®/g, '').slice(0, 100) || 'Unknown', chipset: rest.join(' ').slice(0, 100) };
  }
  const chip = record.chipset?.exec(description)?.[1];
  const rest = description.replace(/\(R\)|\(TM\)|®|™/gi, '').replace(new RegExp(`^\\s*${record.vendor}\\s*`, 'i'), '').trim();
  return { vendor: record.vendor, chipset: (chip ?? rest).slice(0, 100) };
}

function switchName(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base.replace(/\.txt$/i, '');
}

function decodeSwitch(f: EstateFile): string {
  return new TextDecoder('utf-8').decode(f.bytes.subarray(f.bytes[0] === 0xef && f.bytes[1] === 0xbb && f.bytes[2] === 0xbf ? 3 : 0));
}

interface SwitchRead {
  name: string;
  file: string;
  seen: SwitchObservations;
}

/** The cables the import lays, one per endpoint; a second claim on an endpoint is a note, not a cable. */
class Cabling {
  readonly list: Cable[] = [];
  private readonly taken = new Set<string>();
  constructor(private readonly notes: string[]) {}

  add(a: Cable['a'], b: Cable['b']) {
    const ka = endpointKey(a);
    const kb = endpointKey(b);
    if (this.taken.has(ka) || this.taken.has(kb)) {
      if (!(this.taken.has(ka) && this.taken.has(kb))) this.notes.push(`${endpointLabel(a)} – ${endpointLabel(b)}: not cabled, one end already has a cable`);
      return;
    }
    this.taken.add(ka).add(kb);
    this.list.push({ a, b });
  }

  has(e: Cable['a']) {
    return this.taken.has(endpointKey(e));
  }

  switchPorts(): Set<string> {
    return new Set([...this.taken].filter((k) => k.startsWith('port:')));
  }
}

/** Neighbours that are other switches in the folder become inter-switch cables. */
function placeSwitchLinks(switches: SwitchRead[], cables: Cabling, notes: string[]) {
  const byName = new Map(switches.map((s) => [s.name.toLowerCase(), s.name]));
  for (const s of switches) {
    for (const n of s.seen.neighbours) {
      const other = byName.get(n.systemName.toLowerCase());
      if (!other) continue;
      const far = n.portId ? portNumber(n.portId) : null;
      if (far === null) {
        notes.push(`${s.file}: ${n.interfaceName} faces ${other}, but its port "${n.portId ?? ''}" is no interface name; cable it by hand`);
        continue;
      }
      cables.add({ switch: s.name, port: n.port }, { switch: other, port: far });
    }
  }
}

/**
 * Each NIC's switch port: an LLDP/CDP neighbour naming the host and the NIC (port description or
 * MAC) first, else the MAC table, leaving out ports that face another switch or carry NICs of
 * several hosts (uplinks). A NIC seen on two ports, or two NICs on one port, is left uncabled.
 */
function placeNics(hosts: Host[], switches: SwitchRead[], switchLinks: Set<string>, notes: string[]): Map<string, { switch: string; port: number }> {
  const nicByMac = new Map<string, { host: string; nic: string }>();
  for (const h of hosts) for (const n of h.nics) nicByMac.set(n.mac, { host: h.name, nic: n.name });
  const hostByName = new Map(hosts.map((h) => [h.name.toLowerCase(), h]));
  const switchNames = new Set(switches.map((s) => s.name.toLowerCase()));
  const key = (host: string, nic: string) => `${host}\u0000${nic}`;
  const neighbourSeen = new Map<string, Set<string>>();
  const tableSeen = new Map<string, Set<string>>();
  const seen = (map: Map<string, Set<string>>, k: string, port: string) => map.set(k, (map.get(k) ?? new Set()).add(port));
  for (const s of switches) {
    const facingSwitch = new Set(s.seen.neighbours.filter((n) => switchNames.has(n.systemName.toLowerCase())).map((n) => n.port));
    for (const n of s.seen.neighbours) {
      const host = hostByName.get(n.systemName.toLowerCase());
      if (!host) continue;
      const nic = host.nics.find((x) => x.name === n.portDescription) ?? host.nics.find((x) => [n.portId, n.chassisMac].some((m) => m && macMatches(m, x.mac)));
      if (nic) seen(neighbourSeen, key(host.name, nic.name), `${s.name}\u0000${n.port}`);
      else notes.push(`${s.file}: ${n.interfaceName} faces ${host.name}, but names none of its NICs (port "${n.portDescription ?? n.portId ?? ''}")`);
    }
    const hostsOnPort = new Map<number, Set<string>>();
    for (const e of s.seen.macTable) {
      const nic = nicByMac.get(e.mac);
      if (nic) hostsOnPort.set(e.port, (hostsOnPort.get(e.port) ?? new Set()).add(nic.host));
    }
    for (const e of s.seen.macTable) {
      const nic = nicByMac.get(e.mac);
      if (!nic || facingSwitch.has(e.port) || switchLinks.has(`port:${s.name}/${e.port}`) || (hostsOnPort.get(e.port)?.size ?? 0) > 1) continue;
      seen(tableSeen, key(nic.host, nic.nic), `${s.name}\u0000${e.port}`);
    }
  }
  const placed = new Map<string, { switch: string; port: number }>();
  const claims = new Map<string, string[]>();
  for (const k of new Set([...neighbourSeen.keys(), ...tableSeen.keys()])) {
    const ports = neighbourSeen.get(k) ?? tableSeen.get(k)!;
    const label = k.replace('\u0000', '/');
    if (ports.size > 1) {
      notes.push(`${label}: seen on ${[...ports].map((p) => p.replace('\u0000', '/port')).join(' and ')}; not cabled, cable it by hand`);
      continue;
    }
    const [sw, port] = [...ports][0].split('\u0000');
    placed.set(k, { switch: sw, port: Number(port) });
    claims.set(`${sw}/${port}`, [...(claims.get(`${sw}/${port}`) ?? []), label]);
  }
  for (const [port, nics] of claims) {
    if (nics.length < 2) continue;
    notes.push(`${nics.join(' and ')}: all seen on ${port.replace('/', '/port')}; not cabled, cable them by hand`);
    for (const n of nics) placed.delete(n.replace('/', '\u0000'));
  }
  return new Map([...placed].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function macMatches(text: string, mac: string): boolean {
  const hex = text.replace(/[^0-9a-f]/gi, '').toUpperCase();
  return hex.length === 12 && hex === mac.replace(/-/g, '');
}

/**
 * A third-party team's members: the NIC whose MAC the team adapter carries (the primary), then the
 * unused NICs of the team's vendor that the switches place. Its driver profile is the vendor's record.
 */
function settleThirdPartyTeam(p: PendingTeam, used: Set<string>, placed: Map<string, unknown>, defaults: ImportDefault[]) {
  const { host, adapter, record } = p;
  const primary = host.nics.find((n) => n.mac === adapter.mac);
  const others = host.nics.filter((n) => n !== primary && !used.has(n.name) && n.vendor === record.vendor && placed.has(`${host.name}\u0000${n.name}`));
  const members = [...(primary ? [primary] : []), ...others].map((n) => n.name);
  if (members.length === 0) throw new ImportError(`${host.name}/Get-NetAdapter.json: the team adapter ${adapter.name} (${adapter.description}) carries no NIC's MAC and no switch places a ${record.vendor} NIC; add the switch tables (switches/SWITCH.txt)`);
  members.forEach((m) => used.add(m));
  host.teams.push({ name: adapter.name, members, ...(primary && { primary: primary.name }), mode: record.mode, driverProfile: record.driverProfile, createdBeforeHyperV: true });
  const element = teamId(host.name, adapter.name);
  defaults.push({ element, what: 'driver-profile', value: record.driverProfile, why: `a ${record.vendor} team's settings live in ${record.tool}, which the Hyper-V cmdlets do not show` });
  defaults.push({
    element,
    what: 'team-members',
    value: members.join(', '),
    why: `${record.tool} keeps the member list; ${primary ? `${primary.name} carries the team's MAC` : 'no NIC carries the team’s MAC'}${others.length ? `, ${others.map((n) => n.name).join(', ')} ${others.length === 1 ? 'is the other unused' : 'are the other unused'} ${record.vendor} NIC${others.length === 1 ? '' : 's'} the switches place` : ''}`,
  });
}

/** The client that pings the VMs is not in any of these files: one is placed on the first switch's first free port. */
function defaultClient(vms: VmSpec[], hosts: Host[], switches: SwitchRead[], cables: Cabling, defaults: ImportDefault[]): ClientSpec | undefined {
  const subnetOf = vms.find((v) => v.ip && !v.ip.startsWith('192.0.2.'))?.ip ?? vms[0]?.ip;
  if (!subnetOf) return undefined;
  const used = new Set([...vms.map((v) => v.ip), ...hosts.map((h) => h.managementIp)]);
  const base = ipToNumber(subnetOf) & ~255;
  let last = 254;
  while (last > 1 && used.has(ipToText(base + last))) last--;
  const client: ClientSpec = { name: 'Client1', ip: ipToText(base + last), mac: '02-00-00-00-00-01', arpCache: 'windows' };
  const sw = [...switches].sort((a, b) => (a.name < b.name ? -1 : 1))[0];
  if (sw) {
    let port = 1;
    while (cables.has({ switch: sw.name, port })) port++;
    cables.add({ client: client.name }, { switch: sw.name, port });
  }
  defaults.push({
    element: clientId(client.name),
    what: 'client',
    value: client.ip,
    why: `the machine that talks to the VMs is in none of these files; ${client.name} stands in${sw ? ` on ${sw.name}` : ''}, in the VMs' subnet`,
  });
  return client;
}
