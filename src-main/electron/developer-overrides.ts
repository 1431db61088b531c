// Environment variables a developer sets to point the app at other files; only an unpackaged run
// honours them, so nothing in the environment can make an installed app load another window or binary.

/** Where the window's files come from, the SQLite native binding, and the Vite dev server. */
export const DEVELOPER_OVERRIDES = ['LAB_PLANNER_RENDERER_DIR', 'LAB_PLANNER_SQLITE_BINDING', 'LAB_PLANNER_DEV_URL'] as const;

/** The environment the app acts on: a packaged app drops every developer override. */
export function honouredEnvironment(env: NodeJS.ProcessEnv, isPackaged: boolean): NodeJS.ProcessEnv {
  const honoured = { ...env };
  if (isPackaged) for (const name of DEVELOPER_OVERRIDES) delete honoured[name];
  return honoured;
}
