// The Redis of `--queue URL`, checked to answer before any work starts; BullMQ is loaded only here.
import { UserError } from './io.js';

export async function queueAt(url: string) {
  const queue = await import('../service/matrix-queue.js');
  const parsed = queue.parseRedisUrl(url);
  if (!parsed.ok) throw new UserError(parsed.message);
  const unreachable = await queue.reachRedis(parsed.address);
  if (unreachable) throw new UserError(unreachable);
  return { address: parsed.address, queue };
}
