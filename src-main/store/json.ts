// The JSON form of a lab: stable key and element order so exports diff cleanly in git.
import { z } from 'zod';
import { labSchema, type Lab } from '../../shared/lab.js';
import { drillReportSchema } from '../../shared/drill.js';
import { readLab } from '../core/lab.js';
import { LabFileError, problemsInOneLine } from './errors.js';
import { jsonTextTooDeep, tooDeepMessage } from '../../shared/nesting.js';
import type { RunRecord } from './types.js';

/** Largest `.lab.json` text read (a 1,000-VM lab with a long history is a few MB). */
export const MAX_JSON_BYTES = 256 * 1024 * 1024;

const runRecordSchema = z
  .object({ ranAt: z.string().max(100), seed: z.number().int(), appVersion: z.string().max(100), report: drillReportSchema })
  .strict();

/** The document with keys in schema order, defaults filled and map-like records sorted by key. */
export function canonicalLab(lab: Lab): Lab {
  return withSortedRecords(labSchema.parse(lab));
}

/** A parsed document (keys already in schema order) with its layout positions sorted by node id. */
export function withSortedRecords(parsed: Lab): Lab {
  const positions = Object.fromEntries(Object.entries(parsed.layout.positions).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { ...parsed, layout: { ...parsed.layout, positions } };
}

export function exportLabJson(lab: Lab, options: { history?: RunRecord[] } = {}): string {
  const document: Record<string, unknown> = { ...canonicalLab(lab) };
  if (options.history) document.history = options.history.map((run) => runRecordSchema.parse(run));
  return `${JSON.stringify(document, null, 2)}\n`;
}

export function importLabJson(text: string, file = 'lab JSON'): { lab: Lab; history: RunRecord[] } {
  if (text.length > MAX_JSON_BYTES) throw new LabFileError(file, 'value-too-large', `is larger than ${MAX_JSON_BYTES / 1024 / 1024} MB; not a lab document`);
  // Windows Notepad starts a UTF-8 file with a byte-order mark, which JSON.parse refuses.
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (jsonTextTooDeep(json)) throw new LabFileError(file, 'invalid-document', tooDeepMessage('the document'));
  let input: unknown;
  try {
    input = JSON.parse(json);
  } catch (error) {
    throw new LabFileError(file, 'invalid-json', `is not valid JSON (${(error as Error).message})`);
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new LabFileError(file, 'invalid-document', 'is not a lab document: expected a JSON object with hosts, VMs and cables');
  const { history: rawHistory, ...document } = input as Record<string, unknown>;
  const parsed = readLab(document);
  if (!parsed.ok) throw new LabFileError(file, 'invalid-document', `is not a valid lab: ${problemsInOneLine(parsed.problems)}`);
  let history: RunRecord[] = [];
  if (rawHistory !== undefined) {
    const runs = z.array(runRecordSchema).safeParse(rawHistory);
    if (!runs.success) {
      const issue = runs.error.issues[0];
      throw new LabFileError(file, 'invalid-document', `has an unreadable run history at history${issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}: ${issue.message}`);
    }
    history = runs.data;
  }
  return { lab: parsed.lab, history };
}
