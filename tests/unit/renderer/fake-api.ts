// An in-memory stand-in for the service behind shared/api.ts: enough of it for the renderer's stores.
import { readFileSync } from 'node:fs';
import type { DocumentState, EditOp, LabPlannerApi, RequestName, RequestParams, RequestValue, Result } from '../../../shared/api.js';
import type { Lab } from '../../../shared/lab.js';
import { applyEditOps } from '../../../src-main/service/edit-ops.js';
import { readLab } from '../../../src-main/core/lab.js';
import { DRIVER_CATALOGUE } from '../../../src-main/core/drivers/catalogue.js';

export function fieldReportLab(): Lab {
  const parsed = readLab(JSON.parse(readFileSync(new URL('../../../examples/field-report.lab.json', import.meta.url), 'utf8')));
  if (!parsed.ok) throw new Error('the field-report example does not parse');
  return parsed.lab;
}

export class FakeService implements LabPlannerApi {
  document: unknown = null;
  revision = 0;
  readonly edits: EditOp[][] = [];
  /** What the file holds on disk when the window reloads it; the example by default. */
  onDisk: Lab | null = null;

  private state(): DocumentState {
    return {
      docId: 'doc-1', path: null, displayName: 'Test lab', document: this.document as Lab, revision: this.revision,
      savedRevision: 0, dirty: this.revision > 0, readOnly: false, problems: [],
    };
  }

  async invoke<N extends RequestName>(request: N, params: RequestParams<N>): Promise<Result<RequestValue<N>>> {
    const ok = (value: unknown) => ({ ok: true, value }) as Result<RequestValue<N>>;
    switch (request) {
      case 'lab.new': {
        const from = (params as RequestParams<'lab.new'>).from;
        this.document = from.kind === 'example' ? fieldReportLab() : readLab({}).ok ? (readLab({}) as { lab: Lab }).lab : null;
        this.revision = 0;
        return ok(this.state());
      }
      case 'drivers.list':
        return ok({ profiles: DRIVER_CATALOGUE });
      case 'lab.edit': {
        const { ops } = params as RequestParams<'lab.edit'>;
        const applied = applyEditOps(this.document, ops as EditOp[]);
        if (!applied.ok) return { ok: false, error: { code: 'invalid-lab', message: applied.message } };
        this.document = applied.document;
        this.revision++;
        this.edits.push(ops as EditOp[]);
        const { document: _d, ...status } = this.state();
        return ok(status);
      }
      case 'lab.get':
        return ok(this.state());
      case 'lab.reload':
        // The file as it is on disk (the example unless told), one revision on.
        this.document = this.onDisk ?? fieldReportLab();
        this.revision++;
        return ok(this.state());
      default:
        return { ok: false, error: { code: 'unsupported', message: `${request} is not faked` } };
    }
  }

  on(): () => void {
    return () => undefined;
  }
}
