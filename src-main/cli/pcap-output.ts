// `--pcap DIR` for `lab-planner drill`: runs drills with captures at chosen points and writes one
// classic pcap file per drill and capture point (Wireshark opens them; timestamps are the drill's clock).
import { mkdir, writeFile, rename } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Lab } from '../../shared/lab.js';
import type { DrillReport } from '../../shared/drill.js';
import { runDrill, type CapturePoint, type CaptureRecordSet } from '../core/drills/runner.js';
import { framesToPcap, clockStartSeconds } from '../core/net/pcap.js';
import { writePcapng } from '../core/net/pcapng.js';
import { UserError, type CliIo } from './io.js';
import { captureFileName, defaultCapturePoints as defaultNamedPoints, readCapturePoint } from '../service/capture-points.js';

/**
 * Reads a capture point as engineers write it: "HostB/NIC3" (a NIC), "switch1/port2" (a switch port),
 * "Client1" (a client's NIC) or "Guest1" (the VM's virtual switch port).
 */
export function parseCapturePoint(lab: Lab, text: string): CapturePoint {
  const point = readCapturePoint(lab, text);
  if (point) return point;
  throw new UserError(
    `"${text}" is no capture point of this lab; name a NIC (HostB/NIC3), a switch port (switch1/port2), a client (Client1) or a VM (Guest1)`,
  );
}

/** Without --capture: every cabled host NIC and every client, where the field report looked. */
export function defaultCapturePoints(lab: Lab): CapturePoint[] {
  return defaultNamedPoints(lab).map((p) => p.point);
}

export { captureFileName };

export interface PcapRunOptions {
  drills: string[];
  seed?: number;
  /** Folder for the files, relative to io.cwd; created when missing. */
  dir: string;
  /** Capture points as typed (--capture); the default points when absent or empty. */
  points?: string[];
}

/**
 * Runs the drills like runDrills, with captures, and writes the pcap files. The report is the same
 * as without captures: a capture only watches.
 */
export async function runDrillsWithPcap(
  lab: Lab,
  options: PcapRunOptions,
  io: Pick<CliIo, 'cwd'>,
): Promise<{ report: DrillReport; files: string[] }> {
  const points = options.points?.length ? options.points.map((p) => parseCapturePoint(lab, p)) : defaultCapturePoints(lab);
  const seed = options.seed ?? lab.settings.seed;
  const dir = resolve(io.cwd, options.dir);
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new UserError(`cannot create the capture folder ${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const files: string[] = [];
  const results = [];
  for (const name of options.drills) {
    const drill = lab.drills.find((d) => d.name === name);
    if (!drill) throw new UserError(`the lab has no drill named "${name}"`);
    const { result, captures } = runDrill(lab, drill, { seed, captures: points });
    results.push(result);
    for (let i = 0; i < points.length; i++) files.push(await writeCapture(join(dir, captureFileName(drill.name, points[i])), captures[i], lab));
  }
  return {
    report: { format: 'lab-planner/drill-results', lab: lab.meta.title, seed, passed: results.every((r) => r.passed), drills: results },
    files,
  };
}

/**
 * `--pcapng FILE`: runs the drills with captures and writes every capture into one pcapng file, one
 * interface per capture point (named "drill: point" when several drills run).
 */
export async function runDrillsWithPcapng(
  lab: Lab,
  options: Omit<PcapRunOptions, 'dir'> & { file: string },
  io: Pick<CliIo, 'cwd'>,
): Promise<{ report: DrillReport; file: string }> {
  const points = options.points?.length ? options.points.map((p) => parseCapturePoint(lab, p)) : defaultCapturePoints(lab);
  const seed = options.seed ?? lab.settings.seed;
  const results = [];
  const interfaces = [];
  for (const name of options.drills) {
    const drill = lab.drills.find((d) => d.name === name);
    if (!drill) throw new UserError(`the lab has no drill named "${name}"`);
    const { result, captures } = runDrill(lab, drill, { seed, captures: points });
    results.push(result);
    for (const c of captures)
      interfaces.push({
        name: options.drills.length === 1 ? c.point : `${drill.name}: ${c.point}`,
        packets: c.records.map((r) => ({ atMs: r.atUs / 1000, direction: r.direction, frame: r.frame })),
      });
  }
  const file = resolve(io.cwd, options.file);
  await writeAtomically(file, writePcapng(interfaces, { startSec: clockStartSeconds(lab.settings.clockStart) }));
  return {
    report: { format: 'lab-planner/drill-results', lab: lab.meta.title, seed, passed: results.every((r) => r.passed), drills: results },
    file,
  };
}

async function writeCapture(path: string, capture: CaptureRecordSet, lab: Lab): Promise<string> {
  const bytes = framesToPcap(
    capture.records.map((r) => ({ atMs: r.atUs / 1000, frame: r.frame })),
    { startSec: clockStartSeconds(lab.settings.clockStart) },
  );
  return writeAtomically(path, bytes);
}

async function writeAtomically(path: string, bytes: Uint8Array): Promise<string> {
  // Written aside and renamed, so a reader never sees half a file.
  const partial = `${path}.partial`;
  try {
    await writeFile(partial, bytes);
    await rename(partial, path);
  } catch (error) {
    throw new UserError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return path;
}
