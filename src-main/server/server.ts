// The browser host: the built renderer over HTTP and the API over WebSocket, on 127.0.0.1 behind a per-run token.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { API_SOCKET_PATH, API_TOKEN_PARAM } from '../../shared/api.js';
import { ApiWebSocket, bindApiSocket, type ApiEndpoint } from './api-socket.js';
import { MAX_FRAME_BYTES } from './frame-limits.js';
import { LOOPBACK, checkApiAccess, checkPageAccess, commonHeaders, contentSecurityPolicy, newToken } from './http-security.js';
import { notBuiltMessage, readStaticFile, rendererBuilt } from './static-files.js';

export interface ServerOptions {
  endpoint: ApiEndpoint;
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Tests pass a fixed token; normally a new random one per run. */
  token?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = options.token ?? newToken();
  let port = 0;
  const apiAccess = (req: http.IncomingMessage, url: URL) =>
    checkApiAccess({ host: req.headers.host, origin: req.headers.origin, queryToken: url.searchParams.get(API_TOKEN_PARAM) }, port, token);

  const server = http.createServer((req, res) => {
    void serveHttp(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8', ...commonHeaders() });
      res.end('Lab Planner: internal error\n');
    });
  });

  const serveHttp = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}:${port}`);
    const refuse = (status: number, text: string) => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...commonHeaders() });
      res.end(`${text}\n`);
    };
    const decision = checkPageAccess({ host: req.headers.host, origin: req.headers.origin }, port);
    if (!decision.ok) return refuse(403, `Lab Planner: forbidden: ${decision.reason}`);
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(405, 'Lab Planner: only GET and HEAD are served here');
    if (url.pathname === API_SOCKET_PATH) return refuse(426, 'Lab Planner: the API speaks WebSocket here');
    if (!(await rendererBuilt(options.rendererDir))) {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...commonHeaders() });
      return void res.end(notBuiltMessage(options.rendererDir));
    }
    const file = await readStaticFile(options.rendererDir, url.pathname);
    if (!file.ok) return refuse(file.status, file.status === 404 ? 'Lab Planner: not found' : 'Lab Planner: bad request');
    const headers: Record<string, string> = { 'Content-Type': file.contentType, ...commonHeaders() };
    if (file.isHtml) Object.assign(headers, { 'Content-Security-Policy': contentSecurityPolicy(port), 'Cache-Control': 'no-store' });
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : file.body);
  };

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, WebSocket: ApiWebSocket });
  server.on('upgrade', (req, socket, head) => {
    // A client that resets mid-handshake must not take the host down (ws guards it after the upgrade).
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}:${port}`);
    const decision = apiAccess(req, url);
    if (url.pathname !== API_SOCKET_PATH || !decision.ok) {
      const status = url.pathname !== API_SOCKET_PATH ? '404 Not Found' : '403 Forbidden';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => bindApiSocket(ws, options.endpoint));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${LOOPBACK}:${port}/?${API_TOKEN_PARAM}=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
