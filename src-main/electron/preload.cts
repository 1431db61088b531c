// The preload: exposes exactly `window.api` (invoke, on) and nothing of Node or Electron.
// Sandboxed, so it cannot import the app's modules: the channel names repeat ipc-contract.ts.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

const INVOKE_CHANNEL = 'lab-planner:invoke';
const EVENT_CHANNEL = 'lab-planner:event';

type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();

ipcRenderer.on(EVENT_CHANNEL, (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
  if (typeof name !== 'string') return;
  for (const listener of [...(listeners.get(name) ?? [])]) listener(payload);
});

contextBridge.exposeInMainWorld('api', {
  // Params are checked against shared/api.ts in the main process; the page only names the request.
  invoke: (request: string, params: unknown): Promise<unknown> => ipcRenderer.invoke(INVOKE_CHANNEL, String(request), params),
  on: (event: string, listener: Listener): (() => void) => {
    if (typeof listener !== 'function') throw new TypeError('a listener is a function');
    const name = String(event);
    const set = listeners.get(name) ?? new Set<Listener>();
    set.add(listener);
    listeners.set(name, set);
    return () => {
      set.delete(listener);
    };
  },
});
