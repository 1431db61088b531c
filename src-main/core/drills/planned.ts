// Planned downtime: the stretches in which the drill itself keeps a VM from answering (it shuts the
// VM down, restarts it, quick-migrates it, or starts it later), each until it should answer again.
import type { Lab } from '../../../shared/lab.js';
import type { Drill } from '../../../shared/drill.js';
import type { DrillSchedule } from './session.js';

export type PlannedCause = 'off at the start' | 'shutdown' | 'start' | 'restart' | 'quick-migrate' | 'reboot-host';

export interface PlannedWindow {
  fromUs: number;
  /** When the VM should answer again (boot or quick-migration time after the step); Infinity when the drill leaves it off. */
  untilUs: number;
  /** The step that explains the window, and when it began. */
  cause: PlannedCause;
  causeAtUs: number;
}

export function plannedWindows(lab: Lab, drill: Drill, schedule: DrillSchedule, vm: string): PlannedWindow[] {
  const s = lab.settings;
  const bootUs = s.vmBootSec * 1e6;
  const out: PlannedWindow[] = [];
  const spec = lab.vms.find((v) => v.name === vm);
  let off: { fromUs: number; cause: PlannedCause; atUs: number } | null =
    spec && spec.initialState !== 'running' ? { fromUs: 0, cause: 'off at the start', atUs: 0 } : null;
  // Where the VM is, as the drill's migrations move it: an orderly reboot of that host shuts it down
  // when the drain is by shutdown (or no other node can take it) and starts it again after the boot.
  let host = spec?.host;
  const otherNodes = (name: string) => lab.hosts.some((h) => h.name !== name && h.virtualSwitches.length > 0);
  drill.steps.forEach((step, i) => {
    const at = schedule.starts[i];
    if (step.action === 'reboot-host' && step.host === host && !off && (s.rebootDrain === 'shut-down' || !otherNodes(host))) {
      out.push({ fromUs: at, untilUs: at + (s.hostBootSec + s.vmBootSec) * 1e6, cause: 'reboot-host', causeAtUs: at });
      return;
    }
    if (step.action === 'reboot-host' && step.host === host && !off) {
      host = lab.hosts.find((h) => h.name !== host && h.virtualSwitches.length > 0)!.name;
      return;
    }
    if (!('vm' in step) || step.vm !== vm) return;
    if (step.action === 'live-migrate' || step.action === 'quick-migrate') host = step.to;
    switch (step.action) {
      case 'shutdown':
        off ??= { fromUs: at, cause: 'shutdown', atUs: at };
        break;
      case 'start':
      case 'restart':
        out.push({ fromUs: off?.fromUs ?? at, untilUs: at + bootUs, cause: step.action, causeAtUs: at });
        off = null;
        break;
      case 'quick-migrate':
        if (!off) out.push({ fromUs: at, untilUs: at + s.quickMigrationDowntimeSec * 1e6, cause: 'quick-migrate', causeAtUs: at });
        break;
      default:
        break;
    }
  });
  if (off) out.push({ fromUs: off.fromUs, untilUs: Infinity, cause: off.cause, causeAtUs: off.atUs });
  return out;
}

export function windowAt(windows: readonly PlannedWindow[], us: number): PlannedWindow | undefined {
  return windows.find((w) => us >= w.fromUs && us < w.untilUs);
}

/** "its restart at 10:00:35", "its quick migration at 10:00:35", "its start at 10:00:35". */
export function causeWords(w: PlannedWindow, clock: (us: number) => string): string {
  const at = clock(w.causeAtUs);
  switch (w.cause) {
    case 'off at the start':
      return 'being off at the start';
    case 'shutdown':
      return `its shutdown at ${at}`;
    case 'start':
      return `its start at ${at}`;
    case 'restart':
      return `its restart at ${at}`;
    case 'quick-migrate':
      return `its quick migration at ${at}`;
    case 'reboot-host':
      return `the reboot of its host at ${at}`;
  }
}
