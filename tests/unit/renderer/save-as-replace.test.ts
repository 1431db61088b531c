// Save-as onto another lab's file asks first; only an explicit replace overwrites it.
import { describe, it, expect, beforeEach } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { useLabStore } from '../../../src-renderer/stores/lab.js';
import { useApi } from '../../../src-renderer/api/client.js';
import type { RequestName, RequestParams, RequestValue, Result } from '../../../shared/api.js';
import { FakeService } from './fake-api.js';

/** The fake service, with Other.lab already on disk. */
class ServiceWithOtherLab extends FakeService {
  readonly saveAsCalls: unknown[] = [];
  override async invoke<N extends RequestName>(request: N, params: RequestParams<N>): Promise<Result<RequestValue<N>>> {
    if (request !== 'lab.saveAs') return super.invoke(request, params);
    this.saveAsCalls.push(params);
    const p = params as RequestParams<'lab.saveAs'>;
    if (p.path === 'Other.lab' && !p.overwrite) return { ok: false, error: { code: 'file-exists', message: 'Other.lab already exists; replace it?' } };
    const status = { docId: 'doc-1', path: p.path ?? null, displayName: p.path ?? 'x', revision: 0, savedRevision: 0, dirty: false, readOnly: false, problems: [] };
    return { ok: true, value: status } as Result<RequestValue<N>>;
  }
}

describe('save-as in the window', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('answers that the file exists (not an error) and replaces it only when asked again with overwrite', async () => {
    const service = new ServiceWithOtherLab();
    useApi(service);
    const lab = useLabStore();
    await lab.newLab({ kind: 'empty' });
    expect(await lab.saveAs('Other.lab')).toBe('exists');
    expect(lab.error).toBeNull();
    expect(lab.status?.path).toBeNull();
    expect(await lab.saveAs('Other.lab', true)).toBe('saved');
    expect(service.saveAsCalls).toEqual([{ docId: 'doc-1', path: 'Other.lab' }, { docId: 'doc-1', path: 'Other.lab', overwrite: true }]);
    expect(lab.status?.path).toBe('Other.lab');
  });

  it('leaves the question to the host when its native save dialog picks the file (that dialog asks before replacing)', async () => {
    const service = new ServiceWithOtherLab();
    useApi(service);
    const lab = useLabStore();
    await lab.newLab({ kind: 'empty' });
    await lab.saveAs();
    expect(service.saveAsCalls).toEqual([{ docId: 'doc-1', overwrite: true }]);
  });
});
