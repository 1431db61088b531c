// Benchmark of the what-if matrix: the field report's lab and a generated 16-host, 256-VM lab.
import { readFileSync } from 'node:fs';
import type { Lab, LabInput } from '../../shared/lab.js';
import { readLab } from '../../src-main/core/lab.js';
import { enumerateMatrix } from '../../src-main/core/drills/matrix.js';
import { runMatrixInPool } from '../../src-main/service/matrix-pool.js';

function parse(input: unknown): Lab {
  const parsed = readLab(input);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return parsed.lab;
}

export function fieldReportLab(): Lab {
  return parse(JSON.parse(readFileSync(new URL('../../examples/field-report.lab.json', import.meta.url), 'utf8')));
}

const hex = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');

/**
 * A cluster of `hosts` R710s, each with a BASP team (learn-once on even hosts, Intel AFT on odd ones)
 * split over two switches, and `vmsPerHost` VMs alternating dynamic and static MACs (the last hosts
 * fewer when `totalVms` runs out first).
 */
export function generatedLab(hosts = 16, vmsPerHost = 16, totalVms = hosts * vmsPerHost): Lab {
  return parse(generatedLabInput(hosts, vmsPerHost, totalVms));
}

/** The generated lab as a document, before parsing: tests change it to break one symmetry. */
export function generatedLabInput(hosts = 16, vmsPerHost = 16, totalVms = hosts * vmsPerHost): LabInput & Required<Pick<LabInput, 'hosts' | 'vms' | 'cables'>> {
  const ports = Math.max(64, hosts + 2);
  const input: LabInput & Required<Pick<LabInput, 'hosts' | 'vms' | 'cables'>> = {
    meta: { title: `Generated ${hosts}-host, ${Math.min(totalVms, hosts * vmsPerHost)}-VM cluster`, description: '', author: 'bench' },
    switches: [
      { name: 'switch1', ports },
      { name: 'switch2', ports },
    ],
    clients: [{ name: 'Client1', ip: '10.9.0.100', mac: '00-1C-23-00-00-64' }],
    hosts: [],
    vms: [],
    cables: [
      { a: { switch: 'switch1', port: ports }, b: { switch: 'switch2', port: ports } },
      { a: { client: 'Client1' }, b: { switch: 'switch1', port: ports - 1 } },
    ],
  };
  for (let h = 0; h < hosts; h++) {
    const name = `Host${h + 1}`;
    input.hosts.push({
      name,
      managementIp: `10.0.1.${10 + h}`,
      nics: [1, 2, 3, 4].map((n) => ({ name: `NIC${n}`, mac: `00-24-E8-${hex(h)}-00-0${n}` })),
      teams: [
        { name: 'VM-Team', members: ['NIC3', 'NIC4'], primary: 'NIC3', driverProfile: h % 2 === 0 ? 'broadcom-basp-2009-12-15' : 'intel-ans-aft' },
      ],
      virtualSwitches: [{ name: 'VM-Switch', uplink: { team: 'VM-Team' } }],
    });
    input.cables.push(
      { a: { host: name, nic: 'NIC3' }, b: { switch: 'switch1', port: h + 1 } },
      { a: { host: name, nic: 'NIC4' }, b: { switch: 'switch2', port: h + 1 } },
    );
    for (let v = 0; v < vmsPerHost; v++) {
      const n = h * vmsPerHost + v;
      if (n >= totalVms) break;
      const isStatic = v % 2 === 1;
      input.vms.push({
        name: `VM${n + 1}`,
        ip: `10.9.${1 + Math.floor(n / 200)}.${1 + (n % 200)}`,
        host: name,
        macMode: isStatic ? 'static' : 'dynamic',
        ...(isStatic ? { staticMac: `00-15-5D-F0-${hex(Math.floor(n / 256))}-${hex(n % 256)}` } : {}),
      });
    }
  }
  return input;
}

async function timeMatrix(lab: Lab, depth: 1 | 2, threads: number | undefined): Promise<{ ms: number; cells: number; lostAny: boolean }> {
  const start = performance.now();
  const run = await runMatrixInPool(lab, { depth, threads });
  if (!run.ok) throw new Error('the matrix was cancelled');
  return { ms: Math.round(performance.now() - start), cells: run.result.cells.length, lostAny: run.result.lostAny };
}

export async function bench(): Promise<Record<string, number | string | boolean>> {
  const figures: Record<string, number | string | boolean> = {};
  const field = fieldReportLab();
  for (const threads of [undefined, 1, 2]) {
    const r = await timeMatrix(field, 1, threads);
    figures[`matrix.fieldReport.depth1.${threads ? `threads${threads}` : 'defaultThreads'}.ms`] = r.ms;
    figures['matrix.fieldReport.depth1.cells'] = r.cells;
  }
  figures['matrix.fieldReport.depth2.ms'] = (await timeMatrix(field, 2, undefined)).ms;
  figures['matrix.fieldReport.depth1.targetMs'] = 1000;
  const big = generatedLab(16, 16);
  const r = await timeMatrix(big, 1, 2);
  figures['matrix.generated16x256.depth1.threads1.ms'] = (await timeMatrix(big, 1, 1)).ms;
  figures['matrix.generated16x256.depth1.threads2.ms'] = r.ms;
  figures['matrix.generated16x256.depth1.cells'] = r.cells;
  figures['matrix.generated16x256.depth1.targetMs'] = 10_000;
  figures['matrix.generated16x256.depth1.underTarget'] = r.ms < 10_000;
  // Scaling: wall time per cell as the lab (and so the cell count) grows.
  for (const [h, v] of [[4, 4], [8, 8], [16, 16]] as const) {
    const lab = generatedLab(h, v);
    const s = await timeMatrix(lab, 1, 2);
    figures[`matrix.scaling.${h}x${h * v}.cells`] = s.cells;
    figures[`matrix.scaling.${h}x${h * v}.ms`] = s.ms;
    figures[`matrix.scaling.${h}x${h * v}.usPerCell`] = Math.round((s.ms * 1000) / s.cells);
  }
  figures['matrix.generated16x256.enumerate.cells.depth2'] = enumerateMatrix(big, 2).length;
  return figures;
}
