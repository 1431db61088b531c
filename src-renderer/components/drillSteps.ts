// Drill steps in the editor: a readable label, a sensible default for each action, and the clock.
import type { Lab } from '../../shared/lab.js';
import { endpointKey, endpointLabel, type Endpoint } from '../../shared/lab.js';
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
  'reboot-host': 'Reboot host (orderly)',
  'clear-arp': 'Clear client ARP cache',
  'set-monitoring': 'Set team path monitoring',
  'set-vlan': 'Set VM VLAN',
  'move-cable': 'Move cable',
  'flap-link': 'Flap link',
  'fail-cable-one-way': 'Fail cable one way',
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
    case 'reboot-host':
      return { action, host: host?.name ?? '' };
    case 'clear-arp':
      return { action, client: lab.clients[0]?.name ?? '' };
    case 'set-monitoring':
      return { action, host: host?.name ?? '', team: host?.teams[0]?.name ?? '', on: true };
    case 'set-vlan':
      return { action, vm, vlan: 10 };
    case 'move-cable':
      return { action, cable, to: freeEnds(lab)[0] ?? cable };
    case 'flap-link':
      return { action, cable, times: 3, intervalSec: 2 };
    case 'fail-cable-one-way':
      return { action, cable, direction: 'a-to-b' };
    case 'wait':
      return { action, seconds: 30 };
  }
}

/** Switch ports no cable is plugged into, where a moved cable can go. */
export function freeEnds(lab: Lab): Endpoint[] {
  const used = new Set(lab.cables.flatMap((c) => [endpointKey(c.a), endpointKey(c.b)]));
  return lab.switches.flatMap((s) =>
    Array.from({ length: s.ports }, (_, i): Endpoint => ({ switch: s.name, port: i + 1 })).filter((e) => !used.has(endpointKey(e))),
  );
}

/** What a flap takes down and up: which of the three ways the step names its link. */
export type FlapTarget = 'cable' | 'nic' | 'port';

export function flapTargetOf(step: Extract<DrillStep, { action: 'flap-link' }>): FlapTarget {
  return step.cable ? 'cable' : step.host !== undefined ? 'nic' : 'port';
}

/** The flap aimed at the first link of that kind, keeping its count and interval. */
export function retargetFlap(lab: Lab, step: Extract<DrillStep, { action: 'flap-link' }>, target: FlapTarget): DrillStep {
  const { times, intervalSec } = step;
  const cabled = lab.cables.flatMap((c) => [c.a, c.b]);
  if (target === 'cable') return { action: 'flap-link', cable: cabled[0] ?? { switch: lab.switches[0]?.name ?? '', port: 1 }, times, intervalSec };
  if (target === 'nic') {
    const nic = cabled.find((e): e is { host: string; nic: string } => 'nic' in e);
    return { action: 'flap-link', host: nic?.host ?? lab.hosts[0]?.name ?? '', nic: nic?.nic ?? lab.hosts[0]?.nics[0]?.name ?? '', times, intervalSec };
  }
  const port = cabled.find((e): e is { switch: string; port: number } => 'port' in e);
  return { action: 'flap-link', switch: port?.switch ?? lab.switches[0]?.name ?? '', port: port?.port ?? 1, times, intervalSec };
}

export function stepLabel(step: DrillStep): string {
  const what = ACTION_LABELS[step.action];
  switch (step.action) {
    case 'set-monitoring':
      return `${what}: ${step.host}/${step.team} → ${step.on ? 'on' : 'off'}`;
    case 'set-vlan':
      return `${what}: ${step.vm} → ${step.vlan == null ? 'untagged' : `VLAN ${step.vlan}`}`;
    case 'move-cable':
      return `${what}: ${endpointLabel(step.cable)} → ${endpointLabel(step.to)}`;
    case 'flap-link': {
      const target = step.cable ? endpointLabel(step.cable) : step.host !== undefined ? `${step.host}/${step.nic}` : `${step.switch}/port${step.port}`;
      return `${what}: ${target} ${step.times}× every ${step.intervalSec} s`;
    }
    case 'fail-cable-one-way':
      return `${what}: ${endpointLabel(step.cable)} (${step.direction})`;
    case 'clear-arp':
      return `${what}: ${step.client}`;
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
      if ('cable' in step && step.cable) return `${what}: ${endpointLabel(step.cable)}`;
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
