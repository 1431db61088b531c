// Carrying out one drill step on the simulated network, and how long the step's action takes.
import type { DrillStep } from '../../../shared/drill.js';
import type { LabSettings } from '../../../shared/lab.js';
import { endpointLabel } from '../../../shared/lab.js';
import type { Network, Problem } from '../network.js';
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
    case 'wait':
      return `wait ${step.seconds} s`;
  }
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
    case 'restore-nic': {
      const nic = net.hosts.get(step.host)!.nics.get(step.nic)!;
      const fail = step.action === 'fail-nic';
      if (nic.failed === fail) return `NIC ${nic.label} is already ${fail ? 'failed' : 'working'}`;
      nic.failed = fail;
      net.noteFault(nicId(step.host, step.nic), `NIC ${nic.label}`, fail);
      net.refreshWires();
      return null;
    }
    case 'fail-cable':
    case 'restore-cable': {
      const wire = net.wireAt(step.cable)!;
      const fail = step.action === 'fail-cable';
      if (wire.failed === fail) return `the cable ${wire.label} is already ${fail ? 'cut' : 'intact'}`;
      wire.failed = fail;
      net.noteFault(wire.elementId!, `cable ${wire.label}`, fail);
      wire.refresh();
      return null;
    }
    case 'fail-port':
    case 'restore-port': {
      const sw = net.switches.get(step.switch)!;
      const port = sw.port(step.port);
      const fail = step.action === 'fail-port';
      if (port.failed === fail) return `${port.label} is already ${fail ? 'down' : 'up'}`;
      port.failed = fail;
      net.noteFault(portId(sw.name, step.port), port.label, fail);
      port.wire?.refresh();
      return null;
    }
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
