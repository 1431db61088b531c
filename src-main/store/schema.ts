// The `.lab` schema: application id, schema version and the ordered migrations that build it.
// A new file runs every migration from 0; an older file runs the ones after its user_version.
import type Database from 'better-sqlite3';

/** "LabP" as a 32-bit big-endian integer: marks the SQLite file as a Lab Planner lab. */
export const LAB_APPLICATION_ID = 0x4c616250;

export interface Migration {
  /** The schema version the file has after this migration. */
  to: number;
  /** What changed, for logs and reviewers. */
  why: string;
  sql: string;
}

// Version 1: the first `.lab` schema. Devices are keyed by the names engineers use, so a colleague
// can read the file with `sqlite3` (SELECT * FROM vms WHERE host = 'HostB'), and foreign keys make a
// row that references a missing device detectable with PRAGMA foreign_key_check.
const SCHEMA_V1 = `
CREATE TABLE lab (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  format TEXT NOT NULL,
  document_version INTEGER NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  author TEXT NOT NULL,
  created TEXT NOT NULL,
  modified TEXT NOT NULL,
  app_version TEXT NOT NULL,
  revision INTEGER NOT NULL,
  document_hash TEXT NOT NULL
);
CREATE TABLE settings (name TEXT PRIMARY KEY, value_json TEXT NOT NULL);
CREATE TABLE driver_profiles (
  ordinal INTEGER NOT NULL,
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  vendor TEXT NOT NULL,
  teaming TEXT NOT NULL,
  arp_proxy INTEGER NOT NULL,
  vm_table TEXT NOT NULL,
  team_mac TEXT NOT NULL,
  pins_vms_to_members INTEGER NOT NULL,
  failover_detect_ms INTEGER NOT NULL,
  failover_announce TEXT NOT NULL,
  failover_gratuitous_arp_count INTEGER NOT NULL,
  failback_auto INTEGER NOT NULL,
  failback_delay_ms INTEGER NOT NULL,
  monitoring_kind TEXT NOT NULL,
  monitoring_enabled_by_default INTEGER NOT NULL,
  monitoring_interval_ms INTEGER NOT NULL,
  monitoring_retries INTEGER NOT NULL,
  requires_separate_switches INTEGER NOT NULL,
  init_ms INTEGER NOT NULL,
  known_issue_title TEXT,
  known_issue_reference TEXT
);
CREATE TABLE hosts (
  ordinal INTEGER NOT NULL,
  name TEXT PRIMARY KEY,
  model TEXT NOT NULL,
  os TEXT NOT NULL,
  management_ip TEXT NOT NULL,
  mac_pool_first TEXT,
  mac_pool_size INTEGER
);
CREATE TABLE nics (
  host TEXT NOT NULL REFERENCES hosts (name),
  ordinal INTEGER NOT NULL,
  name TEXT NOT NULL,
  vendor TEXT NOT NULL,
  chipset TEXT NOT NULL,
  mac TEXT NOT NULL,
  driver_profile TEXT,
  toe INTEGER NOT NULL,
  checksum INTEGER NOT NULL,
  rss INTEGER NOT NULL,
  PRIMARY KEY (host, name)
);
CREATE TABLE teams (
  host TEXT NOT NULL REFERENCES hosts (name),
  ordinal INTEGER NOT NULL,
  name TEXT NOT NULL,
  primary_nic TEXT,
  mode TEXT NOT NULL,
  driver_profile TEXT NOT NULL,
  auto_failback INTEGER,
  monitoring INTEGER,
  probe_target TEXT,
  created_before_hyperv INTEGER NOT NULL,
  vlan INTEGER,
  PRIMARY KEY (host, name),
  FOREIGN KEY (host, primary_nic) REFERENCES nics (host, name)
);
CREATE TABLE team_members (
  host TEXT NOT NULL,
  team TEXT NOT NULL,
  ordinal INTEGER NOT NULL,
  nic TEXT NOT NULL,
  PRIMARY KEY (host, team, ordinal),
  FOREIGN KEY (host, team) REFERENCES teams (host, name),
  FOREIGN KEY (host, nic) REFERENCES nics (host, name)
);
CREATE TABLE virtual_switches (
  host TEXT NOT NULL REFERENCES hosts (name),
  ordinal INTEGER NOT NULL,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  uplink_team TEXT,
  uplink_nic TEXT,
  share_with_management_os INTEGER NOT NULL,
  PRIMARY KEY (host, name),
  FOREIGN KEY (host, uplink_team) REFERENCES teams (host, name),
  FOREIGN KEY (host, uplink_nic) REFERENCES nics (host, name)
);
CREATE TABLE switches (
  ordinal INTEGER NOT NULL,
  name TEXT PRIMARY KEY,
  model TEXT NOT NULL,
  ports INTEGER NOT NULL,
  mac_ageing_sec REAL NOT NULL
);
CREATE TABLE clients (
  ordinal INTEGER NOT NULL,
  name TEXT PRIMARY KEY,
  ip TEXT NOT NULL,
  mac TEXT NOT NULL,
  arp_cache TEXT NOT NULL
);
CREATE TABLE vms (
  ordinal INTEGER NOT NULL,
  name TEXT PRIMARY KEY,
  ip TEXT NOT NULL,
  host TEXT NOT NULL REFERENCES hosts (name),
  virtual_switch TEXT,
  mac_mode TEXT NOT NULL,
  static_mac TEXT,
  dynamic_mac TEXT,
  initial_state TEXT NOT NULL,
  FOREIGN KEY (host, virtual_switch) REFERENCES virtual_switches (host, name)
);
CREATE TABLE cables (
  ordinal INTEGER PRIMARY KEY,
  a_host TEXT, a_nic TEXT, a_switch TEXT REFERENCES switches (name), a_port INTEGER, a_client TEXT REFERENCES clients (name),
  b_host TEXT, b_nic TEXT, b_switch TEXT REFERENCES switches (name), b_port INTEGER, b_client TEXT REFERENCES clients (name),
  FOREIGN KEY (a_host, a_nic) REFERENCES nics (host, name),
  FOREIGN KEY (b_host, b_nic) REFERENCES nics (host, name)
);
CREATE TABLE drills (
  ordinal INTEGER NOT NULL,
  name TEXT PRIMARY KEY,
  description TEXT NOT NULL,
  client TEXT REFERENCES clients (name),
  pings_all_vms INTEGER NOT NULL,
  warmup_sec REAL NOT NULL,
  step_gap_sec REAL NOT NULL,
  observe_sec REAL,
  reachable_within_sec REAL NOT NULL,
  max_downtime_sec REAL
);
CREATE TABLE drill_vms (
  drill TEXT NOT NULL REFERENCES drills (name),
  ordinal INTEGER NOT NULL,
  vm TEXT NOT NULL REFERENCES vms (name),
  PRIMARY KEY (drill, ordinal)
);
CREATE TABLE drill_expect_down (
  drill TEXT NOT NULL REFERENCES drills (name),
  ordinal INTEGER NOT NULL,
  vm TEXT NOT NULL REFERENCES vms (name),
  PRIMARY KEY (drill, ordinal)
);
CREATE TABLE drill_steps (
  drill TEXT NOT NULL REFERENCES drills (name),
  ordinal INTEGER NOT NULL,
  action TEXT NOT NULL,
  vm TEXT REFERENCES vms (name),
  host TEXT REFERENCES hosts (name),
  team TEXT,
  nic TEXT,
  to_host TEXT REFERENCES hosts (name),
  switch TEXT REFERENCES switches (name),
  port INTEGER,
  other_switch TEXT REFERENCES switches (name),
  mode TEXT,
  mac TEXT,
  seconds REAL,
  cable_host TEXT, cable_nic TEXT, cable_switch TEXT, cable_port INTEGER, cable_client TEXT,
  PRIMARY KEY (drill, ordinal),
  FOREIGN KEY (host, team) REFERENCES teams (host, name),
  FOREIGN KEY (host, nic) REFERENCES nics (host, name)
);
CREATE TABLE layout_positions (
  ordinal INTEGER NOT NULL,
  node TEXT PRIMARY KEY,
  x REAL NOT NULL,
  y REAL NOT NULL
);
CREATE TABLE layout_viewport (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  x REAL NOT NULL,
  y REAL NOT NULL,
  zoom REAL NOT NULL
);
CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  ran_at TEXT NOT NULL,
  seed INTEGER NOT NULL,
  app_version TEXT NOT NULL,
  lab_title TEXT NOT NULL,
  passed INTEGER NOT NULL
);
CREATE TABLE run_drills (
  run_id INTEGER NOT NULL REFERENCES runs (id),
  ordinal INTEGER NOT NULL,
  name TEXT NOT NULL,
  passed INTEGER NOT NULL,
  duration_ms REAL NOT NULL,
  result_json TEXT NOT NULL,
  PRIMARY KEY (run_id, ordinal)
);
`;

/** Fills run_vms from the full results kept in run_drills (used by the v2 migration and by saving). */
export const FILL_RUN_VMS_SQL = `
INSERT INTO run_vms (run_id, drill_ordinal, ordinal, vm, passed, reachable_at_end, downtime_ms, verdict, diagnosis)
SELECT d.run_id, d.ordinal, CAST(v.key AS INTEGER), json_extract(v.value, '$.name'), json_extract(v.value, '$.passed'),
       json_extract(v.value, '$.reachableAtEnd'), json_extract(v.value, '$.downtimeMs'), json_extract(v.value, '$.verdict'),
       json_extract(v.value, '$.diagnosis.code')
FROM run_drills d, json_each(d.result_json, '$.vms') v
WHERE json_valid(d.result_json);
`;

// Version 2: who saved last (for `info`), the guest OS of a VM (its ARP cache behaviour), and one
// row per VM and run so a colleague can query past downtime without parsing result JSON.
const SCHEMA_V2 = `
ALTER TABLE lab ADD COLUMN modified_by TEXT NOT NULL DEFAULT '';
ALTER TABLE vms ADD COLUMN os TEXT NOT NULL DEFAULT 'windows';
CREATE TABLE run_vms (
  run_id INTEGER NOT NULL,
  drill_ordinal INTEGER NOT NULL,
  ordinal INTEGER NOT NULL,
  vm TEXT NOT NULL,
  passed INTEGER NOT NULL,
  reachable_at_end INTEGER NOT NULL,
  downtime_ms REAL NOT NULL,
  verdict TEXT NOT NULL,
  diagnosis TEXT,
  PRIMARY KEY (run_id, drill_ordinal, ordinal),
  FOREIGN KEY (run_id, drill_ordinal) REFERENCES run_drills (run_id, ordinal)
);
${FILL_RUN_VMS_SQL}`;

// Version 3: VLANs, port security, STP timing. A switch's port settings and MAC-flap detection are JSON (a
// record names many ports, so a 48-port trunk/access layout stays one readable value); a VM's port
// and a client carry a VLAN ID.
const SCHEMA_V3 = `
ALTER TABLE switches ADD COLUMN port_settings_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE switches ADD COLUMN mac_flap_json TEXT;
ALTER TABLE switches ADD COLUMN stp TEXT;
ALTER TABLE switches ADD COLUMN forward_delay_sec REAL;
ALTER TABLE vms ADD COLUMN vlan INTEGER;
ALTER TABLE teams ADD COLUMN vlan_interface INTEGER;
ALTER TABLE clients ADD COLUMN vlan INTEGER;
`;

// Version 4: aggregation. A switch's port-channels are JSON like its port settings (absent = none),
// and a switch may name the stack / MLAG domain it belongs to.
const SCHEMA_V4 = `
ALTER TABLE switches ADD COLUMN port_channels_json TEXT;
ALTER TABLE switches ADD COLUMN stack TEXT;
`;

// Version 5: the drill steps reboot-host, clear-arp, set-monitoring, set-vlan, move-cable, flap-link
// and fail-cable-one-way: the client whose ARP cache is cleared, monitoring on/off, a VLAN ID, the
// endpoint a cable moves to, a flap's count and interval, and which way a one-way cable loses frames.
const SCHEMA_V5 = `
ALTER TABLE drill_steps ADD COLUMN client TEXT;
ALTER TABLE drill_steps ADD COLUMN monitoring_on INTEGER;
ALTER TABLE drill_steps ADD COLUMN vlan INTEGER;
ALTER TABLE drill_steps ADD COLUMN to_end_host TEXT;
ALTER TABLE drill_steps ADD COLUMN to_end_nic TEXT;
ALTER TABLE drill_steps ADD COLUMN to_end_switch TEXT;
ALTER TABLE drill_steps ADD COLUMN to_end_port INTEGER;
ALTER TABLE drill_steps ADD COLUMN to_end_client TEXT;
ALTER TABLE drill_steps ADD COLUMN times INTEGER;
ALTER TABLE drill_steps ADD COLUMN interval_sec REAL;
ALTER TABLE drill_steps ADD COLUMN direction TEXT;
`;

// Version 6: hypervisors and switches that team their own uplinks. A host names its hypervisor; a
// virtual switch may have its own uplink NICs (SET, an ESXi vSwitch) with a teaming policy, and the
// management OS' shared adapter its VLAN. A lab's driver profile is kept whole as JSON too, so every
// flag of the record (load balancing, receive balancing, …) travels with the file.
const SCHEMA_V6 = `
ALTER TABLE hosts ADD COLUMN hypervisor TEXT;
ALTER TABLE virtual_switches ADD COLUMN uplink_nics_json TEXT;
ALTER TABLE virtual_switches ADD COLUMN teaming_json TEXT;
ALTER TABLE virtual_switches ADD COLUMN management_os_vlan INTEGER;
ALTER TABLE driver_profiles ADD COLUMN profile_json TEXT;
`;

export const MIGRATIONS: readonly Migration[] = [
  { to: 1, why: 'first .lab schema: lab document, layout, metadata and run history in normalised tables', sql: SCHEMA_V1 },
  { to: 2, why: 'who saved last, the guest OS of each VM, per-VM rows of past runs', sql: SCHEMA_V2 },
  { to: 3, why: 'VLANs, port security and spanning tree: switch port settings, MAC-flap detection, STP mode and forward delay, the VLAN of a VM port and of a client', sql: SCHEMA_V3 },
  { to: 4, why: 'aggregation: port-channels (static or LACP, member ports, hash) and the stack or MLAG domain of a switch', sql: SCHEMA_V4 },
  { to: 5, why: 'drill steps for host reboots, ARP clearing, monitoring and VLAN changes, re-patched, flapping and one-way cables', sql: SCHEMA_V5 },
  { to: 6, why: 'hypervisors (Hyper-V, ESXi, Linux/KVM), virtual switches teaming their own uplinks (SET, ESXi vSwitch), the management OS VLAN, whole driver-profile records', sql: SCHEMA_V6 },
];

export const CURRENT_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].to;

/**
 * Brings `db` from schema `from` to `to` (default: current), each migration in its own
 * transaction together with its user_version, so an interrupted upgrade leaves a consistent file.
 */
export function migrate(db: Database.Database, from: number, to = CURRENT_SCHEMA_VERSION): void {
  for (const migration of MIGRATIONS) {
    if (migration.to <= from || migration.to > to) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`application_id = ${LAB_APPLICATION_ID}`);
      db.pragma(`user_version = ${migration.to}`);
    })();
  }
}
