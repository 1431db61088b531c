// Entry of the service process: Electron's utilityProcess in the packaged app, a Node child in development.
// It speaks the wire envelopes of shared/api.ts with the main process, which has already checked every request.
import { releaseMessageSchema, requestMessageSchema, type EventMessage, type ResponseMessage } from '../../shared/api.js';
import { createLabService } from '../service/create-service.js';

type Outgoing = ResponseMessage | EventMessage;

interface ParentChannel {
  onMessage(listener: (message: unknown) => void): void;
  post(message: Outgoing): void;
}

interface UtilityParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

function parentChannel(): ParentChannel {
  const utilityPort = (process as unknown as { parentPort?: UtilityParentPort }).parentPort;
  if (utilityPort) return { onMessage: (l) => utilityPort.on('message', (e) => l(e.data)), post: (m) => utilityPort.postMessage(m) };
  if (process.send) {
    // The main process went away: nothing is left to serve.
    process.on('disconnect', () => process.exit(0));
    return { onMessage: (l) => process.on('message', l), post: (m) => process.send!(m) };
  }
  throw new Error('the Lab Planner service must be started by the Lab Planner app');
}

async function serve(): Promise<void> {
  const channel = parentChannel();
  const service = await createLabService({ host: 'electron', workspace: null });
  service.events.onAny((event, payload) => channel.post({ kind: 'event', event, payload }));
  channel.onMessage((message) => {
    const release = releaseMessageSchema.safeParse(message);
    if (release.success) return void service.releaseHolder(release.data.holder);
    const request = requestMessageSchema.safeParse(message);
    if (!request.success) return;
    const { id, holder } = request.data;
    void service.handle(request.data.request, request.data.params, holder).then((result) => channel.post({ kind: 'response', id, result }));
  });
  await service.announceRecovery();
}

void serve();
