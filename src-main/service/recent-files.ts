// Recently opened files, newest first: kept in a small JSON file, or in memory when there is none.
import { readFile, writeFile, mkdir, rename } from 'node:fs/promises';
import path from 'node:path';

export interface RecentEntry {
  path: string;
  title: string;
  openedAt: string;
}

export const RECENT_LIMIT = 10;

export class RecentFiles {
  private entries: RecentEntry[] | null = null;

  /** `stateFile` null keeps the list for this run only (the browser host). */
  constructor(private readonly stateFile: string | null) {}

  async list(): Promise<RecentEntry[]> {
    if (this.entries === null) this.entries = await this.load();
    return [...this.entries];
  }

  async add(entry: RecentEntry): Promise<void> {
    const rest = (await this.list()).filter((e) => e.path !== entry.path);
    this.entries = [entry, ...rest].slice(0, RECENT_LIMIT);
    await this.store();
  }

  async remove(filePath: string): Promise<void> {
    this.entries = (await this.list()).filter((e) => e.path !== filePath);
    await this.store();
  }

  async clear(): Promise<void> {
    this.entries = [];
    await this.store();
  }

  private async load(): Promise<RecentEntry[]> {
    if (!this.stateFile) return [];
    try {
      const parsed: unknown = JSON.parse(await readFile(this.stateFile, 'utf8'));
      if (!Array.isArray(parsed)) return [];
      return parsed
        .filter((e): e is RecentEntry => typeof e?.path === 'string' && typeof e?.title === 'string' && typeof e?.openedAt === 'string')
        .slice(0, RECENT_LIMIT);
    } catch {
      return []; // a missing or damaged list just starts empty
    }
  }

  private async store(): Promise<void> {
    if (!this.stateFile) return;
    await mkdir(path.dirname(this.stateFile), { recursive: true });
    const temp = `${this.stateFile}.tmp`;
    await writeFile(temp, JSON.stringify(this.entries, null, 2));
    await rename(temp, this.stateFile);
  }
}
