// Benchmark of the service behind the window: what one edit, an open and a drill run cost over the
// browser host's WebSocket, on the field-report lab and on a 64-host, 1,000-VM lab.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startBrowserHost } from '../../src-main/server/host.js';
import { connect } from '../integration/server/api-client.js';
import { exportLabJson } from '../../src-main/store/index.js';
import type { DocumentState, DocumentStatus } from '../../shared/api.js';
import { bigLab } from './store.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (ms: number) => Math.round(ms * 10) / 10;

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

export async function bench(): Promise<Record<string, number | string | boolean>> {
  const root = mkdtempSync(join(tmpdir(), 'lab-planner-service-bench-'));
  const host = await startBrowserHost({ workspace: root, stateDir: join(root, 'state'), rendererDir: join(root, 'none') });
  const client = await connect(`ws://127.0.0.1:${host.port}/api?token=${host.token}`);
  try {
    const must = <T>(r: { ok: boolean; value?: unknown; error?: { message: string } }): T => {
      if (!r.ok) throw new Error(r.error!.message);
      return r.value as T;
    };
    const [example, openExampleMs] = await timed(async () => must<DocumentState>(await client.call('lab.new', { from: { kind: 'example', id: 'field-report' } })));
    const drillMs: number[] = [];
    for (let i = 0; i < 5; i++) drillMs.push((await timed(async () => must(await client.call('drills.run', { docId: example.docId, runId: `b${i}`, drills: ['migrate-then-restart'] }))))[1]);

    const text = exportLabJson(bigLab());
    const [big, importBigMs] = await timed(async () => must<DocumentState>(await client.call('lab.importJson', { text, fileName: 'big.lab.json' })));
    let revision = big.revision;
    const editMs: number[] = [];
    for (let i = 0; i < 20; i++) {
      const [status, ms] = await timed(async () =>
        must<DocumentStatus>(await client.call('lab.edit', { docId: big.docId, baseRevision: revision, ops: [{ op: 'set', path: ['layout', 'positions', 'host:Host01'], value: { x: i, y: i } }] })),
      );
      revision = status.revision;
      editMs.push(ms);
    }
    const [, saveBigMs] = await timed(async () => must(await client.call('lab.saveAs', { docId: big.docId, path: 'big.lab' })));
    must(await client.call('lab.close', { docId: big.docId }));
    const [, openBigMs] = await timed(async () => must(await client.call('lab.open', { path: 'big.lab' })));
    return {
      service_field_report_open_ms: round(openExampleMs),
      service_field_report_drill_median_ms: round(median(drillMs)),
      service_1000vm_import_ms: round(importBigMs),
      service_1000vm_edit_median_ms: round(median(editMs)),
      service_1000vm_save_ms: round(saveBigMs),
      service_1000vm_open_ms: round(openBigMs),
    };
  } finally {
    client.close();
    await host.close();
    rmSync(root, { recursive: true, force: true });
  }
}
