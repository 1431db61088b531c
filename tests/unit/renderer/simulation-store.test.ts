// Simulation mode in the window's stores: the drill clock, the tables at the moment, the event list's animation.
import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { RequestName, RequestParams, RequestValue, Result } from '../../../shared/api.js';
import type { DrillReport, DrillResult } from '../../../shared/drill.js';
import type { Trace } from '../../../shared/trace.js';
import { useApi } from '../../../src-renderer/api/client.js';
import { useLabStore } from '../../../src-renderer/stores/lab.js';
import { useDrillsStore, momentOfStep } from '../../../src-renderer/stores/drills.js';
import { useMomentTablesStore, TABLES_DEBOUNCE_MS } from '../../../src-renderer/stores/momentTables.js';
import { useTraceStore } from '../../../src-renderer/stores/trace.js';
import { runDrill } from '../../../src-main/core/drills/runner.js';
import { HOP_MS } from '../../../src-renderer/canvas/animation.js';
import { FakeService, fieldReportLab } from './fake-api.js';
import { guest2Arp, migrateThenRestartChanges, staleEchoEvents } from './sim-fixtures.js';

function drillResult(): DrillResult {
  const lab = fieldReportLab();
  const { result } = runDrill(lab, lab.drills.find((d) => d.name === 'migrate-then-restart')!);
  return { ...result, changes: result.changes?.length ? result.changes : migrateThenRestartChanges() };
}

class SimulationService extends FakeService {
  readonly asked: { request: string; params: unknown }[] = [];
  readonly result = drillResult();
  override async invoke<N extends RequestName>(request: N, params: RequestParams<N>): Promise<Result<RequestValue<N>>> {
    const ok = (value: unknown) => ({ ok: true, value }) as Result<RequestValue<N>>;
    if (request === 'drills.run') {
      const report: DrillReport = { format: 'lab-planner/drill-results', lab: 'Field report', seed: this.result.seed, passed: false, drills: [this.result] };
      return ok(report);
    }
    if (request === 'drills.stateAt') {
      this.asked.push({ request, params });
      return ok({ snapshot: { ...this.result.baseline, atMs: (params as RequestParams<'drills.stateAt'>).atMs } });
    }
    if (request === 'drills.trace') {
      this.asked.push({ request, params });
      const trace: Trace = { format: 'lab-planner/trace', drill: this.result.name, seed: this.result.seed, clockStart: this.result.clockStart, fromMs: 0, toMs: 0, truncated: false, message: null, events: [guest2Arp(), ...staleEchoEvents(), ...staleEchoEvents(76_000, 41, 950)] };
      return ok(trace);
    }
    return super.invoke(request, params);
  }
}

let service: SimulationService;

beforeEach(async () => {
  setActivePinia(createPinia());
  service = new SimulationService();
  useApi(service);
  await useLabStore().newLab({ kind: 'example', id: 'field-report' });
  const drills = useDrillsStore();
  drills.selected = 'migrate-then-restart';
  await drills.run(['migrate-then-restart']);
});

afterEach(() => vi.useRealTimers());

describe('the drill clock', () => {
  it('opens a failed drill at the end of its last step, where the trouble shows', () => {
    const drills = useDrillsStore();
    expect(drills.step).toBe(drills.result!.steps.length - 1);
    expect(drills.atMs).toBe(momentOfStep(drills.result!, drills.result!.steps.length - 1));
  });

  it('puts the moment in the step it falls in, the baseline before the first step, and stays within the drill', () => {
    const drills = useDrillsStore();
    const r = drills.result!;
    drills.setMoment(r.steps[0].atMs - 1);
    expect(drills.step).toBe(-1);
    drills.setMoment(r.steps[1].atMs + 10);
    expect(drills.step).toBe(1);
    drills.setMoment(r.durationMs + 60_000);
    expect(drills.atMs).toBe(r.durationMs);
    drills.step = 0;
    expect(drills.atMs).toBe(momentOfStep(r, 0));
  });

  it('draws Guest1 on HostB from the drill\u2019s state changes at a moment after the migration', () => {
    const drills = useDrillsStore();
    drills.setMoment(30_000);
    expect(drills.simulated?.vms.get('Guest1')?.host).toBe('HostB');
  });
});

describe('the tables at the moment', () => {
  it('asks the service once the clock rests, for the moment it rests on', async () => {
    vi.useFakeTimers();
    const drills = useDrillsStore();
    const tables = useMomentTablesStore();
    drills.resultsOpen = true;
    drills.resultsView = 'tables';
    for (const ms of [10_000, 11_000, 12_000]) {
      drills.setMoment(ms);
      await vi.advanceTimersByTimeAsync(TABLES_DEBOUNCE_MS / 3);
    }
    expect(tables.loading).toBe(true);
    await vi.advanceTimersByTimeAsync(TABLES_DEBOUNCE_MS);
    const asked = service.asked.filter((a) => a.request === 'drills.stateAt');
    expect(asked.map((a) => (a.params as { atMs: number }).atMs)).toEqual([12_000]);
    expect(asked[0].params).toMatchObject({ drill: 'migrate-then-restart' });
    expect(tables.tables?.atMs).toBe(12_000);
    expect(tables.loading).toBe(false);
  });

  it('asks nothing while the tables are not on screen', async () => {
    vi.useFakeTimers();
    const drills = useDrillsStore();
    drills.resultsOpen = true;
    drills.resultsView = 'events';
    drills.setMoment(20_000);
    await vi.advanceTimersByTimeAsync(TABLES_DEBOUNCE_MS * 2);
    expect(service.asked.filter((a) => a.request === 'drills.stateAt')).toEqual([]);
  });
});

describe('the event list and its animation', () => {
  beforeEach(async () => {
    const drills = useDrillsStore();
    drills.setMoment(75_000);
    await useTraceStore().load();
  });

  it('asks for a window around the moment and keeps the VM\u2019s frames of the chosen kind', async () => {
    const trace = useTraceStore();
    expect(service.asked.find((a) => a.request === 'drills.trace')?.params).toMatchObject({ filter: { fromMs: 70_000, toMs: 80_000 } });
    trace.filter.kind = 'arp';
    expect(trace.events.map((e) => e.device)).toEqual(['Guest2']);
  });

  it('asks for a what-if cell’s events by the cell, not by a drill name', async () => {
    const drills = useDrillsStore();
    drills.showResult({ ...drills.result!, name: 'what-if: restart Guest1 on HostB' }, 'cell-7');
    await useTraceStore().load();
    expect(service.asked.filter((a) => a.request === 'drills.trace').at(-1)?.params).toMatchObject({ cellId: 'cell-7' });
    expect(service.asked.filter((a) => a.request === 'drills.trace').at(-1)?.params).not.toHaveProperty('drill');
  });

  it('an open event list asks for the events of the next result shown', async () => {
    const drills = useDrillsStore();
    const trace = useTraceStore();
    drills.resultsOpen = true;
    drills.resultsView = 'events';
    const before = service.asked.filter((a) => a.request === 'drills.trace').length;
    drills.showResult({ ...drills.result!, name: 'what-if: restart Guest1 on HostB' }, 'cell-8');
    await vi.waitFor(() => expect(service.asked.filter((a) => a.request === 'drills.trace')).toHaveLength(before + 1));
    await vi.waitFor(() => expect(trace.trace).not.toBeNull());
  });

  it('selecting an event moves the drill clock to it', () => {
    const trace = useTraceStore();
    trace.select(trace.events.find((e) => e.action === 'rewritten')!);
    expect(useDrillsStore().atMs).toBe(75_000);
    expect(trace.selected?.device).toBe('team VM-Team on HostB');
  });

  it('plays hop by hop and stops where the frame dies, at HostB/VM-Switch', async () => {
    vi.useFakeTimers();
    const trace = useTraceStore();
    trace.filter.vm = 'Guest1';
    trace.play();
    expect(trace.hop?.at).toBe('client:Client1');
    await vi.advanceTimersByTimeAsync(HOP_MS * 3 + 1);
    expect(trace.hop?.at).toBe('team:HostB/VM-Team');
    expect(trace.playing).toBe(true);
    await vi.advanceTimersByTimeAsync(HOP_MS * 10);
    expect(trace.hop).toMatchObject({ at: 'vswitch:HostB/VM-Switch', tone: 'dropped' });
    expect(trace.playing).toBe(false);
  });

  it('plays on from the event selected in the list', async () => {
    vi.useFakeTimers();
    const trace = useTraceStore();
    trace.filter.vm = 'Guest1';
    trace.select(trace.events.find((e) => e.action === 'rewritten')!);
    expect(trace.hop?.tone).toBe('rewritten');
    trace.play();
    await vi.advanceTimersByTimeAsync(HOP_MS + 1);
    expect(trace.hop).toMatchObject({ at: 'vswitch:HostB/VM-Switch', tone: 'dropped' });
  });

  it('steps forward and back, pausing, and plays on through drops when asked to', async () => {
    vi.useFakeTimers();
    const trace = useTraceStore();
    trace.filter.vm = 'Guest1';
    trace.stepForward();
    trace.stepForward();
    expect(trace.hop?.at).toBe('port:switch1/10');
    trace.stepBack();
    expect(trace.hop?.at).toBe('client:Client1');
    trace.stopAtDrops = false;
    trace.setSpeed(10);
    trace.play();
    await vi.advanceTimersByTimeAsync(HOP_MS * 2);
    expect(trace.index).toBe(trace.hops.length - 1);
    expect(trace.playing).toBe(false);
  });
});
