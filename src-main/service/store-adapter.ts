// LabFiles on the `.lab` store. Work on saved labs autosaves through the store's WorkingCopy (one
// recovery file per lab path); work on labs never saved is kept as JSON beside it.
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { labSchema } from '../../shared/lab.js';
import {
  WorkingCopy,
  createLabFile,
  exportLabJson,
  findRecoverable,
  importLabJson,
  isLabFileError,
  openLabFile,
  saveLabFile,
  type LabFileErrorReason,
} from '../store/index.js';
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

const FILE_WORK = 'file:';
const UNSAVED_SUFFIX = '.unsaved.json';

interface UnsavedRecord {
  title: string;
  savedAt: string;
  lab: unknown;
}

export function storeLabFiles(options: { recoveryDir: string; now?: () => Date }): LabFiles {
  const now = () => (options.now?.() ?? new Date()).toISOString();
  const copyOptions = { recoveryDir: options.recoveryDir, now };
  const unsavedFile = (key: string) => path.join(options.recoveryDir, `unsaved-${key.replace(/[^A-Za-z0-9_-]/g, '_')}${UNSAVED_SUFFIX}`);
  const readUnsaved = async (file: string): Promise<UnsavedRecord | null> => {
    try {
      const record = JSON.parse(await readFile(file, 'utf8')) as UnsavedRecord;
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
    async replace(file, lab) {
      // A new lab over another one: that file's drill history is not this lab's, so it starts empty.
      const saved = translated(() => createLabFile(file, lab, { overwrite: true }));
      return { fingerprint: saved.fingerprint };
    },
    exportJson: (lab) => exportLabJson(lab),
    importJson: (text, fileName) => translated(() => importLabJson(text, fileName).lab),

    async autosave(key, labPath, lab, baseFingerprint) {
      if (labPath !== null) {
        const copy = new WorkingCopy(labPath, lab, baseFingerprint, copyOptions);
        copy.update(lab);
        copy.close(); // writes now: the service already waited for the edits to settle
        return;
      }
      await mkdir(options.recoveryDir, { recursive: true });
      const record: UnsavedRecord = { title: lab.meta.title, savedAt: now(), lab: JSON.parse(exportLabJson(lab)) };
      const file = unsavedFile(key);
      await writeFile(`${file}.tmp`, JSON.stringify(record));
      await rename(`${file}.tmp`, file);
    },
    async discardAutosave(key, labPath) {
      if (labPath !== null) new WorkingCopy(labPath, labSchema.parse({}), null, copyOptions).discard();
      else await rm(unsavedFile(key), { force: true });
    },
    async listUnsavedWork() {
      const names = await readdir(options.recoveryDir).catch(() => [] as string[]);
      const found: RecoveredWork[] = [];
      for (const name of names.filter((n) => n.startsWith('unsaved-') && n.endsWith(UNSAVED_SUFFIX))) {
        const record = await readUnsaved(path.join(options.recoveryDir, name));
        if (record) found.push({ id: name.slice(0, -UNSAVED_SUFFIX.length), path: null, title: record.title, savedAt: record.savedAt });
      }
      return found.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
    },
    async findWorkOn(labPath) {
      const work = findRecoverable(labPath, copyOptions);
      return work && { id: `${FILE_WORK}${work.labPath}`, path: work.labPath, title: work.lab.meta.title, savedAt: work.savedAt };
    },
    async readWork(id) {
      if (id.startsWith(FILE_WORK)) {
        const work = findRecoverable(id.slice(FILE_WORK.length), copyOptions);
        if (!work) throw new LabFileFailure('not-found', 'that recovered work is no longer there');
        return { path: work.labPath, lab: work.lab, baseFingerprint: work.baseFingerprint };
      }
      const record = /^unsaved-[A-Za-z0-9_-]+$/.test(id) ? await readUnsaved(path.join(options.recoveryDir, `${id}${UNSAVED_SUFFIX}`)) : null;
      if (!record) throw new LabFileFailure('not-found', 'that recovered work is no longer there');
      // Work in progress may still have reference problems, so only the schema is required here.
      const parsed = labSchema.safeParse(record.lab);
      if (!parsed.success) throw new LabFileFailure('bad-file', `the recovered work on "${record.title}" is damaged`);
      return { path: null, lab: parsed.data, baseFingerprint: null };
    },
  };
}
