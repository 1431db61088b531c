// Reads an estate folder for the Hyper-V import: HOST/CMDLET.json per host and switches/SWITCH.txt.
// The thin I/O side of core/import/hyperv.ts, shared by the CLI and the service.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { fail, ok, type Result } from '../../shared/api.js';
import { ImportError } from '../core/import/powershell-json.js';
import { importHyperV, type Estate, type EstateFile, type HyperVImport } from '../core/import/hyperv.js';
import type { PathPolicy } from './workspace-paths.js';

/** The folder of pasted switch output (`show mac address-table`, `show lldp|cdp neighbors detail`). */
export const SWITCHES_FOLDER = 'switches';
/** Biggest file the import reads; cmdlet output of a large host is a few megabytes. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

export function readEstateFolder(dir: string): Estate {
  const entries = listFolder(dir, dir);
  const estate: Estate = { hosts: [], switches: [] };
  for (const name of entries) {
    const full = join(dir, name);
    if (!statSync(full).isDirectory()) throw new ImportError(`${name}: the import reads one folder per host (HOST/CMDLET.json) and ${SWITCHES_FOLDER}/, not loose files`);
    const files = listFolder(full, name).map((file) => readEstateFile(join(full, file), `${name}/${file}`));
    if (name.toLowerCase() === SWITCHES_FOLDER) {
      for (const f of files) if (!/\.txt$/i.test(f.path)) throw new ImportError(`${f.path}: switch output goes in ${SWITCHES_FOLDER}/SWITCH.txt`);
      estate.switches.push(...files);
    } else estate.hosts.push({ folder: name, files });
  }
  return estate;
}

function listFolder(dir: string, shown: string): string[] {
  try {
    return readdirSync(dir).filter((n) => !n.startsWith('.')).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ImportError(`${shown}: ${code === 'ENOENT' ? 'no such folder' : code === 'ENOTDIR' ? 'is not a folder' : (error as Error).message}`);
  }
}

function readEstateFile(full: string, path: string): EstateFile {
  const stat = statSync(full);
  if (!stat.isFile()) throw new ImportError(`${path}: is not a file the import reads`);
  if (stat.size > MAX_FILE_BYTES) throw new ImportError(`${path}: is ${Math.round(stat.size / 1048576)} MB, more than cmdlet output ever is`);
  return { path, bytes: readFileSync(full) };
}

/** The estate folder a window named: anywhere under Electron (main handed it out), inside the workspace in the browser host. */
export async function resolveEstateFolder(paths: PathPolicy, requested: string): Promise<Result<string>> {
  if (requested.includes('\0')) return fail('path-refused', 'the folder name contains a NUL character');
  const root = paths.workspace;
  const absolute = resolve(root ?? '.', requested);
  const real = await realpath(absolute).catch(() => null);
  if (real === null) return fail('file-error', `the folder "${requested}" does not exist`);
  if (root !== null) {
    const realRoot = await realpath(root);
    const inside = (p: string) => p === realRoot || p.startsWith(realRoot + sep);
    if (!inside(real)) return fail('path-refused', `"${requested}" is outside the workspace folder ${root}`);
  }
  return ok(real);
}

/** Reads and imports an estate folder; a mistake in its files is a `bad-file` naming the file and field. */
export function importEstate(folder: string): Result<HyperVImport> {
  try {
    return ok(importHyperV(readEstateFolder(folder)));
  } catch (error) {
    if (error instanceof ImportError) return fail('bad-file', error.message);
    throw error;
  }
}
