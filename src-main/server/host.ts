// The browser host as a whole: a service for one workspace behind the HTTP/WebSocket server.
import type { LabService, Startup } from '../service/service.js';
import { createLabService } from '../service/create-service.js';
import { rendererDir as defaultRendererDir } from '../service/app-paths.js';
import { startServer, type RunningServer } from './server.js';
import type { ApiEndpoint } from './api-socket.js';

/** The service behind sockets: each connection holds the labs it opened; a lab closes when its last holder goes. */
export function serviceEndpoint(service: LabService): ApiEndpoint {
  return {
    handle: (request, params, client) => service.handle(request, params, client),
    onEvent: (listener) => service.events.onAny(listener),
    disconnected(client) {
      void service.releaseHolder(client);
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
