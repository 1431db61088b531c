// The what-if matrix in the window: a run shows progress and can be cancelled; the heatmap reads the service's matrix.
import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { nextTick } from 'vue';
import type { EventPayload, LabPlannerApi, MatrixHeader, MatrixWire, RequestName, RequestParams, RequestValue, Result } from '../../../shared/api.js';
import { useApi } from '../../../src-renderer/api/client.js';
import { useLabStore } from '../../../src-renderer/stores/lab.js';
import { useMatrixStore } from '../../../src-renderer/stores/matrix.js';
import { useDrillsStore } from '../../../src-renderer/stores/drills.js';
import { groupsIn, heatmapOf } from '../../../src-renderer/components/heatmap.js';
import { runMatrix } from '../../../src-main/core/drills/matrix.js';
import { MatrixWireWriter, toMatrixView, toMatrixWire } from '../../../src-main/service/matrix-view.js';
import { runCell } from '../../../src-main/service/drill-exports.js';
import { findMatrixCell } from '../../../src-main/service/matrix-view.js';
import { FakeService, fieldReportLab } from './fake-api.js';

/** The fake service, plus a matrix run that waits until it is cancelled or released. */
class MatrixService extends FakeService implements LabPlannerApi {
  readonly view: MatrixWire = toMatrixWire(runMatrix(fieldReportLab(), {}));
  private pendingRun: { runId: string; finish: (r: Result<unknown>) => void } | null = null;
  /** `matrix.run` requests so far. */
  runs = 0;
  started: Promise<string>;
  private announce!: (runId: string) => void;

  constructor() {
    super();
    this.started = new Promise((resolve) => (this.announce = resolve));
  }

  override async invoke<N extends RequestName>(request: N, params: RequestParams<N>): Promise<Result<RequestValue<N>>> {
    if (request === 'matrix.run') {
      const { runId } = params as RequestParams<'matrix.run'>;
      this.runs++;
      return new Promise((resolve) => {
        this.pendingRun = { runId, finish: resolve as (r: Result<unknown>) => void };
        this.announce(runId);
      });
    }
    if (request === 'run.cancel') {
      const { runId } = params as RequestParams<'run.cancel'>;
      const hit = this.pendingRun?.runId === runId;
      if (hit) this.pendingRun!.finish({ ok: false, error: { code: 'cancelled', message: 'the what-if matrix was cancelled' } });
      this.pendingRun = null;
      return { ok: true, value: { cancelled: hit } } as Result<RequestValue<N>>;
    }
    if (request === 'matrix.runCell') {
      const { cellId } = params as RequestParams<'matrix.runCell'>;
      const lab = fieldReportLab();
      return { ok: true, value: runCell(lab, findMatrixCell(lab, cellId)!, lab.settings.seed) } as Result<RequestValue<N>>;
    }
    return super.invoke(request, params);
  }

  finishRun(): void {
    this.pendingRun?.finish({ ok: true, value: this.view });
    this.pendingRun = null;
  }
}

async function openedExample() {
  const service = new MatrixService();
  useApi(service);
  const lab = useLabStore();
  await lab.newLab({ kind: 'example', id: 'field-report' });
  return { lab, service, matrix: useMatrixStore() };
}

describe('the what-if matrix in the window', () => {
  beforeEach(() => setActivePinia(createPinia()));
  // A store left with a matrix that follows edits would start its run later against the next test's service
  // (the API is one for the window) and take that test's run from it.
  afterEach(() => useMatrixStore().forget());

  it('shows progress while the matrix runs, and a cancelled run leaves no heatmap and says so', async () => {
    const { service, matrix } = await openedExample();
    const running = matrix.run();
    const runId = await service.started;
    const progress: EventPayload<'run.progress'> = { runId, docId: 'doc-1', done: 5, total: 27, current: 'fail switch switch1' };
    matrix.progress(progress);
    matrix.progress({ ...progress, runId: 'someone-else', done: 20 });
    expect(matrix.running).toMatchObject({ done: 5, total: 27, current: 'fail switch switch1' });

    await matrix.cancel();
    await running;
    expect(matrix.running).toBeNull();
    expect(matrix.cancelled).toBe(true);
    expect(matrix.error).toBeNull();
    expect(matrix.view).toBeNull();
  });

  it('keeps the finished matrix and opens a cell in the drill results, ready to add as a drill', async () => {
    const { service, matrix, lab } = await openedExample();
    const running = matrix.run();
    await service.started;
    service.finishRun();
    await running;
    expect(matrix.view?.lostAny).toBe(true);

    const cell = matrix.view!.cells.find((c) => c.id === 'vm:Guest1/migrate-restart:HostB')!;
    await matrix.openCell(cell.index);
    const drills = useDrillsStore();
    expect(drills.result?.passed).toBe(false);
    expect(drills.result?.vms.find((v) => v.name === 'Guest1')?.diagnosis?.code).toBe('stale-team-vm-mac');

    expect(matrix.addOpenedAsDrill()).toBeNull();
    expect(lab.doc!.drills.at(-1)!.name).toBe(matrix.opened!.drillToAdd.name);
    expect(drills.selected).toBe(matrix.opened!.drillToAdd.name);
  });

  it('fills the heatmap as cells finish, with the time left, and shows the finished matrix at the end', async () => {
    const { service, matrix } = await openedExample();
    const running = matrix.run();
    const runId = await service.started;
    const full = runMatrix(fieldReportLab(), {});
    const writer = new MatrixWireWriter(full.cells, { depth: 1, seed: full.seed, client: full.client, vms: full.vms });
    const event = (from: number, to: number, header?: MatrixHeader): EventPayload<'matrix.cells'> => ({
      runId, docId: 'doc-1', header, ...writer.write(full.results.slice(from, to)), done: to, total: full.cells.length, lost: 0, etaMs: 1500,
    });
    matrix.cellsFinished(event(0, 0, writer.header));
    matrix.cellsFinished(event(0, 4));
    expect(matrix.shownView?.cells.map((c) => c.id)).toEqual(full.cells.slice(0, 4).map((c) => c.id));
    expect(matrix.cellAt(3)?.status).toBe('lost'); // Guest1 after migration then restart
    expect(matrix.running).toMatchObject({ done: 4, total: 45, etaMs: 1500 });
    expect(heatmapOf(matrix.shownView!).rows.map((r) => r.vm)).toEqual(['Guest1', 'Guest2']);
    matrix.cellsFinished({ ...event(4, 10), runId: 'someone-else' });
    expect(matrix.shownView?.cells).toHaveLength(4);

    service.finishRun();
    await running;
    expect(matrix.running).toBeNull();
    expect(matrix.shownView).toBe(matrix.view);
    expect(matrix.view?.cells).toHaveLength(45);
  });

  it('takes the filling heatmap away the moment Cancel is pressed, ignores the cells still coming, and shows a run that finished anyway', async () => {
    const { service, matrix } = await openedExample();
    const full = runMatrix(fieldReportLab(), {});
    const writer = new MatrixWireWriter(full.cells, { depth: 1, seed: full.seed, client: full.client, vms: full.vms });
    const eventOf = (runId: string) => (from: number, to: number, header?: MatrixHeader): EventPayload<'matrix.cells'> => ({
      runId, docId: 'doc-1', header, ...writer.write(full.results.slice(from, to)), done: to, total: full.cells.length, lost: 0, etaMs: 1500,
    });
    let running = matrix.run();
    let event = eventOf(await service.started);
    matrix.cellsFinished(event(0, 0, writer.header));
    matrix.cellsFinished(event(0, 4));
    expect(matrix.shownView?.cells).toHaveLength(4);
    const cancelling = matrix.cancel();
    // Before the service answers: no heatmap, the cells on their way change nothing, Cancel is not asked twice.
    expect(matrix.cancelling).toBe(true);
    expect(matrix.shownView).toBeNull();
    matrix.cellsFinished(event(4, 10));
    expect(matrix.shownView).toBeNull();
    await cancelling;
    await running;
    expect(matrix.cancelling).toBe(false);
    expect(matrix.cancelled).toBe(true);

    // The next run finishes before the service hears of the cancel: its matrix is shown, not thrown away.
    service.started = new Promise((resolve) => ((service as unknown as { announce: (id: string) => void }).announce = resolve));
    running = matrix.run();
    event = eventOf(await service.started);
    matrix.cellsFinished(event(0, 0, writer.header));
    service.finishRun();
    void matrix.cancel();
    await running;
    expect(matrix.cancelled).toBe(false);
    expect(matrix.view?.cells).toHaveLength(45);
    expect(matrix.shownView).toBe(matrix.view);
  });

  it('waits longer between redraws of the filling heatmap when a redraw was slow, so the window stays free for Cancel', async () => {
    const { service, matrix } = await openedExample();
    const running = matrix.run();
    const runId = await service.started;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const full = runMatrix(fieldReportLab(), {});
      const writer = new MatrixWireWriter(full.cells, { depth: 1, seed: full.seed, client: full.client, vms: full.vms });
      const event = (from: number, to: number, header?: MatrixHeader): EventPayload<'matrix.cells'> => ({
        runId, docId: 'doc-1', header, ...writer.write(full.results.slice(from, to)), done: to, total: full.cells.length, lost: 0, etaMs: 1500,
      });
      matrix.cellsFinished(event(0, 0, writer.header));
      matrix.cellsFinished(event(0, 4)); // drawn at once
      vi.setSystemTime(Date.now() + 500); // ...and that redraw took half a second
      await nextTick();
      expect(matrix.shownView?.cells).toHaveLength(4);

      await vi.advanceTimersByTimeAsync(400);
      matrix.cellsFinished(event(4, 10)); // 900 ms after: an ordinary gap (300 ms) has passed, three times the redraw has not
      expect(matrix.shownView?.cells).toHaveLength(4);
      await vi.advanceTimersByTimeAsync(500);
      expect(matrix.shownView?.cells).toHaveLength(4);
      await vi.advanceTimersByTimeAsync(200); // 1.6 s after the slow redraw began
      expect(matrix.shownView?.cells).toHaveLength(10);
    } finally {
      vi.useRealTimers();
    }
    service.finishRun();
    await running;
  });

  it('runs the matrix again once the engineer pauses editing, so it stays current', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { service, matrix, lab } = await openedExample();
      const first = matrix.run();
      await service.started;
      service.finishRun();
      await first;
      expect(service.runs).toBe(1);
      expect(lab.edit('Rename Guest2', (d) => void (d.vms[1].name = 'Guest3'))).toBeNull();
      expect(lab.edit('Rename Guest3', (d) => void (d.vms[1].name = 'Guest4'))).toBeNull();
      await vi.advanceTimersByTimeAsync(1000);
      // The run waits for the edits to reach the service first: on a loaded machine that takes a few turns.
      await vi.waitFor(() => expect(service.runs).toBe(2));
      expect(matrix.running).not.toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the heatmap of the field-report lab', () => {
  const view = toMatrixView(runMatrix(fieldReportLab(), {}));
  const map = heatmapOf(view);
  const square = (vm: string, header: string) => map.rows.find((r) => r.vm === vm)!.squares[map.columns.findIndex((c) => c.header === header)];

  it('has a row per VM and one column per VM event, the same for every VM, before the failures', () => {
    expect(map.rows.map((r) => r.vm)).toEqual(['Guest1', 'Guest2']);
    expect(map.columns.slice(0, 4).map((c) => c.header)).toEqual(['restart', 'MAC mode + restart', 'live-migrate → HostB', 'migrate → HostB + restart']);
    expect(map.groups[0]).toEqual({ name: 'VM events', span: 4 });
    expect(map.groups.map((g) => g.name)).toContain('switch fails');
  });

  it("marks Guest1's migration then restart lost with its downtime and diagnosis code on hover", () => {
    const sq = square('Guest1', 'migrate → HostB + restart');
    expect(sq.status).toBe('lost');
    expect(sq.title).toMatch(/^Guest1 · live-migrate to HostB, then restart: lost for \d+ s \(stale-team-vm-mac\)$/);
    expect(square('Guest2', 'migrate → HostB + restart').status).toBe('ok');
  });

  it('shows a failure that cuts the client off as not judged, for every VM', () => {
    expect(square('Guest1', 'switch switch1').status).toBe('isolated');
    expect(square('Guest2', 'switch switch1').status).toBe('isolated');
    expect(square('Guest1', 'switch switch2').status).toBe('ok');
  });

  it('shows only the VMs and cases that lose connectivity when asked for losses only, under their group headers', () => {
    const losses = heatmapOf(view, { lossesOnly: true });
    const lostCells = view.cells.filter((c) => c.lostVms.length > 0);
    expect(losses.rows.map((r) => r.vm)).toEqual([...new Set(lostCells.flatMap((c) => c.lostVms.map((l) => l.vm)))].filter((vm) => view.vms.includes(vm)));
    expect(losses.columns.length).toBeLessThan(map.columns.length);
    for (const [i] of losses.columns.entries()) expect(losses.rows.some((r) => r.squares[i].status === 'lost'), losses.columns[i].label).toBe(true);
    expect(losses.columns.map((c) => c.header)).toContain('migrate → HostB + restart');
    expect(losses.groups.reduce((n, g) => n + g.span, 0)).toBe(losses.columns.length);
    expect(losses.groups.map((g) => g.name)).toEqual([...new Set(losses.columns.map((c) => c.group))]);
  });
});

describe('the heatmap of a depth-2 matrix', () => {
  const view = toMatrixView(runMatrix(fieldReportLab(), { depth: 2 }));
  const map = heatmapOf(view);

  it('computes any square on demand, the same as the full rows', () => {
    const rows = map.rows;
    expect(map.vms).toEqual(rows.map((r) => r.vm));
    for (let r = 0; r < map.vms.length; r++) for (let c = 0; c < map.columns.length; c += 7) expect(map.square(r, c)).toEqual(rows[r].squares[c]);
  });

  it('gives the group headers of a window of columns, clipped to it', () => {
    const pairs = map.columns.findIndex((c) => c.group === 'two failures');
    expect(pairs).toBeGreaterThan(0);
    const groups = groupsIn(map.columns, pairs - 2, pairs + 3);
    expect(groups.reduce((n, g) => n + g.span, 0)).toBe(5);
    expect(groups.at(-1)).toEqual({ name: 'two failures', span: 3 });
    expect(groupsIn(map.columns, 0, map.columns.length)).toEqual(map.groups);
  });
});
