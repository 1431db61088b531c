// Drills that name what the lab no longer has, in the domain's words ("drill migrate-then-restart, step 1: VM web01 no
// longer exists"), each with the edit that settles it (remove the step, stop pinging the VM, drop the expectation).
import { shallowRef } from 'vue';
import type { Lab } from '../../shared/lab.js';
import type { Problem } from '../../shared/validate.js';

export interface DrillStepProblem {
  drill: string;
  drillIndex: number;
  /** 0-based; the sentence counts from 1 as the drill editor does. Null: the drill's pinged or expected-down VMs. */
  step: number | null;
  text: string;
  /** The button that settles it, and the edit it makes. */
  fixLabel: string;
  fix: (lab: Lab) => void;
}

const STEP_PATH = /^drills\[(\d+)\]\.steps\[(\d+)\]$/;
const LIST_PATH = /^drills\[(\d+)\]\.(vms|expect\.expectDown)\[(\d+)\]$/;
/** The checks say `VM "web01" does not exist`; a drill naming it was written when it did. */
const gone = (message: string) => message.replace(/^(.+?) "([^"]+)" does not exist$/, '$1 $2 no longer exists').replace(/"([^"]+)"/g, '$1');

/** The problem as a drill problem, or null when it is about something else. */
export function drillStepProblem(lab: Lab, p: Problem): DrillStepProblem | null {
  const m = STEP_PATH.exec(p.path);
  if (m && lab.drills[Number(m[1])]) {
    const drillIndex = Number(m[1]);
    const step = Number(m[2]);
    const drill = lab.drills[drillIndex].name;
    return { drill, drillIndex, step, text: `drill ${drill}, step ${step + 1}: ${gone(p.message)}`, fixLabel: 'Remove the step', fix: (d) => removeDrillStep(d, drillIndex, step) };
  }
  const l = LIST_PATH.exec(p.path);
  if (l && lab.drills[Number(l[1])]) {
    const drillIndex = Number(l[1]);
    const drill = lab.drills[drillIndex];
    const pinged = l[2] === 'vms';
    const vm = (pinged ? drill.vms : drill.expect.expectDown)?.[Number(l[3])] ?? '';
    const fix = (d: Lab) => {
      const target = d.drills[drillIndex];
      if (pinged) target.vms = target.vms?.filter((v) => v !== vm);
      else target.expect.expectDown = target.expect.expectDown.filter((v) => v !== vm);
    };
    const text = pinged ? `drill ${drill.name} pings VM ${vm}, which no longer exists` : `drill ${drill.name} expects VM ${vm} down, which no longer exists`;
    return { drill: drill.name, drillIndex, step: null, text, fixLabel: pinged ? 'Stop pinging it' : 'Drop the expectation', fix };
  }
  return null;
}

/** Removes one step of a drill (the problems panel's "Remove the step"). */
export function removeDrillStep(lab: Lab, drillIndex: number, step: number): void {
  lab.drills[drillIndex]?.steps.splice(step, 1);
}

/** The step the problems panel asked to see: the drill editor opens on it (a new object each time, so a second click shows it again). */
export const stepToShow = shallowRef<{ drill: string; step: number | null } | null>(null);
