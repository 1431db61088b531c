// The browser host as a whole: a service for one workspace behind the HTTP/WebSocket server.
import type { LabService, Startup } from '../service/service.js';
import { createLabService } from '../service/create-service.js';
import { rendererDir as defaultRendererDir } from '../service/app-paths.js';
import { startServer, type RunningServer } from './server.js';
import type { ApiEndpoint } from './api-socket.js';

/** The service behind sockets; a lab is let go once no open connection has used it. */
export function serviceEndpoint(service: LabService): ApiEndpoint {
  const holders = new Map<string, Set<object>>();
  return {
    async handle(request, params, client) {
      const result = await service.handle(request, params);
      const docId = result.ok ? (result.value as { docId?: unknown } | null)?.docId : undefined;
      if (typeof docId === 'string') holders.set(docId, (holders.get(docId) ?? new Set()).add(client));
      if (request === 'lab.close' && result.ok) holders.delete(String((params as { docId?: unknown }).docId));
      return result;
    },
    onEvent: (listener) => service.events.onAny(listener),
    disconnected(client) {
      for (const [docId, clients] of holders) {
        clients.delete(client);
        if (clients.size > 0) continue;
        holders.delete(docId);
        void service.release(docId);
      }
    },
  };
}

export interface BrowserHostOptions {
  workspace: string;
  port?: number;
  startup?: Startup;
  rendererDir?: string;
  stateDir?: string;
  token?: string;
}

export interface BrowserHost extends RunningServer {
  service: LabService;
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const service = await createLabService({ host: 'browser', workspace: options.workspace, startup: options.startup, stateDir: options.stateDir });
  const server = await startServer({
    endpoint: serviceEndpoint(service),
    rendererDir: options.rendererDir ?? defaultRendererDir(),
    port: options.port,
    token: options.token,
  });
  return {
    ...server,
    service,
    async close() {
      await server.close();
      await service.dispose();
    },
  };
}
