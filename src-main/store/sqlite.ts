// Every SQLite connection of the store is made here, so the Electron app can point better-sqlite3
// at its own native build (Electron's ABI) while tests and the browser host use Node's.
import Database from 'better-sqlite3';

let nativeBinding: string | undefined = process.env.LAB_PLANNER_SQLITE_BINDING || undefined;

/** Uses the better-sqlite3 native addon at `path` (e.g. one rebuilt for Electron); undefined = the default. */
export function useSqliteNativeBinding(path: string | undefined): void {
  nativeBinding = path;
}

/**
 * How long a connection waits for another program's write transaction on the lab to finish before
 * the store says "is being written by another program; try again in a moment".
 */
export const BUSY_WAIT_MS = 5000;

/** A connection to a file path, ':memory:', or a serialized database in a Buffer (opened in memory). */
export function openDatabase(source: string | Buffer, options: Database.Options = {}): Database.Database {
  const withWait = { timeout: BUSY_WAIT_MS, ...options };
  return new Database(source, nativeBinding ? { ...withWait, nativeBinding } : withWait);
}
