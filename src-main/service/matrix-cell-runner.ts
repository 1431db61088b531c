// The one cell runner behind every way of running the matrix: this thread, worker threads and
// queue workers on other machines. It is given the lab once and then cells (a few hundred bytes
// each), so no runner has to enumerate the whole matrix to run a few of its cells.
import type { Lab } from '../../shared/lab.js';
import { runMatrixCell, scopingOf, type LabScoping, type MatrixCell, type MatrixCellResult, type MatrixDepth } from '../core/drills/matrix.js';

/** What every runner of one matrix shares: the lab, the depth and the seed. */
export interface MatrixJob {
  lab: Lab;
  depth: MatrixDepth;
  seed: number;
}

export class MatrixCellRunner {
  private readonly scoping: LabScoping;

  constructor(readonly job: MatrixJob) {
    this.scoping = scopingOf(job.lab);
  }

  /** The cell's outcome; a cell the simulator cannot carry out is an `error` result, not a throw. */
  run(cell: MatrixCell): MatrixCellResult {
    return runMatrixCell(this.job.lab, cell, this.job.seed, this.scoping);
  }
}
