// Drill steps that name what the lab no longer has, in the domain's words: "drill migrate-then-restart, step 1: VM web01 no longer exists".
import type { Lab } from '../../shared/lab.js';
import type { Problem } from '../../shared/validate.js';

export interface DrillStepProblem {
  drill: string;
  drillIndex: number;
  /** 0-based; the sentence counts from 1 as the drill editor does. */
  step: number;
  text: string;
}

const STEP_PATH = /^drills\[(\d+)\]\.steps\[(\d+)\]$/;

/** The problem as a drill-step problem, or null when it is about something else. */
export function drillStepProblem(lab: Lab, p: Problem): DrillStepProblem | null {
  const m = STEP_PATH.exec(p.path);
  const drill = m ? lab.drills[Number(m[1])] : undefined;
  if (!m || !drill) return null;
  const step = Number(m[2]);
  // The checks say `VM "web01" does not exist`; a step naming it was written when it did.
  const message = p.message.replace(/^(.+?) "([^"]+)" does not exist$/, '$1 $2 no longer exists');
  return { drill: drill.name, drillIndex: Number(m[1]), step, text: `drill ${drill.name}, step ${step + 1}: ${message}` };
}

/** Removes one step of a drill (the problems panel's "Remove the step"). */
export function removeDrillStep(lab: Lab, drillIndex: number, step: number): void {
  lab.drills[drillIndex]?.steps.splice(step, 1);
}
