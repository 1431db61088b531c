// The bundled example labs: `examples/<id>.lab.json`, listed by their own title and description.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fail, ok, type Result } from '../../shared/api.js';
import type { Lab } from '../../shared/lab.js';
import { formatProblems } from '../../shared/validate.js';
import { readLab } from '../core/lab.js';
import { LAB_JSON_EXTENSION } from './workspace-paths.js';

export interface ExampleInfo {
  id: string;
  title: string;
  description: string;
  fileName: string;
}

export async function listExamples(dir: string): Promise<ExampleInfo[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith(LAB_JSON_EXTENSION)).sort();
  const examples: ExampleInfo[] = [];
  for (const fileName of names) {
    const id = fileName.slice(0, -LAB_JSON_EXTENSION.length);
    const lab = await readExample(dir, id);
    if (lab.ok) examples.push({ id, title: lab.value.meta.title, description: lab.value.meta.description, fileName });
  }
  return examples;
}

export async function readExample(dir: string, id: string): Promise<Result<Lab>> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id)) return fail('not-found', `there is no example called "${id}"`);
  let text: string;
  try {
    text = await readFile(path.join(dir, `${id}${LAB_JSON_EXTENSION}`), 'utf8');
  } catch {
    return fail('not-found', `there is no example called "${id}"`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail('bad-file', `example "${id}" is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = readLab(json);
  if (!parsed.ok) return fail('bad-file', `example "${id}" is not a valid lab:\n${formatProblems(parsed.problems)}`, parsed.problems);
  return ok(parsed.lab);
}
