// Which window shows which document, and whether it has unsaved changes: for the close prompt and file opens.
import type { DocumentStatus } from '../../shared/api.js';

export interface TrackedDocument {
  docId: string;
  windowId: number;
  path: string | null;
  displayName: string;
  dirty: boolean;
}

export class WindowDocuments {
  private readonly docs = new Map<string, TrackedDocument>();

  /** A request answered with a document state or status: the document belongs to the window that asked. */
  noteResult(windowId: number, request: string, params: unknown, result: { ok: boolean; value?: unknown }): void {
    if (request === 'lab.close' && result.ok) {
      this.docs.delete(String((params as { docId?: unknown })?.docId));
      return;
    }
    if (!result.ok || !isStatus(result.value)) return;
    const existing = this.docs.get(result.value.docId);
    this.docs.set(result.value.docId, { ...toTracked(result.value), windowId: existing?.windowId ?? windowId });
  }

  /** `document.changed` events keep dirty marks and paths current. */
  noteChanged(status: unknown): void {
    if (!isStatus(status)) return;
    const existing = this.docs.get(status.docId);
    if (existing) this.docs.set(status.docId, { ...toTracked(status), windowId: existing.windowId });
  }

  ofAll(): TrackedDocument[] {
    return [...this.docs.values()];
  }

  ofWindow(windowId: number): TrackedDocument[] {
    return [...this.docs.values()].filter((d) => d.windowId === windowId);
  }

  unsavedOfWindow(windowId: number): TrackedDocument[] {
    return this.ofWindow(windowId).filter((d) => d.dirty);
  }

  /** The window already showing the lab at `path`, if any. */
  windowShowing(path: string): number | null {
    for (const d of this.docs.values()) if (d.path === path) return d.windowId;
    return null;
  }

  forgetWindow(windowId: number): void {
    for (const d of this.ofWindow(windowId)) this.docs.delete(d.docId);
  }
}

function isStatus(value: unknown): value is DocumentStatus {
  const v = value as Partial<DocumentStatus> | null;
  return typeof v?.docId === 'string' && typeof v.dirty === 'boolean' && typeof v.displayName === 'string';
}

function toTracked(status: DocumentStatus): Omit<TrackedDocument, 'windowId'> {
  return { docId: status.docId, path: status.path, displayName: status.displayName, dirty: status.dirty };
}
