// The example labs of receive load balancing under a virtual switch or bridge: HostA's team rewrites
// the sender MAC of its guests' ARP to a member's MAC, so once the client re-ARPs it sends there and
// the virtual switch or bridge drops the frames; HostB's team balances transmit only and its guests pass.
import { describe, expect, it } from 'vitest';
import { example } from '../../unit/core/helpers.js';
import { runDrills } from '../../../src-main/core/drills/runner.js';
import { lintLab } from '../../../src-main/core/lint/index.js';

const EXAMPLES = [
  {
    name: 'linux-balance-alb-bridge',
    team: 'bond0',
    vswitch: 'br0',
    word: 'bridge',
    remedy: 'Use balance-tlb (mode 5)',
    drills: ['client-re-arps-balance-alb', 'client-re-arps-balance-tlb', 'live-migrate-to-balance-tlb', 'balance-tlb-slave-fails'],
  },
  {
    name: 'intel-rlb-hyperv',
    team: 'VM-Team',
    vswitch: 'VM-Switch',
    word: 'virtual switch',
    remedy: 'Intel does not support RLB under Hyper-V',
    drills: ['client-re-arps-alb-rlb', 'client-re-arps-alb', 'live-migrate-to-alb', 'alb-member-fails'],
  },
];

describe.each(EXAMPLES)('$name.lab.json', ({ name, team, vswitch, word, remedy, drills }) => {
  const lab = example(name);
  const report = runDrills(lab);
  const [rewriting] = report.drills;

  it('fails the drill through the rewriting team and passes the others', () => {
    expect(report.drills.map((d) => ({ drill: d.name, passed: d.passed }))).toEqual(drills.map((drill, i) => ({ drill, passed: i !== 0 })));
  });

  it('keeps the guests reachable until the client re-ARPs, then loses them, diagnosed as a rewritten guest ARP', () => {
    for (const vm of rewriting.vms) {
      expect({ vm: vm.name, beforeClearArp: vm.downtimePerStepMs[0] }).toEqual({ vm: vm.name, beforeClearArp: 0 });
      expect(vm.reachableAtEnd).toBe(false);
      expect(vm.diagnosis).toMatchObject({ code: 'bond-rewrote-guest-arp', device: `HostA/${vswitch}` });
      expect(vm.diagnosis!.text).toContain(`the ${word} HostA/${vswitch} has no port with that MAC`);
      expect(vm.diagnosis!.knownIssue).not.toBeNull();
      expect(vm.diagnosis!.remedies.join(' ')).toContain(remedy);
    }
    // The client holds a member's MAC for each guest: HostA's NIC MACs end in -03 and -04.
    const arp = rewriting.steps[2].snapshot.clients[0].arp;
    for (const vm of rewriting.vms) expect(arp[lab.vms.find((v) => v.name === vm.name)!.ip]).toMatch(/^00-24-E8-0A-00-0[34]$/);
  });

  it('flags the rewriting team before any drill, and only that one', () => {
    const flagged = lintLab(lab).filter((c) => c.code === 'receive-balancing-under-virtual-switch');
    expect(flagged.map((c) => ({ severity: c.severity, team: c.elements[0].id }))).toEqual([{ severity: 'error', team: `team:HostA/${team}` }]);
    expect(flagged[0].message).toContain(`${word} HostA/${vswitch}`);
  });
});
