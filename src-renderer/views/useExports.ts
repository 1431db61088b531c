// Export capture and export report: downloads in the browser host, native save dialogs under Electron.
import { ref, shallowRef } from 'vue';
import { call, ApiRefusal } from '../api/client.js';
import { useLabStore } from '../stores/lab.js';
import { useCommands } from './useCommands.js';
import { canvasHolder } from '../canvas/current.js';
import { showToast, dismissTopic } from '../stores/toasts.js';
import { plural } from '../../shared/words.js';
import type { RequestParams, RequestValue } from '../../shared/api.js';

export type DiagramFormat = RequestParams<'diagram.export'>['format'];
export const DIAGRAM_FORMATS: { format: DiagramFormat; label: string }[] = [
  { format: 'drawio', label: 'draw.io' },
  { format: 'mermaid', label: 'Mermaid' },
  { format: 'svg', label: 'SVG' },
];
const DIAGRAM_TYPES: Record<DiagramFormat, string> = { drawio: 'application/vnd.jgraph.mxfile', mermaid: 'text/plain', svg: 'image/svg+xml' };

/** What a capture records: a drill of the lab by name, or a what-if case by its cell id. */
export type CaptureSource = { drill: string } | { cellId: string; name: string };

/** `pcap`: one classic file per point; `pcapng`: one file, an interface named after each point. */
export type CaptureFormat = 'pcap' | 'pcapng';
const captureDialog = shallowRef<{ source: CaptureSource | null; points: RequestValue<'capture.points'>['points']; format: CaptureFormat; all: boolean } | null>(null);
const busy = ref<{ what: string; runId: string | null; done: number; total: number } | null>(null);
let runCounter = 0;

export function download(bytes: BlobPart, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function base64Bytes(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

export function useExports() {
  const lab = useLabStore();
  const commands = useCommands();
  const native = () => commands.info.value?.host === 'electron';

  /** The export's outcome, in the domain's words ("Saved field-report-report.html"). */
  const notice = (message: string) => showToast(message, { topic: 'export' });

  function failed(e: unknown): void {
    if (e instanceof ApiRefusal && e.code === 'cancelled') notice('Export cancelled.');
    else showToast(e instanceof Error ? e.message : String(e), { tone: 'error', topic: 'export' });
  }

  async function exportReport(): Promise<void> {
    const docId = lab.status?.docId;
    if (!docId || busy.value) return;
    const runId = `report-${Date.now()}-${++runCounter}`;
    busy.value = { what: 'Writing the report', runId, done: 0, total: 0 };
    dismissTopic('export');
    try {
      await lab.settled();
      const out = await call('report.export', { docId, runId, saveToFile: native() });
      if (out.html !== undefined) download(out.html, out.fileName, 'text/html');
      notice(`${out.savedTo ? `Saved ${out.savedTo}` : `Downloaded ${out.fileName}`}: ${plural(out.checks, 'design check')}, ${plural(out.drills, 'drill')}, ${plural(out.matrixCells, 'what-if case')}.`);
    } catch (e) {
      failed(e);
    } finally {
      busy.value = null;
    }
  }

  /** Asks which drill (or the given what-if case) and where to capture; `all`: every point into one pcapng file. */
  async function openCaptureDialog(source?: CaptureSource, all = false): Promise<void> {
    const docId = lab.status?.docId;
    if (!docId) return;
    dismissTopic('export');
    try {
      const { points } = await call('capture.points', { docId });
      const first = lab.doc?.drills[0]?.name;
      captureDialog.value = { source: source ?? (first ? { drill: first } : null), points, format: all ? 'pcapng' : 'pcap', all };
    } catch (e) {
      failed(e);
    }
  }

  async function exportCapture(source: CaptureSource, points: readonly string[], format: CaptureFormat = 'pcap'): Promise<void> {
    const docId = lab.status?.docId;
    if (!docId || busy.value) return;
    captureDialog.value = null;
    busy.value = { what: 'Capturing', runId: null, done: 0, total: 0 };
    dismissTopic('export');
    try {
      await lab.settled();
      const out = await call('capture.export', {
        docId,
        ...('drill' in source ? { drill: source.drill } : { cellId: source.cellId }),
        ...(points.length ? { points: [...points] } : {}),
        saveToFile: native(),
        format,
      });
      const type = format === 'pcapng' ? 'application/x-pcapng' : 'application/vnd.tcpdump.pcap';
      for (const f of out.files) if (f.base64 !== undefined) download(base64Bytes(f.base64), f.fileName, type);
      const saved = out.files.map((f) => f.savedTo).filter((s): s is string => !!s);
      notice(`${saved.length ? `Saved ${saved.join(', ')}` : `Downloaded ${out.files.map((f) => f.fileName).join(', ')}`} (${out.drill} ${out.passed ? 'passed' : 'failed'}).`);
    } catch (e) {
      failed(e);
    } finally {
      busy.value = null;
    }
  }

  /** The topology as a draw.io, Mermaid or SVG file, offered as a download. */
  async function exportDiagram(format: DiagramFormat): Promise<void> {
    const docId = lab.status?.docId;
    if (!docId) return;
    dismissTopic('export');
    try {
      await lab.settled();
      const out = await call('diagram.export', { docId, format });
      if (out.text !== undefined) download(out.text, out.fileName, DIAGRAM_TYPES[format]);
      notice(out.savedTo ? `Saved ${out.savedTo}` : `Downloaded ${out.fileName}`);
    } catch (e) {
      failed(e);
    }
  }

  /** The whole canvas as drawn now, at twice its size, on the canvas's own background. */
  function exportCanvasPng(): void {
    const cy = canvasHolder.adapter?.cy;
    const title = lab.status?.displayName;
    if (!cy || !title) return;
    const bg = getComputedStyle(cy.container() ?? document.body).backgroundColor;
    const png = cy.png({ full: true, scale: 2, bg: bg && bg !== 'rgba(0, 0, 0, 0)' ? bg : '#ffffff', output: 'blob' });
    const fileName = `${title.replace(/\.lab$/i, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'lab'}.png`;
    download(png, fileName, 'image/png');
    notice(`Downloaded ${fileName}`);
  }

  async function cancel(): Promise<void> {
    const runId = busy.value?.runId;
    if (runId) await call('run.cancel', { runId }).catch(() => undefined);
  }

  function progress(p: { runId: string; done: number; total: number }): void {
    if (busy.value && busy.value.runId === p.runId) busy.value = { ...busy.value, done: p.done, total: p.total };
  }

  return { captureDialog, busy, exportReport, openCaptureDialog, exportCapture, exportDiagram, exportCanvasPng, cancel, progress };
}
