import { describe, it, expect } from 'vitest';
import type { LabInput } from '../../../shared/lab.js';
import { enumerateMatrix, runMatrix, runMatrixCell, scopingOf, type MatrixDepth } from '../../../src-main/core/drills/matrix.js';
import { planMatrix, expandResults } from '../../../src-main/core/drills/matrix-symmetry.js';
import { labFrom, fieldReportInput } from '../lint/lab-fixtures.js';
import { generatedLab, generatedLabInput } from '../../bench/matrix.js';
import type { Lab } from '../../../shared/lab.js';

/** The matrix computed one cell per class, as the service does it. */
function reducedMatrix(lab: Lab, depth: MatrixDepth) {
  const cells = enumerateMatrix(lab, depth);
  const seed = lab.settings.seed;
  const scoping = scopingOf(lab);
  const plan = planMatrix(lab, cells, seed, scoping);
  const simulated = new Map(plan.representatives.map((i) => [i, runMatrixCell(lab, cells[i], seed, scoping)]));
  return { cells, plan, results: expandResults(plan, simulated) };
}

/** Every cell of the reduced matrix against the same cell simulated on its own. */
function expectSameAsFull(lab: Lab, depth: MatrixDepth) {
  const full = runMatrix(lab, { depth });
  const reduced = reducedMatrix(lab, depth);
  full.results.forEach((r, i) => expect(reduced.results[i], full.cells[i].scenario).toEqual(r));
  return reduced;
}

/** The generated lab changed by `edit` before parsing. */
function asymmetric(hosts: number, vmsPerHost: number, edit: (input: ReturnType<typeof generatedLabInput>) => void): Lab {
  const input = generatedLabInput(hosts, vmsPerHost);
  edit(input);
  return labFrom(input as LabInput);
}

const representativeOf = (r: ReturnType<typeof reducedMatrix>, id: string) => r.cells[r.plan.representativeOf[r.cells.findIndex((c) => c.id === id)]].id;

describe('symmetry reduction of the what-if matrix', () => {
  it('gives the field report lab the same matrix as simulating every case, at depth 1 and 2', () => {
    const lab = labFrom(fieldReportInput());
    expectSameAsFull(lab, 1);
    expectSameAsFull(lab, 2);
  });

  it('gives a 4-host, 16-VM cluster the same matrix as simulating every case, at depth 1 and 2', () => {
    const reduced = expectSameAsFull(generatedLab(4, 4), 1);
    expect(reduced.plan.representatives.length).toBeLessThan(reduced.cells.length);
    expectSameAsFull(generatedLab(4, 4), 2);
  });

  it('gives an 8-host, 64-VM cluster the same matrix while simulating far fewer cases', () => {
    const reduced = expectSameAsFull(generatedLab(8, 8), 1);
    expect(reduced.plan.representatives.length * 4).toBeLessThan(reduced.cells.length);
  });

  it('writes a merged case out with its own VM, host and MAC names', () => {
    const reduced = reducedMatrix(generatedLab(4, 4), 1);
    // VM5 on Host2 (Intel) to Host1 (BASP) and VM13 on Host4 (Intel) to Host3 (BASP) are alike:
    // VM13's case is VM5's, renamed, and both lose the VM to the BASP team's stale MAC.
    expect(representativeOf(reduced, 'vm:VM13/migrate-restart:Host3')).toBe('vm:VM5/migrate-restart:Host1');
    const vm13 = reduced.results[reduced.cells.findIndex((c) => c.id === 'vm:VM13/migrate-restart:Host3')];
    expect(vm13.status).toBe('lost');
    expect(vm13.lost.map((l) => [l.vm, l.code])).toEqual([['VM13', 'stale-team-vm-mac']]);
  });

  it('computes the 16-host, 256-VM depth-1 matrix from a small fraction of its cases', () => {
    const lab = generatedLab(16, 16);
    const cells = enumerateMatrix(lab, 1);
    const plan = planMatrix(lab, cells, lab.settings.seed);
    expect(plan.representatives.length * 10).toBeLessThan(cells.length);
  });

  describe('never merges parts that differ', () => {
    it('keeps a host with another driver profile apart', () => {
      const lab = asymmetric(4, 2, (l) => (l.hosts[2].teams![0].driverProfile = 'intel-ans-aft'));
      const reduced = expectSameAsFull(lab, 1);
      expect(representativeOf(reduced, 'vm:VM5/restart')).toBe('vm:VM3/restart'); // Host3 now as Host2
      expect(representativeOf(reduced, 'fail:host:Host3')).not.toBe('fail:host:Host1');
    });

    it('keeps a host cabled differently apart', () => {
      const lab = asymmetric(4, 2, (l) => {
        const cable = l.cables.find((c) => 'host' in c.a && c.a.host === 'Host3' && c.a.nic === 'NIC4')!;
        cable.b = { switch: 'switch1', port: 40 };
      });
      const reduced = expectSameAsFull(lab, 1);
      expect(representativeOf(reduced, 'vm:VM5/restart')).toBe('vm:VM5/restart');
      expect(representativeOf(reduced, 'fail:nic:Host3/NIC4')).toBe('fail:nic:Host3/NIC4');
    });

    it('keeps a VM with a static MAC among dynamic ones apart', () => {
      const lab = asymmetric(4, 2, (l) => {
        for (const vm of l.vms) if (vm.macMode === 'static') Object.assign(vm, { macMode: 'dynamic', staticMac: undefined });
        Object.assign(l.vms[4], { macMode: 'static', staticMac: '00-15-5D-F0-00-AA' });
      });
      const reduced = expectSameAsFull(lab, 1);
      expect(representativeOf(reduced, 'vm:VM5/restart')).toBe('vm:VM5/restart');
      // Host3 holds the odd VM, so its other VM stands alone too; Host4's is Host2's again.
      expect(representativeOf(reduced, 'vm:VM6/restart')).toBe('vm:VM6/restart');
      expect(representativeOf(reduced, 'vm:VM8/restart')).toBe('vm:VM4/restart');
    });

    it('keeps a VM holding a MAC from another host’s pool apart', () => {
      const lab = asymmetric(4, 2, (l) => {
        // Host3's VM5 restarts with a dynamic MAC it was once given on Host1 (10.0.1.10 → 00-15-5D-01-0A-xx).
        Object.assign(l.vms[4], { dynamicMac: '00-15-5D-01-0A-07' });
      });
      const reduced = expectSameAsFull(lab, 1);
      expect(representativeOf(reduced, 'vm:VM5/restart')).toBe('vm:VM5/restart');
    });

    it('keeps VMs with a MAC history apart from VMs without one', () => {
      const lab = asymmetric(4, 2, (l) => Object.assign(l.vms[4], { dynamicMac: '00-15-5D-01-0C-07' }));
      const reduced = expectSameAsFull(lab, 1);
      expect(representativeOf(reduced, 'vm:VM5/restart')).toBe('vm:VM5/restart');
    });
  });
});
