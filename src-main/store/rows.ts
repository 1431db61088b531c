// The lab document as table rows and back. Columns are snake_case; arrays keep their order in `ordinal`.
import type { Lab, LabInput, Endpoint } from '../../shared/lab.js';
import type { DrillStep } from '../../shared/drill.js';
import type { DriverProfile } from '../../shared/driver.js';

export type Row = Record<string, unknown>;
export type DocumentRows = Record<string, Row[]>;

/** Tables holding the document, parents before children (the order rows are inserted in). */
export const DOCUMENT_TABLES = [
  'settings', 'driver_profiles', 'hosts', 'nics', 'teams', 'team_members', 'virtual_switches', 'switches', 'clients',
  'vms', 'cables', 'drills', 'drill_vms', 'drill_expect_down', 'drill_steps', 'layout_positions', 'layout_viewport',
] as const;

const bit = (value: boolean | undefined): number | null => (value === undefined ? null : value ? 1 : 0);
const opt = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

export function documentRows(lab: Lab): DocumentRows {
  const rows: DocumentRows = Object.fromEntries(DOCUMENT_TABLES.map((t) => [t, [] as Row[]]));
  for (const [name, value] of Object.entries(lab.settings)) rows.settings.push({ name, value_json: JSON.stringify(value) });
  lab.driverProfiles.forEach((p, ordinal) => rows.driver_profiles.push(profileRow(p, ordinal)));
  lab.hosts.forEach((h, ordinal) => {
    rows.hosts.push({
      ordinal, name: h.name, model: h.model, os: h.os, hypervisor: h.hypervisor, management_ip: h.managementIp,
      mac_pool_first: h.macPool?.first ?? null, mac_pool_size: h.macPool?.size ?? null,
    });
    h.nics.forEach((n, i) =>
      rows.nics.push({
        host: h.name, ordinal: i, name: n.name, vendor: n.vendor, chipset: n.chipset, mac: n.mac,
        driver_profile: opt(n.driverProfile), toe: bit(n.offload.toe), checksum: bit(n.offload.checksum), rss: bit(n.offload.rss),
      }),
    );
    h.teams.forEach((t, i) => {
      rows.teams.push({
        host: h.name, ordinal: i, name: t.name, primary_nic: opt(t.primary), mode: t.mode, driver_profile: t.driverProfile,
        auto_failback: bit(t.autoFailback), monitoring: bit(t.monitoring), probe_target: opt(t.probeTarget),
        created_before_hyperv: bit(t.createdBeforeHyperV), vlan: opt(t.vlan), vlan_interface: opt(t.vlanInterface),
      });
      t.members.forEach((nic, m) => rows.team_members.push({ host: h.name, team: t.name, ordinal: m, nic }));
    });
    h.virtualSwitches.forEach((s, i) =>
      rows.virtual_switches.push({
        host: h.name, ordinal: i, name: s.name, type: s.type,
        uplink_team: s.uplink && 'team' in s.uplink ? s.uplink.team : null,
        uplink_nic: s.uplink && 'nic' in s.uplink ? s.uplink.nic : null,
        uplink_nics_json: s.uplink && 'nics' in s.uplink ? JSON.stringify(s.uplink.nics) : null,
        teaming_json: s.teaming ? JSON.stringify(s.teaming) : null,
        share_with_management_os: bit(s.shareWithManagementOs), management_os_vlan: opt(s.managementOsVlan),
      }),
    );
  });
  lab.switches.forEach((s, ordinal) =>
    rows.switches.push({
      ordinal, name: s.name, model: s.model, ports: s.ports, mac_ageing_sec: s.macAgeingSec, port_settings_json: JSON.stringify(s.portSettings),
      mac_flap_json: s.macFlap ? JSON.stringify(s.macFlap) : null, stp: opt(s.stp), forward_delay_sec: opt(s.forwardDelaySec),
      port_channels_json: s.portChannels ? JSON.stringify(s.portChannels) : null, stack: opt(s.stack),
    }),
  );
  lab.clients.forEach((c, ordinal) =>
    rows.clients.push({ ordinal, name: c.name, ip: c.ip, mac: c.mac, arp_cache: c.arpCache, vlan: opt(c.vlan) }),
  );
  lab.vms.forEach((v, ordinal) =>
    rows.vms.push({
      ordinal, name: v.name, ip: v.ip, host: v.host, virtual_switch: opt(v.virtualSwitch), mac_mode: v.macMode,
      static_mac: opt(v.staticMac), dynamic_mac: opt(v.dynamicMac), initial_state: v.initialState, os: v.os, vlan: opt(v.vlan),
    }),
  );
  lab.cables.forEach((c, ordinal) => rows.cables.push({ ordinal, ...endpointColumns('a_', c.a), ...endpointColumns('b_', c.b) }));
  lab.drills.forEach((d, ordinal) => {
    rows.drills.push({
      ordinal, name: d.name, description: d.description, client: opt(d.client), pings_all_vms: bit(d.vms === undefined),
      warmup_sec: d.warmupSec, step_gap_sec: d.stepGapSec, observe_sec: opt(d.observeSec),
      reachable_within_sec: d.expect.reachableWithinSec, max_downtime_sec: opt(d.expect.maxDowntimeSec),
    });
    d.vms?.forEach((vm, i) => rows.drill_vms.push({ drill: d.name, ordinal: i, vm }));
    d.expect.expectDown.forEach((vm, i) => rows.drill_expect_down.push({ drill: d.name, ordinal: i, vm }));
    d.steps.forEach((step, i) => rows.drill_steps.push({ drill: d.name, ordinal: i, ...stepColumns(step) }));
  });
  Object.entries(lab.layout.positions).forEach(([node, p], ordinal) => rows.layout_positions.push({ ordinal, node, x: p.x, y: p.y }));
  if (lab.layout.viewport) rows.layout_viewport.push({ id: 1, ...lab.layout.viewport });
  return rows;
}

function profileRow(p: DriverProfile, ordinal: number): Row {
  return {
    ordinal, id: p.id, name: p.name, vendor: p.vendor, teaming: p.teaming, arp_proxy: bit(p.arpProxy), vm_table: p.vmTable,
    team_mac: p.teamMac, pins_vms_to_members: bit(p.pinsVmsToMembers), failover_detect_ms: p.failover.detectMs,
    failover_announce: p.failover.announce, failover_gratuitous_arp_count: p.failover.gratuitousArpCount,
    failback_auto: bit(p.failback.auto), failback_delay_ms: p.failback.delayMs, monitoring_kind: p.monitoring.kind,
    monitoring_enabled_by_default: bit(p.monitoring.enabledByDefault), monitoring_interval_ms: p.monitoring.intervalMs,
    monitoring_retries: p.monitoring.retries, requires_separate_switches: bit(p.requiresSeparateSwitches), init_ms: p.initMs,
    known_issue_title: p.knownIssue?.title ?? null, known_issue_reference: p.knownIssue?.reference ?? null,
    profile_json: JSON.stringify(p),
  };
}

function endpointColumns(prefix: string, e: Endpoint): Row {
  return {
    [`${prefix}host`]: 'nic' in e ? e.host : null,
    [`${prefix}nic`]: 'nic' in e ? e.nic : null,
    [`${prefix}switch`]: 'port' in e ? e.switch : null,
    [`${prefix}port`]: 'port' in e ? e.port : null,
    [`${prefix}client`]: 'client' in e ? e.client : null,
  };
}

function stepColumns(step: DrillStep): Row {
  const s = step as Record<string, unknown>;
  const row: Row = {
    action: step.action, vm: s.vm ?? null, host: s.host ?? null, team: s.team ?? null, nic: s.nic ?? null,
    to_host: s.to ?? s.failoverTo ?? null, switch: s.switch ?? null, port: s.port ?? null, other_switch: null,
    mode: s.mode ?? null, mac: s.mac ?? null, seconds: s.seconds ?? null,
    cable_host: null, cable_nic: null, cable_switch: null, cable_port: null, cable_client: null,
    client: s.client ?? null, monitoring_on: typeof s.on === 'boolean' ? Number(s.on) : null, vlan: s.vlan ?? null,
    to_end_host: null, to_end_nic: null, to_end_switch: null, to_end_port: null, to_end_client: null,
    times: s.times ?? null, interval_sec: s.intervalSec ?? null, direction: s.direction ?? null,
  };
  if (step.action === 'move-cable') row.to_host = null;
  if ('switches' in step) [row.switch, row.other_switch] = step.switches;
  if ('cable' in step && step.cable) Object.assign(row, endpointColumns('cable_', step.cable));
  if (step.action === 'move-cable') Object.assign(row, endpointColumns('to_end_', step.to));
  return row;
}

// ---- rows → document ------------------------------------------------------------------------

/** Reads a boolean column; anything but 0/1 is passed through so validation names the bad value. */
const bool = (value: unknown): unknown => (value === 1 ? true : value === 0 ? false : value);
/** NULL means "not set": the key is left out so the schema's default or absence applies. */
function defined(entries: Row): Row {
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== null && v !== undefined));
}
const group = (rows: Row[], key: (r: Row) => string): Map<string, Row[]> => {
  const map = new Map<string, Row[]>();
  for (const r of rows) {
    const k = key(r);
    const list = map.get(k);
    if (list) list.push(r);
    else map.set(k, [r]);
  }
  return map;
};

export class RowProblem extends Error {}

/** Builds the (unvalidated) document from rows read in ordinal order. */
export function documentFromRows(lab: Row, rows: DocumentRows): LabInput {
  const settings: Row = {};
  for (const r of rows.settings) {
    try {
      settings[String(r.name)] = JSON.parse(String(r.value_json));
    } catch {
      throw new RowProblem(`setting "${String(r.name)}" holds ${JSON.stringify(String(r.value_json).slice(0, 40))}, which is not a value`);
    }
  }
  const nicsOf = group(rows.nics, (r) => String(r.host));
  const teamsOf = group(rows.teams, (r) => String(r.host));
  const membersOf = group(rows.team_members, (r) => `${String(r.host)}\u0000${String(r.team)}`);
  const switchesOf = group(rows.virtual_switches, (r) => String(r.host));
  const drillVms = group(rows.drill_vms, (r) => String(r.drill));
  const expectDown = group(rows.drill_expect_down, (r) => String(r.drill));
  const stepsOf = group(rows.drill_steps, (r) => String(r.drill));
  const viewport = rows.layout_viewport[0];

  const document = {
    format: lab.format,
    version: lab.document_version,
    meta: { title: lab.title, description: lab.description, author: lab.author },
    settings,
    driverProfiles: rows.driver_profiles.map(profileFromRow),
    hosts: rows.hosts.map((h) =>
      defined({
        name: h.name, model: h.model, os: h.os, hypervisor: h.hypervisor, managementIp: h.management_ip,
        macPool: h.mac_pool_first === null ? null : defined({ first: h.mac_pool_first, size: h.mac_pool_size }),
        nics: (nicsOf.get(String(h.name)) ?? []).map((n) =>
          defined({
            name: n.name, vendor: n.vendor, chipset: n.chipset, mac: n.mac, driverProfile: n.driver_profile,
            offload: { toe: bool(n.toe), checksum: bool(n.checksum), rss: bool(n.rss) },
          }),
        ),
        teams: (teamsOf.get(String(h.name)) ?? []).map((t) =>
          defined({
            name: t.name,
            members: (membersOf.get(`${String(h.name)}\u0000${String(t.name)}`) ?? []).map((m) => m.nic),
            primary: t.primary_nic, mode: t.mode, driverProfile: t.driver_profile, autoFailback: bool(t.auto_failback),
            monitoring: bool(t.monitoring), probeTarget: t.probe_target, createdBeforeHyperV: bool(t.created_before_hyperv), vlan: t.vlan, vlanInterface: t.vlan_interface,
          }),
        ),
        virtualSwitches: (switchesOf.get(String(h.name)) ?? []).map((s) =>
          defined({
            name: s.name, type: s.type,
            uplink:
              s.uplink_team !== null ? { team: s.uplink_team }
              : s.uplink_nic !== null ? { nic: s.uplink_nic }
              : isJson(s.uplink_nics_json) ? { nics: json(s.uplink_nics_json, `virtual switch "${String(s.name)}" uplinks`) }
              : null,
            teaming: isJson(s.teaming_json) ? json(s.teaming_json, `virtual switch "${String(s.name)}" teaming policy`) : null,
            shareWithManagementOs: bool(s.share_with_management_os), managementOsVlan: s.management_os_vlan,
          }),
        ),
      }),
    ),
    switches: rows.switches.map((s) =>
      defined({
        name: s.name, model: s.model, ports: s.ports, macAgeingSec: s.mac_ageing_sec, portSettings: JSON.parse(String(s.port_settings_json)),
        macFlap: s.mac_flap_json === null ? null : JSON.parse(String(s.mac_flap_json)), stp: s.stp, forwardDelaySec: s.forward_delay_sec,
        portChannels: s.port_channels_json === null ? null : JSON.parse(String(s.port_channels_json)), stack: s.stack,
      }),
    ),
    clients: rows.clients.map((c) => defined({ name: c.name, ip: c.ip, mac: c.mac, arpCache: c.arp_cache, vlan: c.vlan })),
    vms: rows.vms.map((v) =>
      defined({
        name: v.name, ip: v.ip, host: v.host, virtualSwitch: v.virtual_switch, macMode: v.mac_mode, staticMac: v.static_mac,
        dynamicMac: v.dynamic_mac, initialState: v.initial_state, os: v.os, vlan: v.vlan,
      }),
    ),
    cables: rows.cables.map((c) => ({ a: endpointFromColumns('a_', c), b: endpointFromColumns('b_', c) })),
    drills: rows.drills.map((d) =>
      defined({
        name: d.name, description: d.description, client: d.client,
        vms: d.pings_all_vms === 1 ? null : (drillVms.get(String(d.name)) ?? []).map((r) => r.vm),
        warmupSec: d.warmup_sec, stepGapSec: d.step_gap_sec, observeSec: d.observe_sec,
        steps: (stepsOf.get(String(d.name)) ?? []).map(stepFromColumns),
        expect: defined({
          reachableWithinSec: d.reachable_within_sec,
          expectDown: (expectDown.get(String(d.name)) ?? []).map((r) => r.vm),
          maxDowntimeSec: d.max_downtime_sec,
        }),
      }),
    ),
    layout: defined({
      positions: Object.fromEntries(rows.layout_positions.map((p) => [p.node, { x: p.x, y: p.y }])),
      viewport: viewport ? { x: viewport.x, y: viewport.y, zoom: viewport.zoom } : null,
    }),
  };
  return document as LabInput;
}

/** A JSON column that holds something (NULL, and the column missing in an older file, hold nothing). */
const isJson = (value: unknown): boolean => value !== null && value !== undefined;
function json(value: unknown, what: string): unknown {
  try {
    return JSON.parse(String(value));
  } catch {
    throw new RowProblem(`${what} hold ${JSON.stringify(String(value).slice(0, 40))}, which is not a value`);
  }
}

function profileFromRow(p: Row): Row {
  if (isJson(p.profile_json)) return json(p.profile_json, `driver profile "${String(p.id)}"`) as Row;
  return defined({
    id: p.id, name: p.name, vendor: p.vendor, teaming: p.teaming, arpProxy: bool(p.arp_proxy), vmTable: p.vm_table,
    teamMac: p.team_mac, pinsVmsToMembers: bool(p.pins_vms_to_members),
    failover: { detectMs: p.failover_detect_ms, announce: p.failover_announce, gratuitousArpCount: p.failover_gratuitous_arp_count },
    failback: { auto: bool(p.failback_auto), delayMs: p.failback_delay_ms },
    monitoring: {
      kind: p.monitoring_kind, enabledByDefault: bool(p.monitoring_enabled_by_default), intervalMs: p.monitoring_interval_ms,
      retries: p.monitoring_retries,
    },
    requiresSeparateSwitches: bool(p.requires_separate_switches), initMs: p.init_ms,
    knownIssue: p.known_issue_title === null ? null : defined({ title: p.known_issue_title, reference: p.known_issue_reference }),
  });
}

function hasEndpoint(prefix: string, r: Row): boolean {
  return ['client', 'switch', 'host'].some((c) => r[`${prefix}${c}`] !== null && r[`${prefix}${c}`] !== undefined);
}

function endpointFromColumns(prefix: string, r: Row): Row {
  if (r[`${prefix}client`] !== null) return { client: r[`${prefix}client`] };
  if (r[`${prefix}switch`] !== null) return { switch: r[`${prefix}switch`], port: r[`${prefix}port`] };
  return { host: r[`${prefix}host`], nic: r[`${prefix}nic`] };
}

// Which columns each step action uses, in the step's own key order.
const STEP_FIELDS: Record<string, [key: string, column: string][]> = {
  vm: [['vm', 'vm']],
  'set-mac-mode': [['vm', 'vm'], ['mode', 'mode'], ['mac', 'mac']],
  migrate: [['vm', 'vm'], ['to', 'to_host']],
  team: [['host', 'host'], ['team', 'team']],
  nic: [['host', 'host'], ['nic', 'nic']],
  port: [['switch', 'switch'], ['port', 'port']],
  switch: [['switch', 'switch']],
  'fail-host': [['host', 'host'], ['failoverTo', 'to_host']],
  host: [['host', 'host']],
  client: [['client', 'client']],
  'set-vlan': [['vm', 'vm'], ['vlan', 'vlan']],
  'flap-link': [['host', 'host'], ['nic', 'nic'], ['switch', 'switch'], ['port', 'port'], ['times', 'times'], ['intervalSec', 'interval_sec']],
  wait: [['seconds', 'seconds']],
};
const STEP_KIND: Record<string, string> = {
  start: 'vm', shutdown: 'vm', restart: 'vm', 'set-mac-mode': 'set-mac-mode', 'live-migrate': 'migrate', 'quick-migrate': 'migrate',
  'disable-team': 'team', 'enable-team': 'team', 'fail-nic': 'nic', 'restore-nic': 'nic', 'fail-port': 'port', 'restore-port': 'port',
  'fail-switch': 'switch', 'restore-switch': 'switch', 'fail-host': 'fail-host', 'restore-host': 'host', wait: 'wait',
  'reboot-host': 'host', 'clear-arp': 'client', 'set-vlan': 'set-vlan', 'flap-link': 'flap-link',
};

function stepFromColumns(r: Row): Row {
  const action = String(r.action);
  if (action === 'fail-cable' || action === 'restore-cable') return { action, cable: endpointFromColumns('cable_', r) };
  if (action === 'fail-cable-one-way') return { action, cable: endpointFromColumns('cable_', r), direction: r.direction };
  if (action === 'move-cable') return { action, cable: endpointFromColumns('cable_', r), to: endpointFromColumns('to_end_', r) };
  if (action === 'set-monitoring') return { action, host: r.host, team: r.team, on: Boolean(r.monitoring_on) };
  if (action === 'flap-link' && !hasEndpoint('cable_', r)) return defined({ action, ...Object.fromEntries(STEP_FIELDS['flap-link'].map(([key, column]) => [key, r[column]])) });
  if (action === 'flap-link') return { action, cable: endpointFromColumns('cable_', r), times: r.times, intervalSec: r.interval_sec };
  if (action === 'fail-inter-switch-link' || action === 'restore-inter-switch-link')
    return { action, switches: [r.switch, r.other_switch] };
  const fields = STEP_FIELDS[STEP_KIND[action] ?? ''] ?? [];
  return defined({ action, ...Object.fromEntries(fields.map(([key, column]) => [key, r[column]])) });
}
