// The IPC binding's pure half: channel names and the checks every call passes before the service sees it.
import { parseRequest, type ApiError, type RequestName } from '../../shared/api.js';
import { tooDeepMessage, valueTooDeep } from '../../shared/nesting.js';
import { isTrustedSender, type AppOrigin } from './sender-check.js';

/** Must match the strings in preload.cts (a sandboxed preload cannot import this module). */
export const INVOKE_CHANNEL = 'lab-planner:invoke';
export const EVENT_CHANNEL = 'lab-planner:event';

export type CheckedCall = { ok: true; request: RequestName; params: unknown } | { ok: false; error: ApiError };

/** Refuses calls from foreign frames and payloads that do not match shared/api.ts. */
export function checkIpcCall(
  frame: { url: string; isMainFrame?: boolean; parent?: unknown } | null | undefined,
  origin: AppOrigin,
  request: unknown,
  params: unknown,
): CheckedCall {
  if (!isTrustedSender(frame, origin)) return { ok: false, error: { code: 'invalid-request', message: 'calls are accepted only from the Lab Planner window' } };
  if (typeof request !== 'string') return { ok: false, error: { code: 'invalid-request', message: 'a request is named by a string' } };
  if (valueTooDeep(params)) return { ok: false, error: { code: 'invalid-request', message: tooDeepMessage(`${request.slice(0, 100)}: the request`) } };
  return parseRequest(request, params);
}

/** What the main process must ask the user before a request can reach the service (a native dialog). */
export type DialogStep =
  | 'choose-lab-to-open'
  | 'choose-lab-to-save'
  | 'choose-json-to-import'
  | 'choose-hyperv-folder'
  | 'choose-json-export-file'
  | 'choose-capture-file'
  | 'choose-capture-folder'
  | 'choose-pcapng-file'
  | 'choose-report-file'
  | null;

export function dialogStepFor(request: RequestName, params: unknown): DialogStep {
  const p = (params ?? {}) as Record<string, unknown>;
  if (request === 'lab.open' && p.path === undefined) return 'choose-lab-to-open';
  if (request === 'lab.saveAs' && p.path === undefined) return 'choose-lab-to-save';
  if (request === 'lab.importJson' && p.text === undefined) return 'choose-json-to-import';
  if (request === 'lab.importHyperV' && p.path === undefined) return 'choose-hyperv-folder';
  if (request === 'lab.exportJson' && p.saveToFile === true) return 'choose-json-export-file';
  if (request === 'lab.compare' && p.path === undefined && p.example === undefined) return 'choose-lab-to-open';
  if (request === 'capture.export' && p.saveToFile === true && p.path === undefined && p.format === 'pcapng') return 'choose-pcapng-file';
  if (request === 'capture.export' && p.saveToFile === true && p.path === undefined)
    return Array.isArray(p.points) && p.points.length === 1 ? 'choose-capture-file' : 'choose-capture-folder';
  if (request === 'report.export' && p.saveToFile === true && p.path === undefined) return 'choose-report-file';
  return null;
}

/** Largest JSON file the import dialog reads (matches the store's limit on `.lab.json` text). */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;
