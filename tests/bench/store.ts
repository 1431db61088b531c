// Benchmark of the `.lab` store on a 64-host, 1,000-VM lab: save, open (parse + validate) and file size.
// Targets (issue 3): save < 150 ms, open < 150 ms, file < 2 MB without run history.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Lab, LabInput } from '../../shared/lab.js';
import { readLab } from '../../src-main/core/lab.js';
import { createLabFile, exportLabJson, openLabFile, saveLabFile } from '../../src-main/store/index.js';

const hex = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');

/** 64 R710s with four NICs, a BASP team on two switches and a virtual switch each; 1,000 VMs; drills; a full layout. */
export function bigLab(hosts = 64, vms = 1000): Lab {
  const input: LabInput = {
    meta: { title: `${hosts}-host, ${vms}-VM cluster`, description: 'Store benchmark', author: 'bench' },
    switches: [{ name: 'switch1', ports: 128 }, { name: 'switch2', ports: 128 }],
    clients: [{ name: 'Client1', ip: '10.200.0.100', mac: '00-1C-23-00-00-64' }],
    hosts: [],
    vms: [],
    cables: [{ a: { switch: 'switch1', port: 128 }, b: { switch: 'switch2', port: 128 } }, { a: { client: 'Client1' }, b: { switch: 'switch1', port: 127 } }],
    drills: [],
    layout: { positions: {}, viewport: { x: 0, y: 0, zoom: 1 } },
  };
  for (let h = 0; h < hosts; h++) {
    const name = `Host${String(h + 1).padStart(2, '0')}`;
    input.hosts!.push({
      name,
      managementIp: `10.0.${h + 1}.10`,
      nics: [1, 2, 3, 4].map((n) => ({ name: `NIC${n}`, mac: `00-24-E8-${hex(h)}-00-${hex(n)}` })),
      teams: [{ name: 'VM-Team', members: ['NIC3', 'NIC4'], primary: 'NIC3', driverProfile: 'broadcom-basp-2009-12-15' }],
      virtualSwitches: [{ name: 'VM-Switch', uplink: { team: 'VM-Team' } }],
    });
    input.cables!.push({ a: { host: name, nic: 'NIC3' }, b: { switch: 'switch1', port: h + 1 } }, { a: { host: name, nic: 'NIC4' }, b: { switch: 'switch2', port: h + 1 } });
    input.layout!.positions![`host:${name}`] = { x: h * 120, y: 0 };
  }
  for (let v = 0; v < vms; v++) {
    const name = `VM${String(v + 1).padStart(4, '0')}`;
    const host = input.hosts![v % hosts].name;
    const staticMac = v % 2 === 1;
    input.vms!.push({
      name, ip: `10.200.${Math.floor(v / 250) + 1}.${(v % 250) + 1}`, host, virtualSwitch: 'VM-Switch',
      macMode: staticMac ? 'static' : 'dynamic', ...(staticMac && { staticMac: `00-15-5D-F0-${hex(v >> 8)}-${hex(v & 255)}` }),
    });
    input.layout!.positions![`vm:${name}`] = { x: (v % hosts) * 120, y: 100 + Math.floor(v / hosts) * 40 };
  }
  for (let d = 0; d < 20; d++) {
    const vm = input.vms![d * 7].name;
    input.drills!.push({
      name: `drill-${d + 1}`,
      vms: [vm],
      steps: [
        { action: 'live-migrate', vm, to: input.hosts![(d + 1) % hosts].name },
        { action: 'restart', vm },
        { action: 'disable-team', host: input.hosts![(d + 1) % hosts].name, team: 'VM-Team' },
        { action: 'enable-team', host: input.hosts![(d + 1) % hosts].name, team: 'VM-Team' },
        { action: 'fail-port', switch: 'switch1', port: 1 },
        { action: 'restore-port', switch: 'switch1', port: 1 },
      ],
    });
  }
  const parsed = readLab(input);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return parsed.lab;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function time(runs: number, fn: () => void): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return Math.round(median(samples) * 10) / 10;
}

export async function bench(): Promise<Record<string, number | string | boolean>> {
  const dir = mkdtempSync(join(tmpdir(), 'lab-store-bench-'));
  try {
    const lab = bigLab();
    const path = join(dir, 'big.lab');
    createLabFile(path, lab);
    let fingerprint = openLabFile(path).fingerprint;
    const saveMs = time(7, () => {
      fingerprint = saveLabFile(path, lab, { expectedFingerprint: fingerprint }).fingerprint;
    });
    let opened = openLabFile(path);
    const openMs = time(7, () => {
      opened = openLabFile(path);
    });
    const bytes = statSync(path).size;
    const sameDocument = exportLabJson(opened.lab) === exportLabJson(lab);
    return {
      'store.lab': `${lab.hosts.length} hosts, ${lab.vms.length} VMs, ${lab.cables.length} cables, ${lab.drills.length} drills`,
      'store.saveMs': saveMs,
      'store.openMs': openMs,
      'store.fileBytes': bytes,
      'store.fileMB': Math.round((bytes / 1024 / 1024) * 100) / 100,
      'store.roundTripExact': sameDocument,
      'store.saveUnder150ms': saveMs < 150,
      'store.openUnder150ms': openMs < 150,
      'store.fileUnder2MB': bytes < 2 * 1024 * 1024,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
