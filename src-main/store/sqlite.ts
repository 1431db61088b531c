// Every SQLite connection of the store is made here, so the Electron app can point better-sqlite3
// at its own native build (Electron's ABI) while tests and the browser host use Node's.
import Database from 'better-sqlite3';

let nativeBinding: string | undefined = process.env.LAB_PLANNER_SQLITE_BINDING || undefined;

/** Uses the better-sqlite3 native addon at `path` (e.g. one rebuilt for Electron); undefined = the default. */
export function useSqliteNativeBinding(path: string | undefined): void {
  nativeBinding = path;
}

/** A connection to a file path, ':memory:', or a serialized database in a Buffer (opened in memory). */
export function openDatabase(source: string | Buffer, options: Database.Options = {}): Database.Database {
  return new Database(source, nativeBinding ? { ...options, nativeBinding } : options);
}
