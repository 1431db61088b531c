// Carrying out one drill step on the simulated network, and how long the step's action takes.
import type { DrillStep } from '../../../shared/drill.js';
import type { LabSettings } from '../../../shared/lab.js';
import { endpointLabel, type Endpoint } from '../../../shared/lab.js';
import { oneWayWords, type Network, type Problem } from '../network.js';
import { nicId, portId, switchId } from '../../../shared/checks.js';

/** "live-migrate Guest1 to HostB", as a timeline label. */
export function stepLabel(step: DrillStep): string {
  switch (step.action) {
    case 'start':
    case 'shutdown':
    case 'restart':
      return `${step.action} ${step.vm}`;
    case 'set-mac-mode':
      return `set ${step.vm} to a ${step.mode} MAC${step.mac ? ` ${step.mac}` : ''}`;
    case 'live-migrate':
    case 'quick-migrate':
      return `${step.action} ${step.vm} to ${step.to}`;
    case 'disable-team':
    case 'enable-team':
      return `${step.action === 'disable-team' ? 'disable' : 'enable'} team ${step.team} on ${step.host}`;
    case 'fail-nic':
    case 'restore-nic':
      return `${step.action.split('-')[0]} NIC ${step.host}/${step.nic}`;
    case 'fail-cable':
    case 'restore-cable':
      return `${step.action.split('-')[0]} the cable at ${endpointLabel(step.cable)}`;
    case 'fail-port':
    case 'restore-port':
      return `${step.action.split('-')[0]} ${step.switch}/port${step.port}`;
    case 'fail-switch':
    case 'restore-switch':
      return `${step.action.split('-')[0]} switch ${step.switch}`;
    case 'fail-inter-switch-link':
    case 'restore-inter-switch-link':
      return `${step.action.split('-')[0]} the inter-switch link ${step.switches[0]}–${step.switches[1]}`;
    case 'fail-host':
      return `fail host ${step.host}${step.failoverTo ? ` (cluster fails over to ${step.failoverTo})` : ''}`;
    case 'restore-host':
      return `restore host ${step.host}`;
    case 'reboot-host':
      return `reboot host ${step.host}`;
    case 'clear-arp':
      return `clear the ARP cache of ${step.client} (arp -d *)`;
    case 'set-monitoring':
      return `turn path monitoring ${step.on ? 'on' : 'off'} for team ${step.team} on ${step.host}`;
    case 'set-vlan':
      return step.vlan == null ? `set ${step.vm}'s port untagged` : `set ${step.vm}'s port to VLAN ${step.vlan}`;
    case 'move-cable':
      return `move the cable at ${endpointLabel(step.cable)} to ${endpointLabel(step.to)}`;
    case 'flap-link':
      return `flap ${flapTargetLabel(step)} ${step.times}× every ${step.intervalSec} s`;
    case 'fail-cable-one-way':
      return `fail the cable at ${endpointLabel(step.cable)} one way (${step.direction})`;
    case 'wait':
      return `wait ${step.seconds} s`;
  }
}

type FlapStep = Extract<DrillStep, { action: 'flap-link' }>;

/** "the cable at HostA/NIC1", "NIC HostA/NIC1", "switch1/port3". */
export function flapTargetLabel(step: FlapStep): string {
  if (step.cable) return `the cable at ${endpointLabel(step.cable)}`;
  if (step.host !== undefined) return `NIC ${step.host}/${step.nic}`;
  return `${step.switch}/port${step.port}`;
}

/** Seconds the action itself takes (boot, migration) before the drill's step gap starts. */
export function actionSeconds(step: DrillStep, s: LabSettings): number {
  switch (step.action) {
    case 'start':
    case 'restart':
      return s.vmBootSec;
    case 'live-migrate':
      return s.liveMigrationCopySec + s.liveMigrationBlackoutMs / 1000;
    case 'quick-migrate':
      return s.quickMigrationDowntimeSec;
    case 'fail-host':
      return s.clusterFailoverSec + s.vmBootSec;
    case 'reboot-host':
      return s.rebootDrain === 'live-migrate'
        ? s.liveMigrationCopySec + s.liveMigrationBlackoutMs / 1000 + s.hostBootSec
        : s.hostBootSec + s.vmBootSec;
    case 'flap-link':
      // Down, up, down … ending up: each down and each up lasts the interval.
      return (2 * step.times - 1) * step.intervalSec;
    case 'wait':
      return step.seconds;
    default:
      return 0;
  }
}

export function applyStep(net: Network, step: DrillStep): Problem {
  const problem = carryOut(net, step);
  net.updateSpanningTree();
  return problem;
}

/** A link a step can take down and bring back: a NIC, a cable or a switch port. */
interface Link {
  /** "NIC HostA/NIC1", "the cable HostA/NIC1 – switch1/port1", "switch1/port1". */
  readonly words: string;
  readonly failed: boolean;
  /** How it is said to be when failed and when working: "cut" / "intact" for a cable. */
  readonly states: readonly [failed: string, working: string];
  /** Fails or restores it, records the fault change, and lets both ends see the carrier change. */
  set(fail: boolean): void;
}

function nicLink(net: Network, host: string, name: string): Link {
  const nic = net.hosts.get(host)!.nics.get(name)!;
  return {
    words: `NIC ${nic.label}`,
    states: ['failed', 'working'],
    get failed() {
      return nic.failed;
    },
    set(fail) {
      nic.failed = fail;
      net.noteFault(nicId(host, name), `NIC ${nic.label}`, fail);
      net.refreshWires();
    },
  };
}

function cableLink(net: Network, end: Endpoint): Link {
  const wire = net.wireAt(end)!;
  return {
    words: `the cable ${wire.label}`,
    states: ['cut', 'intact'],
    get failed() {
      return wire.failed;
    },
    set(fail) {
      wire.failed = fail;
      net.noteFault(wire.elementId!, `cable ${wire.label}`, fail);
      wire.refresh();
    },
  };
}

function portLink(net: Network, name: string, number: number): Link {
  const sw = net.switches.get(name)!;
  const port = sw.port(number);
  return {
    words: port.label,
    states: ['down', 'up'],
    get failed() {
      return port.failed;
    },
    set(fail) {
      if (!fail) sw.clearErrDisable(port); // shut / no shut brings an err-disabled port back
      port.failed = fail;
      net.noteFault(portId(name, number), port.label, fail);
      port.wire?.refresh();
    },
  };
}

function setLink(link: Link, fail: boolean): Problem {
  if (link.failed === fail) return `${link.words} is already ${link.states[fail ? 0 : 1]}`;
  link.set(fail);
  return null;
}

/** Down now, up an interval later, and so on `times` times; every down and up is a fault change. */
function flapLink(net: Network, step: FlapStep): Problem {
  const link = step.cable ? cableLink(net, step.cable) : step.host !== undefined ? nicLink(net, step.host, step.nic!) : portLink(net, step.switch!, step.port!);
  if (link.failed) return `${link.words} is already ${link.states[0]}; only a working link flaps`;
  const intervalUs = step.intervalSec * 1e6;
  for (let k = 0; k < 2 * step.times; k++) {
    const fail = k % 2 === 0;
    const toggle = () => {
      if (link.failed === fail) return;
      link.set(fail);
      net.updateSpanningTree();
    };
    if (k === 0) toggle();
    else net.ctx.scheduler.after(k * intervalUs, toggle);
  }
  return null;
}

function carryOut(net: Network, step: DrillStep): Problem {
  const vm = 'vm' in step ? net.vms.get(step.vm)! : null;
  switch (step.action) {
    case 'start':
      return net.startVm(vm!);
    case 'shutdown':
      return net.shutdownVm(vm!);
    case 'restart':
      return net.restartVm(vm!);
    case 'set-mac-mode':
      return net.setMacMode(vm!, step.mode, step.mac);
    case 'live-migrate':
      return net.liveMigrate(vm!, net.hosts.get(step.to)!);
    case 'quick-migrate':
      return net.quickMigrate(vm!, net.hosts.get(step.to)!);
    case 'disable-team':
      return net.disableTeam(net.hosts.get(step.host)!.teams.get(step.team)!);
    case 'enable-team':
      return net.enableTeam(net.hosts.get(step.host)!.teams.get(step.team)!);
    case 'fail-nic':
    case 'restore-nic':
      return setLink(nicLink(net, step.host, step.nic), step.action === 'fail-nic');
    case 'fail-cable':
      return setLink(cableLink(net, step.cable), true);
    case 'restore-cable': {
      const wire = net.wireAt(step.cable)!;
      if (wire.lostFrom !== null && !wire.failed) {
        net.noteFault(wire.elementId!, `cable ${wire.label} (one way: ${oneWayWords(wire)})`, false);
        wire.lostFrom = null;
        return null;
      }
      return setLink(cableLink(net, step.cable), false);
    }
    case 'fail-port':
    case 'restore-port':
      return setLink(portLink(net, step.switch, step.port), step.action === 'fail-port');
    case 'flap-link':
      return flapLink(net, step);
    case 'fail-cable-one-way': {
      const wire = net.wireAt(step.cable)!;
      if (wire.failed) return `the cable ${wire.label} is already cut`;
      if (wire.lostFrom !== null) return `the cable ${wire.label} already passes frames one way only (${oneWayWords(wire)})`;
      wire.lostFrom = step.direction === 'a-to-b' ? 'a' : 'b';
      net.noteFault(wire.elementId!, `cable ${wire.label} (one way: ${oneWayWords(wire)})`, true);
      return null;
    }
    case 'move-cable':
      return net.moveCable(step.cable, step.to);
    case 'reboot-host':
      return net.rebootHost(net.hosts.get(step.host)!);
    case 'clear-arp':
      return net.clearArp(net.clients.get(step.client)!);
    case 'set-monitoring':
      return net.setMonitoring(net.hosts.get(step.host)!.teams.get(step.team)!, step.on);
    case 'set-vlan':
      return net.setVlan(vm!, step.vlan ?? undefined);
    case 'fail-switch':
    case 'restore-switch': {
      const sw = net.switches.get(step.switch)!;
      const fail = step.action === 'fail-switch';
      if (sw.failed === fail) return `switch ${sw.name} is already ${fail ? 'down' : 'up'}`;
      if (fail) sw.fail();
      else sw.failed = false;
      net.noteFault(switchId(sw.name), `switch ${sw.name}`, fail);
      net.refreshWires();
      return null;
    }
    case 'fail-inter-switch-link':
    case 'restore-inter-switch-link': {
      const fail = step.action === 'fail-inter-switch-link';
      const wires = net.interSwitchWires(step.switches[0], step.switches[1]);
      if (wires.every((w) => w.failed === fail))
        return `the inter-switch link ${step.switches[0]}–${step.switches[1]} is already ${fail ? 'down' : 'up'}`;
      for (const w of wires) {
        if (w.failed === fail) continue;
        w.failed = fail;
        net.noteFault(w.elementId!, `inter-switch link ${w.label}`, fail);
        w.refresh();
      }
      return null;
    }
    case 'fail-host':
      return net.failHost(net.hosts.get(step.host)!, step.failoverTo ? net.hosts.get(step.failoverTo) : undefined);
    case 'restore-host':
      return net.restoreHost(net.hosts.get(step.host)!);
    case 'wait':
      return null;
  }
}
