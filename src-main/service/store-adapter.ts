// LabFiles on the `.lab` store; autosaved work is kept as JSON exports in a recovery folder.
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { labSchema } from '../../shared/lab.js';
import { exportLabJson, importLabJson, isLabFileError, openLabFile, saveLabFile, type LabFileErrorReason } from '../store/index.js';
import { LabFileFailure, type LabFileFailureKind, type LabFiles, type RecoveredWork } from './lab-files.js';

const FAILURE_OF: Record<LabFileErrorReason, LabFileFailureKind> = {
  'not-found': 'file-error',
  'not-a-file': 'file-error',
  io: 'file-error',
  exists: 'file-error',
  empty: 'bad-file',
  'not-sqlite': 'bad-file',
  truncated: 'bad-file',
  corrupt: 'bad-file',
  'other-application': 'bad-file',
  'newer-schema': 'bad-file',
  integrity: 'bad-file',
  'dangling-reference': 'bad-file',
  'value-too-large': 'bad-file',
  'invalid-json': 'bad-file',
  'invalid-document': 'invalid-lab',
  conflict: 'changed-on-disk',
  'read-only': 'read-only',
};

/** Runs a store call, turning its LabFileError into the service's failure value. */
function translated<T>(action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (isLabFileError(error)) throw new LabFileFailure(FAILURE_OF[error.reason] ?? 'file-error', error.message);
    throw error;
  }
}

interface RecoveryRecord {
  path: string | null;
  title: string;
  savedAt: string;
  lab: unknown;
}

export function storeLabFiles(options: { recoveryDir: string; now?: () => Date }): LabFiles {
  const recoveryFile = (id: string) => path.join(options.recoveryDir, `${id.replace(/[^A-Za-z0-9_-]/g, '_')}.recovery.json`);
  const readRecord = async (file: string): Promise<RecoveryRecord | null> => {
    try {
      const record = JSON.parse(await readFile(file, 'utf8')) as RecoveryRecord;
      return typeof record.savedAt === 'string' && typeof record.title === 'string' ? record : null;
    } catch {
      return null; // a half-written or foreign file is not recoverable work
    }
  };

  return {
    async open(file) {
      const opened = translated(() => openLabFile(file, { migrate: 'memory' }));
      return { lab: opened.lab, readOnly: opened.readOnly, readOnlyReason: opened.readOnlyReason, fingerprint: opened.fingerprint };
    },
    async save(file, lab, expectedFingerprint) {
      const saved = translated(() => saveLabFile(file, lab, expectedFingerprint === null ? {} : { expectedFingerprint }));
      return { fingerprint: saved.fingerprint };
    },
    exportJson: (lab) => exportLabJson(lab),
    importJson: (text, fileName) => translated(() => importLabJson(text, fileName).lab),

    async autosave(id, labPath, lab) {
      await mkdir(options.recoveryDir, { recursive: true });
      const record: RecoveryRecord = {
        path: labPath,
        title: lab.meta.title,
        savedAt: (options.now?.() ?? new Date()).toISOString(),
        lab: JSON.parse(exportLabJson(lab)),
      };
      const file = recoveryFile(id);
      await writeFile(`${file}.tmp`, JSON.stringify(record));
      await rename(`${file}.tmp`, file);
    },
    async discardAutosave(id) {
      await rm(recoveryFile(id), { force: true });
    },
    async listAutosaves() {
      const names = await readdir(options.recoveryDir).catch(() => [] as string[]);
      const found: RecoveredWork[] = [];
      for (const name of names.filter((n) => n.endsWith('.recovery.json')).sort()) {
        const record = await readRecord(path.join(options.recoveryDir, name));
        if (record) found.push({ id: name.slice(0, -'.recovery.json'.length), path: record.path, title: record.title, savedAt: record.savedAt });
      }
      return found.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
    },
    async readAutosave(id) {
      const record = await readRecord(recoveryFile(id));
      if (!record) throw new LabFileFailure('not-found', 'that recovered work is no longer there');
      // Work in progress may still have reference problems, so only the schema is required here.
      const parsed = labSchema.safeParse(record.lab);
      if (!parsed.success) throw new LabFileFailure('bad-file', `the recovered work of ${record.path ?? record.title} is damaged`);
      return { path: record.path, lab: parsed.data };
    },
  };
}
