// Simulation mode behind the window: a drill's event list and its tables at one moment, for a lab
// drill by name or a what-if matrix cell by id. Knows no documents; the service hands it the lab.
import { ok, fail, type Result } from '../../shared/api.js';
import type { Lab } from '../../shared/lab.js';
import type { Drill, Snapshot } from '../../shared/drill.js';
import type { Trace, TraceFilter } from '../../shared/trace.js';
import { traceDrill, DrillStateCursor } from '../core/drills/trace.js';
import { findMatrixCell } from './matrix-view.js';

/** The drill a request names: a lab drill by name, or a what-if matrix cell's drill by its id. */
export function drillOf(lab: Lab, p: { drill?: string; cellId?: string }): Result<Drill> {
  if (p.cellId !== undefined) {
    const cell = findMatrixCell(lab, p.cellId);
    return cell ? ok(cell.drill) : noSuchCell(p.cellId);
  }
  const drill = lab.drills.find((d) => d.name === p.drill);
  return drill ? ok(drill) : fail('not-found', `the lab has no drill named "${p.drill}"`);
}

export function noSuchCell(cellId: string): Result<never> {
  return fail('not-found', `the what-if matrix of this lab has no case "${cellId}"; the lab may have changed since the matrix ran, so run it again`);
}

export function traceOf(lab: Lab, drill: Drill, filter: TraceFilter, seed: number | undefined): Result<Trace> {
  const traced = traceDrill(lab, drill, filter, { seed });
  return traced.ok ? ok(traced.trace) : fail(traced.missing ? 'not-found' : 'invalid-request', traced.message);
}

/** Where a drill being scrubbed is: which document at which revision, which drill or cell, which seed. */
export interface ScrubKey {
  docId: string;
  revision: number;
  drill?: string;
  cellId?: string;
  seed?: number;
}

/**
 * Keeps one simulation for the drill the window scrubs, so that moving the scrubber forward carries
 * it on instead of running the drill again from 0; another drill, seed or revision starts afresh.
 */
export class ScrubbedDrill {
  private current: { docId: string; key: string; cursor: DrillStateCursor } | null = null;

  stateAt(at: ScrubKey, lab: Lab, drill: Drill, atMs: number): Result<{ snapshot: Snapshot }> {
    const key = JSON.stringify([at.docId, at.revision, at.drill ?? null, at.cellId ?? null, at.seed ?? null]);
    if (this.current?.key !== key) {
      // Its own copy: edits made while the window scrubs do not change what it simulates.
      this.current = { docId: at.docId, key, cursor: new DrillStateCursor(structuredClone(lab), structuredClone(drill), at.seed) };
    }
    const state = this.current.cursor.at(atMs);
    return state.ok ? ok({ snapshot: state.snapshot }) : fail('invalid-request', state.message);
  }

  /** The document closed: let its simulation go. */
  forget(docId: string): void {
    if (this.current?.docId === docId) this.current = null;
  }
}
