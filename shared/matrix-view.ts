// The compact what-if matrix of `matrix.run` and `matrix.cells` (shared/api.ts) written out as the
// window reads it: every cell with its id, scenario, canvas element ids and pinged VMs.
import type { MatrixCellDetail, MatrixHeader, MatrixView, MatrixWire, MatrixWireCells } from './api.js';
import { vmId } from './checks.js';

/** The cells of `pieces` in full, in the order given. */
export function expandCells(header: Pick<MatrixHeader, 'vms' | 'cases'>, pieces: MatrixWireCells): MatrixCellDetail[] {
  const losses = new Map<number, MatrixCellDetail['lostVms']>();
  for (const l of pieces.losses) {
    const list = losses.get(l.cell) ?? [];
    list.push({ vm: header.vms[l.vm], downtimeMs: l.downtimeMs, code: l.code });
    losses.set(l.cell, list);
  }
  const problems = new Map(pieces.problems.map((p) => [p.cell, p.problems]));
  return pieces.cells.map(([index, caseIndex, row, status, okMaxDowntimeMs]) => {
    const c = header.cases[caseIndex];
    const vm = row >= 0 ? header.vms[row] : null;
    return {
      scenario: vm === null ? c.label : `${vm}: ${c.label}`,
      kind: c.kind,
      lostVms: losses.get(index) ?? [],
      id: vm === null ? c.key : `vm:${vm}/${c.key}`,
      index,
      event: c.event,
      label: c.label,
      vm,
      elements: vm === null ? c.elements : [vmId(vm), ...c.elements],
      status,
      pingedVms: vm === null ? rowsOfRuns(c.pingedRuns ?? []).map((r) => header.vms[r]) : [vm],
      okMaxDowntimeMs,
      problems: problems.get(index) ?? [],
    };
  });
}

export function expandMatrixView(wire: MatrixWire): MatrixView {
  return {
    depth: wire.depth,
    seed: wire.seed,
    client: wire.client,
    vms: wire.vms,
    cells: expandCells(wire, wire).sort((a, b) => a.index - b.index),
    groups: wire.groups,
    lostAny: wire.lostAny,
  };
}

/** Rows written as runs ([first, how many, …]) back as the rows. */
export function rowsOfRuns(runs: readonly number[]): number[] {
  const rows: number[] = [];
  for (let i = 0; i + 1 < runs.length; i += 2) for (let r = runs[i]; r < runs[i] + runs[i + 1]; r++) rows.push(r);
  return rows;
}

/** Rows as runs of consecutive rows: [first, how many, first, how many, …], in the order given. */
export function runsOfRows(rows: readonly number[]): number[] {
  const runs: number[] = [];
  for (const r of rows) {
    const n = runs.length;
    if (n > 0 && runs[n - 2] + runs[n - 1] === r) runs[n - 1]++;
    else runs.push(r, 1);
  }
  return runs;
}
