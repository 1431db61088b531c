// What the window's "open this matrix cell" and "export capture" run: one drill, in full, on the
// document as it is. Pure of files; the service decides where bytes go.
import type { Lab } from '../../shared/lab.js';
import type { Drill, DrillResult } from '../../shared/drill.js';
import type { MatrixCellDetail } from '../../shared/api.js';
import { runDrill } from '../core/drills/runner.js';
import { cellResultOf, type MatrixCell, type MatrixCellResult } from '../core/drills/matrix.js';
import { framesToPcap, clockStartSeconds } from '../core/net/pcap.js';
import { writePcapng } from '../core/net/pcapng.js';
import { captureFileName, safeFileName, type NamedCapturePoint } from './capture-points.js';
import { cellDetail, drillToAdd } from './matrix-view.js';

export interface CellRun {
  cell: MatrixCellDetail;
  /** The synthetic drill the cell ran, rebuilt from its id. */
  drill: Drill;
  result: DrillResult;
  drillToAdd: Drill;
}

/**
 * The cell's drill on the whole lab with per-step snapshots. The matrix simulates only the hosts a
 * cell can touch, which gives the same outcome (tests/unit/matrix), so the verdict matches the heatmap.
 */
export function runCell(lab: Lab, cell: MatrixCell, seed: number): CellRun {
  const { result } = runDrill(lab, cell.drill, { seed });
  const verdict: MatrixCellResult = cell.clientIsolated
    ? { index: cell.index, status: 'client-isolated', lost: [], okMaxDowntimeMs: 0, problems: [] }
    : cellResultOf(cell, result);
  const toAdd = drillToAdd(lab, cell);
  // The engineer reads the case by its scenario, not by the cell id the drill was enumerated under.
  return { cell: cellDetail(cell, verdict), drill: cell.drill, result: { ...result, name: toAdd.name, description: toAdd.description }, drillToAdd: toAdd };
}

export interface CaptureFile {
  point: NamedCapturePoint;
  fileName: string;
  frames: number;
  bytes: Uint8Array;
}

/** Runs the drill with captures at the points: one classic pcap file per point, on the drill's clock. */
export function captureDrill(lab: Lab, drill: Drill, points: readonly NamedCapturePoint[], seed: number): { result: DrillResult; files: CaptureFile[] } {
  const { result, captures } = runDrill(lab, drill, { seed, captures: points.map((p) => p.point) });
  const startSec = clockStartSeconds(lab.settings.clockStart);
  const files = points.map((point, i) => {
    const records = captures[i].records;
    return {
      point,
      fileName: captureFileName(drill.name, point.point),
      frames: records.length,
      bytes: framesToPcap(records.map((r) => ({ atMs: r.atUs / 1000, frame: r.frame })), { startSec }),
    };
  });
  return { result, files };
}

/**
 * Runs the drill with captures at the points: one pcapng file, one interface per point named as
 * `lab-planner drill --pcapng` names it ("HostB/NIC3"), so Wireshark shows which point saw each frame.
 */
export function captureDrillPcapng(lab: Lab, drill: Drill, points: readonly NamedCapturePoint[], seed: number): { result: DrillResult; file: { fileName: string; frames: number; bytes: Uint8Array } } {
  const { result, captures } = runDrill(lab, drill, { seed, captures: points.map((p) => p.point) });
  const interfaces = captures.map((c) => ({ name: c.point, packets: c.records.map((r) => ({ atMs: r.atUs / 1000, direction: r.direction, frame: r.frame })) }));
  const bytes = writePcapng(interfaces, { startSec: clockStartSeconds(lab.settings.clockStart) });
  const frames = captures.reduce((n, c) => n + c.records.length, 0);
  return { result, file: { fileName: `${safeFileName(drill.name)}--all-points.pcapng`, frames, bytes } };
}
