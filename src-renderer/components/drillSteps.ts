// Drill steps in the editor: a readable label, a sensible default for each action, and the clock.
import type { Lab } from '../../shared/lab.js';
import { endpointLabel, type Endpoint } from '../../shared/lab.js';
import type { DrillAction, DrillStep } from '../../shared/drill.js';

export const ACTION_LABELS: Record<DrillAction, string> = {
  start: 'Start VM',
  shutdown: 'Shut down VM',
  restart: 'Restart VM',
  'set-mac-mode': 'Change MAC mode',
  'live-migrate': 'Live-migrate VM',
  'quick-migrate': 'Quick-migrate VM',
  'disable-team': 'Disable team',
  'enable-team': 'Enable team',
  'fail-nic': 'Fail NIC',
  'restore-nic': 'Restore NIC',
  'fail-cable': 'Fail cable',
  'restore-cable': 'Restore cable',
  'fail-port': 'Fail switch port',
  'restore-port': 'Restore switch port',
  'fail-switch': 'Fail switch',
  'restore-switch': 'Restore switch',
  'fail-inter-switch-link': 'Fail inter-switch link',
  'restore-inter-switch-link': 'Restore inter-switch link',
  'fail-host': 'Fail host',
  'restore-host': 'Restore host',
  wait: 'Wait',
};

/** A new step of `action`, aimed at the first fitting element of the lab (the engineer then picks). */
export function defaultStep(lab: Lab, action: DrillAction, previous?: DrillStep): DrillStep {
  const vm = (previous && 'vm' in previous ? previous.vm : undefined) ?? lab.vms[0]?.name ?? '';
  const host = lab.hosts.find((h) => h.teams.length) ?? lab.hosts[0];
  const other = lab.hosts.find((h) => h.name !== lab.vms.find((v) => v.name === vm)?.host) ?? lab.hosts[0];
  const sw = lab.switches[0]?.name ?? '';
  const cable: Endpoint = lab.cables[0]?.a ?? { host: host?.name ?? '', nic: host?.nics[0]?.name ?? '' };
  switch (action) {
    case 'start':
    case 'shutdown':
    case 'restart':
      return { action, vm };
    case 'set-mac-mode':
      return { action, vm, mode: 'static' };
    case 'live-migrate':
    case 'quick-migrate':
      return { action, vm, to: other?.name ?? '' };
    case 'disable-team':
    case 'enable-team':
      return { action, host: host?.name ?? '', team: host?.teams[0]?.name ?? '' };
    case 'fail-nic':
    case 'restore-nic':
      return { action, host: host?.name ?? '', nic: host?.nics[0]?.name ?? '' };
    case 'fail-cable':
    case 'restore-cable':
      return { action, cable };
    case 'fail-port':
    case 'restore-port':
      return { action, switch: sw, port: 1 };
    case 'fail-switch':
    case 'restore-switch':
      return { action, switch: sw };
    case 'fail-inter-switch-link':
    case 'restore-inter-switch-link':
      return { action, switches: [sw, lab.switches[1]?.name ?? sw] };
    case 'fail-host':
      return { action, host: host?.name ?? '' };
    case 'restore-host':
      return { action, host: host?.name ?? '' };
    case 'wait':
      return { action, seconds: 30 };
  }
}

export function stepLabel(step: DrillStep): string {
  const what = ACTION_LABELS[step.action];
  switch (step.action) {
    case 'set-mac-mode':
      return `${what}: ${step.vm} → ${step.mode}${step.mac ? ` ${step.mac}` : ''}`;
    case 'live-migrate':
    case 'quick-migrate':
      return `${what}: ${step.vm} → ${step.to}`;
    case 'wait':
      return `${what} ${step.seconds} s`;
    default:
      if ('vm' in step) return `${what}: ${step.vm}`;
      if ('team' in step) return `${what}: ${step.host}/${step.team}`;
      if ('nic' in step) return `${what}: ${step.host}/${step.nic}`;
      if ('cable' in step) return `${what}: ${endpointLabel(step.cable)}`;
      if ('port' in step) return `${what}: ${step.switch}/port${step.port}`;
      if ('switches' in step) return `${what}: ${step.switches.join(' – ')}`;
      if ('switch' in step) return `${what}: ${step.switch}`;
      if ('host' in step) return `${what}: ${step.host}`;
      return what;
  }
}

/** "10:00:05" for a simulated time, from the drill's clock start. */
export function clockText(clockStart: string, atMs: number): string {
  const [h, m, s] = clockStart.split(':').map(Number);
  const total = Math.floor(((h * 3600 + m * 60 + s) * 1000 + atMs) / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(total / 3600) % 24)}:${pad(Math.floor(total / 60) % 60)}:${pad(total % 60)}`;
}

/** The clock with tenths of a second, as the event list and the drill clock show it: 10:00:15.3. */
export function clockTenths(clockStart: string, atMs: number): string {
  return `${clockText(clockStart, atMs)}.${Math.floor((((atMs % 1000) + 1000) % 1000) / 100)}`;
}

export function secondsText(ms: number): string {
  return ms >= 10_000 ? `${Math.round(ms / 1000)} s` : `${(ms / 1000).toFixed(1)} s`;
}
