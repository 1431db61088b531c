import { describe, it, expect } from 'vitest';
import {
  enumerateMatrix,
  runMatrix,
  runMatrixCell,
  cellLab,
  cellResultOf,
  type MatrixResult,
} from '../../../src-main/core/drills/matrix.js';
import { runDrill } from '../../../src-main/core/drills/runner.js';
import { runMatrixInPool } from '../../../src-main/service/matrix-pool.js';
import { matrixInPool, toMatrixView } from '../../../src-main/service/matrix-view.js';
import { matrixViewSchema } from '../../../shared/api.js';
import { labFrom, fieldReportInput, variant } from '../lint/lab-fixtures.js';
import { generatedLab } from '../../bench/matrix.js';

const fieldReport = labFrom(fieldReportInput());
const scenarios = (m: MatrixResult, status: string) => m.results.filter((r) => r.status === status).map((r) => m.cells[r.index].scenario);

describe('what-if matrix cells', () => {
  it('tries every VM event and every single failure of the field report lab', () => {
    const cells = enumerateMatrix(fieldReport, 1);
    const count = (kind: string) => cells.filter((c) => c.kind === kind).length;
    expect(cells.map((c) => c.index)).toEqual(cells.map((_, i) => i));
    // Per VM: restart, MAC mode change, live migration to HostB, migration to HostB then restart.
    expect(cells.filter((c) => c.vm === 'Guest1').map((c) => c.scenario)).toEqual([
      'Guest1: restart on HostA',
      'Guest1: shut down, switch to a static MAC, start on HostA',
      'Guest1: live-migrate to HostB',
      'Guest1: live-migrate to HostB, then restart',
    ]);
    expect(count('nic')).toBe(4); // the cabled team NICs; NIC1 and NIC2 carry nothing here
    expect(count('cable')).toBe(4); // host cables; the inter-switch link is its own kind
    expect(count('port')).toBe(6); // used ports except the client's own
    expect(count('switch')).toBe(2);
    expect(count('inter-switch-link')).toBe(1);
    expect(count('host')).toBe(2);
    expect(count('flap')).toBe(6); // every cable flaps, the client's and the inter-switch link's too
    expect(count('one-way')).toBe(12); // every cable, losing frames in each direction
    expect(cells).toHaveLength(45);
  });

  it('flaps every cable and fails it one way in each direction, naming which end stops hearing the other', () => {
    const cells = enumerateMatrix(fieldReport, 1);
    const flap = cells.find((c) => c.id === 'fail:flap:HostA/NIC3')!;
    expect(flap.scenario).toBe('flap the cable at HostA/NIC3 3× every 2 s');
    expect(flap.drill.steps).toEqual([{ action: 'flap-link', cable: { host: 'HostA', nic: 'NIC3' }, times: 3, intervalSec: 2 }]);
    expect(cells.filter((c) => c.kind === 'one-way' && c.elements[0] === 'cable:nic:HostA/NIC3~port:switch1/1').map((c) => c.scenario)).toEqual([
      'fail the cable HostA/NIC3 – switch1/port1 one way: frames from HostA/NIC3 no longer reach switch1/port1',
      'fail the cable HostA/NIC3 – switch1/port1 one way: frames from switch1/port1 no longer reach HostA/NIC3',
    ]);
  });

  it('adds every pair of infrastructure failures at depth 2, leaving out failures that cut the client off', () => {
    // Flaps and one-way cables are tried alone: too particular to pair with every other failure.
    const single = enumerateMatrix(fieldReport, 1).filter((c) => c.category === 'failure' && !c.clientIsolated && c.kind !== 'flap' && c.kind !== 'one-way').length;
    const pairs = enumerateMatrix(fieldReport, 2).filter((c) => c.category === 'failure-pair');
    expect(pairs).toHaveLength((single * (single - 1)) / 2);
    expect(pairs[0].drill.steps).toHaveLength(2);
  });
});

describe('what-if matrix of the field report lab', () => {
  const matrix = runMatrix(fieldReport, { depth: 1 });

  it('finds the field report’s two losses, migrate-then-restart and static-to-dynamic, and the one-way cable of the active member', () => {
    expect(scenarios(matrix, 'lost')).toEqual([
      'Guest1: live-migrate to HostB, then restart',
      'Guest2: shut down, switch to a dynamic MAC, start on HostA',
      'fail the cable HostA/NIC3 – switch1/port1 one way: frames from HostA/NIC3 no longer reach switch1/port1',
      'fail the cable HostA/NIC3 – switch1/port1 one way: frames from switch1/port1 no longer reach HostA/NIC3',
    ]);
    const lost = matrix.results.find((r) => r.status === 'lost')!.lost[0];
    expect(lost).toMatchObject({ vm: 'Guest1', code: 'stale-team-vm-mac', reachableAtEnd: false });
    expect(lost.downtimeMs).toBeGreaterThan(60_000);
    expect(matrix.lostAny).toBe(true);
  });

  it('keeps both VMs through every single NIC, cable, port, inter-switch link and host failure, and every flap', () => {
    const failures = matrix.results.filter((r) => matrix.cells[r.index].category === 'failure' && matrix.cells[r.index].kind !== 'one-way');
    expect(failures.filter((r) => r.status === 'lost')).toEqual([]);
  });

  it('loses both VMs when the active member’s cable passes frames one way only: carrier stays up and BASP monitors nothing', () => {
    const oneWay = matrix.results.filter((r) => matrix.cells[r.index].kind === 'one-way' && r.status === 'lost');
    expect(oneWay.map((r) => matrix.cells[r.index].elements[0])).toEqual(['cable:nic:HostA/NIC3~port:switch1/1', 'cable:nic:HostA/NIC3~port:switch1/1']);
    expect(oneWay[0].lost.map((l) => [l.vm, l.code])).toEqual([['Guest1', 'arp-unresolved'], ['Guest2', 'arp-unresolved']]);
  });

  it('does not judge VMs by a failure that cuts the client itself off', () => {
    expect(scenarios(matrix, 'client-isolated')).toEqual([
      'fail switch switch1',
      'flap the cable at Client1 3× every 2 s',
      'fail the cable Client1 – switch1/port10 one way: frames from Client1 no longer reach switch1/port10',
      'fail the cable Client1 – switch1/port10 one way: frames from switch1/port10 no longer reach Client1',
    ]);
  });

  it('groups identical outcomes into sentences, losses first', () => {
    expect(matrix.groups[0].sentence).toBe(
      'Guest2 (static MAC behind a Broadcom BASP, BACS driver 2009-12-15 team): stale-team-vm-mac after a MAC mode change and restart',
    );
    expect(matrix.groups[1].sentence).toBe(
      'Guest1 (dynamic MAC behind a Broadcom BASP, BACS driver 2009-12-15 team): stale-team-vm-mac after migration to a host behind a Broadcom BASP, BACS driver 2009-12-15 team, then restart',
    );
    // HostB runs no VM, so its NIC failures have nobody to judge; HostA's are named.
    expect(matrix.groups.find((g) => g.kind === 'nic' && g.vms.includes('Guest1'))!.sentence).toMatch(
      /keeps connectivity when a NIC fails \(fail NIC HostA\/NIC3; fail NIC HostA\/NIC4\)$/,
    );
  });

  it('says "all N VMs" when every VM alike shares the outcome', () => {
    const lab = generatedLab(2, 4);
    const m = runMatrix(lab, { depth: 1 });
    expect(m.groups.map((g) => g.sentence)).toContain(
      'all 2 VMs with dynamic MACs behind Broadcom BASP, BACS driver 2009-12-15 teams (VM1, VM3): keep connectivity after a restart on their host',
    );
    expect(m.groups.map((g) => g.sentence)).toContain(
      'all 2 VMs with dynamic MACs behind Intel ANS (PROSet) Adapter Fault Tolerance teams (VM5, VM7): stale-team-vm-mac after migration to a host behind a Broadcom BASP, BACS driver 2009-12-15 team, then restart',
    );
  });

  it('loses nothing at depth 1 behind transparent Intel teams but a one-way cable, which their probes (off by default) would catch', () => {
    const intel = variant((l) => l.hosts.forEach((h) => (h.teams![0].driverProfile = 'intel-ans-aft')));
    const m = runMatrix(intel, { depth: 1 });
    expect(m.results.filter((r) => r.status === 'lost').map((r) => m.cells[r.index].kind)).toEqual(['one-way', 'one-way']);
    const probing = variant((l) => l.hosts.forEach((h) => Object.assign(h.teams![0], { driverProfile: 'intel-ans-aft', monitoring: true })));
    expect(runMatrix(probing, { depth: 1 }).lostAny).toBe(false);
  });

  it('gives the same result run in this thread or through the pool', async () => {
    const run = await runMatrixInPool(fieldReport, { depth: 1, threads: 1 });
    expect(run.ok && run.result).toEqual(matrix);
  });

  it('answers the service API’s matrix.run in its contract’s shape, with progress', async () => {
    const progress: number[] = [];
    const run = await matrixInPool()(fieldReport, {
      depth: 1,
      signal: new AbortController().signal,
      onProgress: (done) => progress.push(done),
    });
    const answer = toMatrixView(run!);
    expect(matrixViewSchema.parse(answer)).toEqual(answer);
    expect(answer.cells[3]).toMatchObject({
      scenario: 'Guest1: live-migrate to HostB, then restart',
      kind: 'vm-event',
      lostVms: [{ vm: 'Guest1', downtimeMs: expect.any(Number), code: 'stale-team-vm-mac' }],
    });
    expect(answer.groups[1].cells).toEqual([3]);
    expect(progress[progress.length - 1]).toBe(45);
  });

  it('runs the matrix in this thread when the worker script cannot be loaded', async () => {
    const run = await runMatrixInPool(fieldReport, { depth: 1, threads: 2, workerScript: new URL('file:///nonexistent/matrix-pool.js') });
    expect(run.ok && run.threads).toBe(1);
    expect(run.ok && run.result).toEqual(matrix);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const run = await runMatrixInPool(fieldReport, { depth: 2, threads: 1, signal: controller.signal });
    expect(run).toMatchObject({ ok: false, cancelled: true });
  });
});

describe('cells simulate only the hosts they can touch', () => {
  it('gives each scoped cell the same outcome as the whole lab would', () => {
    const lab = generatedLab(4, 2);
    const cells = enumerateMatrix(lab, 2).filter((c) => c.scope !== null && c.scope.length < 4);
    expect(cells.filter((c) => c.kind === 'pair').length).toBeGreaterThan(100);
    for (const cell of cells) {
      expect(cellLab(lab, cell).hosts.length).toBeLessThan(lab.hosts.length);
      const scoped = runMatrixCell(lab, cell, 1);
      const whole = cellResultOf(cell, runDrill(lab, cell.drill, { seed: 1 }).result);
      const outcome = (r: typeof scoped) => ({ status: r.status, lost: r.lost.map((l) => [l.vm, l.code]) });
      expect(outcome(scoped), cell.scenario).toEqual(outcome(whole));
    }
  });

  it('simulates the whole lab when a VM outside the scope holds a MAC from an in-scope pool', () => {
    const lab = variant((l) => {
      l.vms![1] = { name: 'Guest2', ip: '1.1.1.2', host: 'HostB', macMode: 'dynamic', dynamicMac: '00-15-5D-01-0A-05' };
      l.drills = [];
    });
    const nicFailure = enumerateMatrix(lab, 1).find((c) => c.id === 'fail:nic:HostA/NIC3')!;
    expect(nicFailure.scope).toEqual(['HostA']);
    expect(cellLab(lab, nicFailure)).toBe(lab);
    const hostBNic = enumerateMatrix(lab, 1).find((c) => c.id === 'fail:nic:HostB/NIC3')!;
    expect(cellLab(lab, hostBNic).hosts.map((h) => h.name)).toEqual(['HostB']);
  });

  it('simulates the whole lab when host pools overlap', () => {
    const lab = variant((l) => (l.hosts[1].managementIp = '10.9.1.10'));
    const cell = enumerateMatrix(lab, 1)[0];
    expect(cellLab(lab, cell)).toBe(lab);
  });
});
