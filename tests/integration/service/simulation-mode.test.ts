// The service side of simulation mode (issue 8): a drill's event list and its tables at one moment,
// for a lab drill by name or a what-if matrix cell by id, with the refusals the window shows.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { removeWorkspace, serviceOn, tempWorkspace, value, type TempWorkspace } from './support.js';
import type { LabService } from '../../../src-main/service/service.js';
import { stateAt } from '../../../src-main/core/drills/trace.js';
import { requests, type DocumentState, type Result, type RequestValue, type ApiError } from '../../../shared/api.js';

let ws: TempWorkspace;
let service: LabService;

const errorOf = (result: Result<unknown>): ApiError | null => (result.ok ? null : result.error);
const fieldReport = async () => value<DocumentState>(await service.handle('lab.new', { from: { kind: 'example', id: 'field-report' } }));

beforeEach(async () => {
  ws = tempWorkspace('lab-planner-simulation-mode-');
  service = await serviceOn(ws);
});

afterEach(async () => {
  await service.dispose();
  removeWorkspace(ws);
});

describe('drills.trace', () => {
  it('lists the hops of migrate-then-restart in a window, with the rewrite by HostB’s team and the drop at HostB/VM-Switch', async () => {
    const doc = await fieldReport();
    const trace = value<RequestValue<'drills.trace'>>(
      await service.handle('drills.trace', { docId: doc.docId, drill: 'migrate-then-restart', filter: { vms: ['Guest1'], fromMs: 60_000, toMs: 70_000 } }),
    );
    expect(requests['drills.trace'].result.parse(trace)).toEqual(trace);
    expect(trace).toMatchObject({ format: 'lab-planner/trace', drill: 'migrate-then-restart', seed: 1, fromMs: 60_000, toMs: 70_000, truncated: false });
    const rewrite = trace.events.find((e) => e.action === 'rewritten' && e.frame.kind === 'icmp-echo-request')!;
    expect(rewrite).toMatchObject({ device: 'team VM-Team on HostB', rewrite: { from: '00-24-E8-0B-00-03', to: '00-15-5D-01-0A-00', learntAtMs: 15_300 } });
    expect(trace.events.find((e) => e.frameId === rewrite.frameId && e.action === 'dropped')).toMatchObject({ device: 'HostB/VM-Switch', reason: 'vswitch-no-port' });
  });

  it('traces a what-if matrix cell’s drill by its id, deterministically', async () => {
    const doc = await fieldReport();
    const ask = () => service.handle('drills.trace', { docId: doc.docId, cellId: 'vm:Guest1/migrate-restart:HostB', filter: { dropsOnly: true } });
    const trace = value<RequestValue<'drills.trace'>>(await ask());
    expect(trace.events.length).toBeGreaterThan(0);
    expect(trace.events.every((e) => e.action === 'dropped')).toBe(true);
    expect(trace.events.some((e) => e.device === 'HostB/VM-Switch' && e.vm === 'Guest1')).toBe(true);
    expect(value(await ask())).toEqual(trace);
  });

  it('refuses an unknown drill, cell or VM, a window outside the drill, and a lab with problems', async () => {
    const doc = await fieldReport();
    const trace = (params: Record<string, unknown>) => service.handle('drills.trace', { docId: doc.docId, ...params } as never);
    expect(errorOf(await trace({ drill: 'nope' }))).toMatchObject({ code: 'not-found', message: 'the lab has no drill named "nope"' });
    expect(errorOf(await trace({ cellId: 'vm:Nobody/restart' }))?.code).toBe('not-found');
    expect(errorOf(await trace({ drill: 'live-migrate', filter: { vms: ['Guest9'] } }))).toMatchObject({ code: 'not-found', message: expect.stringContaining('no VM named "Guest9"') });
    expect(errorOf(await trace({ drill: 'live-migrate', filter: { fromMs: 9_000_000 } }))).toMatchObject({
      code: 'invalid-request',
      message: expect.stringMatching(/^drill live-migrate lasts .* s; a window from 9000 s starts after it ends$/),
    });
    expect(errorOf(await trace({ drill: 'live-migrate', cellId: 'vm:Guest1/restart' }))?.code).toBe('invalid-request');
    value(await service.handle('lab.edit', { docId: doc.docId, baseRevision: 0, ops: [{ op: 'set', path: ['vms', 0, 'host'], value: 'HostZ' }] }));
    expect(errorOf(await trace({ drill: 'live-migrate' }))?.code).toBe('invalid-lab');
    expect(errorOf(await service.handle('drills.stateAt', { docId: doc.docId, drill: 'live-migrate', atMs: 1000 }))?.code).toBe('invalid-lab');
  });
});

describe('drills.stateAt', () => {
  it('gives the tables at that very moment: Guest1 on HostB with its new MAC, HostB’s team still holding the old one', async () => {
    const doc = await fieldReport();
    const { snapshot } = value<RequestValue<'drills.stateAt'>>(await service.handle('drills.stateAt', { docId: doc.docId, drill: 'migrate-then-restart', atMs: 61_000 }));
    expect(requests['drills.stateAt'].result.parse({ snapshot })).toEqual({ snapshot });
    expect(snapshot.atMs).toBe(61_000);
    expect(snapshot.vms.find((v) => v.name === 'Guest1')).toMatchObject({ host: 'HostB', state: 'running', mac: '00-15-5D-02-0B-00' });
    expect(snapshot.teams.find((t) => t.host === 'HostB')?.vmTable).toEqual([
      { ip: '1.1.1.1', mac: '00-15-5D-01-0A-00', learntAtMs: 15_300 },
    ]);
    const during = value<RequestValue<'drills.stateAt'>>(await service.handle('drills.stateAt', { docId: doc.docId, drill: 'migrate-then-restart', atMs: 12_000 }));
    expect(during.snapshot.vms.find((v) => v.name === 'Guest1')).toMatchObject({ host: 'HostA', state: 'running', mac: '00-15-5D-01-0A-00' });
  });

  it('answers the same whether the scrubber moves forward, back, or the drill was edited in between', async () => {
    const doc = await fieldReport();
    const at = async (atMs: number) =>
      value<RequestValue<'drills.stateAt'>>(await service.handle('drills.stateAt', { docId: doc.docId, drill: 'migrate-then-restart', atMs })).snapshot;
    const lab = doc.document;
    const drill = lab.drills.find((d) => d.name === 'migrate-then-restart')!;
    const fresh = [12_000, 61_000].map((ms) => {
      const answer = stateAt(lab, drill, ms);
      return answer.ok ? JSON.stringify(answer.snapshot) : answer.message;
    });
    const forward = [JSON.stringify(await at(12_000)), JSON.stringify(await at(61_000))];
    const back = JSON.stringify(await at(12_000));
    expect(forward).toEqual(fresh);
    expect(back).toBe(fresh[0]);
    value(await service.handle('lab.edit', { docId: doc.docId, baseRevision: 0, ops: [{ op: 'set', path: ['vms', 0, 'macMode'], value: 'static' }, { op: 'set', path: ['vms', 0, 'staticMac'], value: '00-15-5D-00-20-01' }] }));
    expect((await at(61_000)).vms.find((v) => v.name === 'Guest1')?.mac).toBe('00-15-5D-00-20-01');
  });

  it('answers for a matrix cell, and refuses a moment after the drill ends', async () => {
    const doc = await fieldReport();
    const cell = value<RequestValue<'drills.stateAt'>>(await service.handle('drills.stateAt', { docId: doc.docId, cellId: 'fail:switch:switch2', atMs: 0 }));
    expect(cell.snapshot.vms.map((v) => v.name)).toEqual(['Guest1', 'Guest2']);
    expect(errorOf(await service.handle('drills.stateAt', { docId: doc.docId, drill: 'live-migrate', atMs: 9_000_000 }))).toMatchObject({
      code: 'invalid-request',
      message: expect.stringContaining('is after it ends'),
    });
  });
});
