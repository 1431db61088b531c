// What changed between two labs, in the domain's words.
import type { Lab } from '../../shared/lab.js';

export interface LabChange {
  kind: 'added' | 'removed' | 'changed';
  /** What kind of thing changed: 'vm', 'team', 'cable', 'setting', … */
  entity: string;
  /** Which one, as engineers name it: "Guest1", "VM-Team on HostB", "HostB/NIC4–switch2/port7". */
  name: string;
  field?: string;
  from?: unknown;
  to?: unknown;
  /** The line shown to the user, e.g. "VM Guest1: MAC mode dynamic → static". */
  text: string;
}

export function diffLabs(_a: Lab, _b: Lab): LabChange[] {
  throw new Error('not implemented yet');
}
