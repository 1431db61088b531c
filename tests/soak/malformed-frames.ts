// The browser host (`lab-planner serve` in its own process, so its memory is its own) fed seeded
// malformed WebSocket frames, one connection each, and then repeated frames near and over the size
// cap; a healthy client must keep being answered and the host's memory must stay bounded.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { MAX_FRAME_BYTES } from '../../src-main/server/frame-limits.js';
import { seededRandom } from '../unit/store/crafted.js';
import { encodeFrame, mutantFrame, sendFrames } from './websocket-frames.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface FrameFigures {
  frames: number;
  /** How the host answered each malformed frame: a close code, 'answered', 'silent' (waiting for the rest of a frame)… */
  outcomes: Record<string, number>;
  /** Health checks of a second, well-behaved client between the frames; all must be answered. */
  healthChecks: number;
  healthFailures: number;
  hostExited: boolean;
  rssMbAtStart: number;
  rssMbAfterMalformed: number;
  largeFrames: number;
  rssMbPeak: number;
  rssMbAfterLarge: number;
}

interface RunningHost {
  child: ChildProcess;
  port: number;
  token: string;
}

function startHost(workspace: string): Promise<RunningHost> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'bin/lab-planner.js'), 'serve', '--port', '0', '--workspace', workspace], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const url = /http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+)/.exec(out);
      if (url) resolve({ child, port: Number(url[1]), token: url[2] });
    });
    child.once('exit', (code) => reject(new Error(`lab-planner serve stopped (${code}): ${out}`)));
  });
}

/** Resident and peak memory of a process, in MB (Linux /proc). */
function memoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

function healthyClient(host: RunningHost): Promise<{ ask(): Promise<boolean>; close(): void }> {
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`);
  let nextId = 1;
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.once('open', () =>
      resolve({
        ask: () =>
          new Promise((answered) => {
            const id = nextId++;
            const timer = setTimeout(() => answered(false), 5000);
            const onMessage = (data: unknown) => {
              const message = JSON.parse(String(data)) as { kind: string; id?: number; result?: { ok: boolean } };
              if (message.kind !== 'response' || message.id !== id) return;
              socket.off('message', onMessage);
              clearTimeout(timer);
              answered(message.result?.ok === true);
            };
            socket.on('message', onMessage);
            socket.send(JSON.stringify({ kind: 'request', id, request: 'app.info', params: {} }));
          }),
        close: () => socket.close(),
      }),
    );
  });
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function soakMalformedFrames(frames: number, seed: number, largeFrames: number): Promise<FrameFigures> {
  const workspace = mkdtempSync(join(tmpdir(), 'lab-planner-frames-'));
  const host = await startHost(workspace);
  let hostExited = false;
  host.child.once('exit', () => (hostExited = true));
  const healthy = await healthyClient(host);
  const start = memoryMb(host.child.pid!);
  const figures: FrameFigures = {
    frames, outcomes: {}, healthChecks: 0, healthFailures: 0, hostExited: false, rssMbAtStart: start.rss,
    rssMbAfterMalformed: 0, largeFrames, rssMbPeak: 0, rssMbAfterLarge: 0,
  };
  const check = async () => {
    figures.healthChecks++;
    if (!(await healthy.ask())) figures.healthFailures++;
  };
  try {
    const random = seededRandom(seed);
    for (let i = 0; i < frames && !hostExited; i++) {
      const outcome = await sendFrames(host.port, host.token, [mutantFrame(random)], 250);
      // A well-formed close with an application code (3000–4999) is simply echoed: one bucket for those.
      const key = typeof outcome.result === 'number' && outcome.result >= 3000 ? 'closed as asked (3000-4999)' : String(outcome.result);
      figures.outcomes[key] = (figures.outcomes[key] ?? 0) + 1;
      if (i % 250 === 249) await check();
    }
    await check();
    figures.rssMbAfterMalformed = memoryMb(host.child.pid!).rss;
    // Frames just under the cap (junk, refused once read) and over it (refused by the header alone).
    const nearCap = encodeFrame({ opcode: 1, payload: Buffer.alloc(MAX_FRAME_BYTES - 1024, 0x20) });
    for (let i = 0; i < largeFrames && !hostExited; i++) {
      await sendFrames(host.port, host.token, [i % 2 ? encodeFrame({ opcode: 1, declaredLength: 200 * 1024 * 1024 }) : nearCap], 20_000);
      await check();
    }
    await pause(2000);
    const end = memoryMb(host.child.pid!);
    figures.rssMbPeak = end.peak;
    figures.rssMbAfterLarge = end.rss;
  } finally {
    figures.hostExited = hostExited;
    healthy.close();
    host.child.kill('SIGTERM');
    rmSync(workspace, { recursive: true, force: true });
  }
  return figures;
}
