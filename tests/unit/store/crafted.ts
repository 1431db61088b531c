// Bad lab files, crafted from a good one or from nothing: each is what a colleague might hand over.
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CURRENT_SCHEMA_VERSION } from '../../../src-main/store/index.js';

/** Deterministic pseudo-random bytes (mulberry32), so every run crafts the same files. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function edit(good: string, target: string, sql: (db: Database.Database) => void): string {
  copyFileSync(good, target);
  const db = new Database(target);
  db.pragma('journal_mode = DELETE');
  db.pragma('foreign_keys = OFF'); // the point is to store what the schema forbids
  db.unsafeMode(true); // lets writable_schema corrupt an index definition
  sql(db);
  db.close();
  return target;
}

export interface BadFile {
  name: string;
  reason: string;
  /** What the message says besides the file name. */
  says: RegExp;
  make: (dir: string, good: string) => string;
}

export const BAD_FILES: BadFile[] = [
  { name: 'a zero-byte file', reason: 'empty', says: /is empty \(0 bytes\)/, make: (dir) => write(join(dir, 'zero.lab'), Buffer.alloc(0)) },
  { name: 'a text file', reason: 'not-sqlite', says: /not an SQLite database/, make: (dir) => write(join(dir, 'notes.lab'), 'meeting notes: teaming broke again\n') },
  { name: 'an HTML page saved as .lab', reason: 'not-sqlite', says: /HTML/, make: (dir) => write(join(dir, 'page.lab'), '<!doctype html><script>alert(1)</script>') },
  { name: 'a JSON document named .lab', reason: 'not-sqlite', says: /looks like JSON/, make: (dir) => write(join(dir, 'json.lab'), '{"hosts": []}') },
  {
    name: 'random bytes', reason: 'not-sqlite', says: /not an SQLite database/,
    make: (dir) => {
      const random = seededRandom(42);
      return write(join(dir, 'random.lab'), Buffer.from(Array.from({ length: 8192 }, () => Math.floor(random() * 256))));
    },
  },
  {
    name: 'random bytes behind an SQLite header', reason: 'corrupt|not-sqlite|truncated', says: /damaged|not an SQLite|truncated/,
    make: (dir, good) => {
      const random = seededRandom(7);
      const bytes = Buffer.from(Array.from({ length: 8192 }, () => Math.floor(random() * 256)));
      readFileSync(good).copy(bytes, 0, 0, 100);
      bytes.writeUInt32BE(2, 28);
      return write(join(dir, 'random-with-header.lab'), bytes);
    },
  },
  { name: 'a file cut short mid-page', reason: 'truncated', says: /is truncated/, make: (dir, good) => write(join(dir, 'cut.lab'), readFileSync(good).subarray(0, 10_000)) },
  {
    name: 'a file cut short at a page boundary', reason: 'truncated', says: /is truncated: it holds 16384 bytes of the \d+ its header declares/,
    make: (dir, good) => write(join(dir, 'cut-page.lab'), readFileSync(good).subarray(0, 16384)),
  },
  { name: 'a file shorter than its header', reason: 'truncated', says: /less than an SQLite header/, make: (dir, good) => write(join(dir, 'stub.lab'), readFileSync(good).subarray(0, 50)) },
  {
    name: 'an SQLite database of another application', reason: 'other-application', says: /another application.*tables are invoices/,
    make: (dir) => {
      const db = new Database(join(dir, 'books.lab'));
      db.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5)');
      db.close();
      return join(dir, 'books.lab');
    },
  },
  {
    name: 'a file of a newer schema', reason: 'newer-schema', says: new RegExp(`schema version ${CURRENT_SCHEMA_VERSION + 1}.*up to ${CURRENT_SCHEMA_VERSION}`),
    make: (dir, good) => edit(good, join(dir, 'newer.lab'), (db) => db.pragma(`user_version = ${CURRENT_SCHEMA_VERSION + 1}`)),
  },
  {
    name: 'a file that fails PRAGMA integrity_check', reason: 'integrity', says: /integrity check failed/,
    make: (dir, good) =>
      edit(good, join(dir, 'broken-index.lab'), (db) => {
        db.exec('CREATE INDEX vms_by_ip ON vms (ip)');
        db.pragma('writable_schema = ON');
        db.prepare("UPDATE sqlite_schema SET sql = 'CREATE INDEX vms_by_ip ON vms (mac_mode)' WHERE name = 'vms_by_ip'").run();
      }),
  },
  {
    name: 'a VM row on a host the file does not hold', reason: 'dangling-reference', says: /a VM row refers to host "HostZ", which is not in the file/,
    make: (dir, good) => edit(good, join(dir, 'dangling-vm.lab'), (db) => db.prepare("UPDATE vms SET host = 'HostZ', virtual_switch = NULL WHERE name = 'Guest1'").run()),
  },
  {
    name: 'a team member NIC the host does not have', reason: 'dangling-reference', says: /team member row refers to NIC "HostB\/NIC9"/,
    make: (dir, good) => edit(good, join(dir, 'dangling-nic.lab'), (db) => db.prepare("UPDATE team_members SET nic = 'NIC9' WHERE host = 'HostB' AND ordinal = 1").run()),
  },
  {
    name: 'a team on a driver profile nobody has', reason: 'invalid-document', says: /driver profile "no-such-driver" is not in the catalogue/,
    make: (dir, good) => edit(good, join(dir, 'unknown-driver.lab'), (db) => db.prepare("UPDATE teams SET driver_profile = 'no-such-driver' WHERE host = 'HostA'").run()),
  },
  {
    name: 'a setting that is not a value', reason: 'invalid-document', says: /setting "seed" holds/,
    make: (dir, good) => edit(good, join(dir, 'bad-setting.lab'), (db) => db.prepare("UPDATE settings SET value_json = 'seven' WHERE name = 'seed'").run()),
  },
  {
    name: 'a wrong type in a column', reason: 'invalid-document', says: /switches\[0\]\.ports/,
    make: (dir, good) => edit(good, join(dir, 'bad-type.lab'), (db) => db.prepare("UPDATE switches SET ports = 'many' WHERE ordinal = 0").run()),
  },
  {
    name: 'a lab file missing a table', reason: 'corrupt', says: /no such table: drill_steps/,
    make: (dir, good) => edit(good, join(dir, 'missing-table.lab'), (db) => db.exec('DROP TABLE drill_steps')),
  },
  {
    name: 'a lab file without its lab record', reason: 'corrupt', says: /has no lab record/,
    make: (dir, good) => edit(good, join(dir, 'no-record.lab'), (db) => db.exec('DELETE FROM lab')),
  },
  {
    name: 'a name far longer than any lab allows (a huge string)', reason: 'value-too-large', says: /holds a value of 20\.0 MB in vms\.name, more than the 16\.0 MB/,
    make: (dir, good) =>
      edit(good, join(dir, 'huge-name.lab'), (db) => db.prepare("UPDATE vms SET name = CAST(zeroblob(20 * 1024 * 1024) AS TEXT) WHERE rowid = (SELECT max(rowid) FROM vms)").run()),
  },
  { name: 'a folder', reason: 'not-a-file', says: /is a folder/, make: (dir) => (mkdirSync(join(dir, 'folder.lab')), join(dir, 'folder.lab')) },
  { name: 'a file that is not there', reason: 'not-found', says: /no such file/, make: (dir) => join(dir, 'missing.lab') },
  {
    name: 'a file whose header says WAL journal mode', reason: 'other-application', says: /uses SQLite’s WAL journal mode/,
    make: (dir, good) => {
      const bytes = readFileSync(good);
      bytes[18] = bytes[19] = 2;
      return write(join(dir, 'wal.lab'), bytes);
    },
  },
  {
    name: 'a drill naming a VM with a line break in its name, which the file does not hold', reason: 'dangling-reference', says: /a drill VM row refers to VM "Guest\\nOne", which is not in the file/,
    make: (dir, good) => edit(good, join(dir, 'line-break.lab'), (db) => db.prepare("UPDATE drill_vms SET vm = 'Guest' || char(10) || 'One' WHERE rowid = (SELECT min(rowid) FROM drill_vms)").run()),
  },
  {
    name: 'a symbolic link that points at itself', reason: 'io', says: /cannot be read: its path is a loop of symbolic links\s*$/,
    make: (dir) => (symlinkSync('loop.lab', join(dir, 'loop.lab')), join(dir, 'loop.lab')),
  },
  {
    name: 'a lab whose VMs all have addresses that are not IPv4', reason: 'invalid-document', says: /holds a lab that does not check out: vms\[0\]\.ip: is not an IPv4 address[^\n]*\n?$/,
    make: (dir, good) => edit(good, join(dir, 'bad-ips.lab'), (db) => db.prepare("UPDATE vms SET ip = 'ip-' || ordinal").run()),
  },
];

function write(path: string, data: string | Buffer): string {
  writeFileSync(path, data);
  return path;
}
