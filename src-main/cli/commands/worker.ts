// `lab-planner worker --queue redis://HOST:PORT[/DB] [--stall-seconds N]`: runs what-if matrix cases
// that `lab-planner matrix --queue` put on the queue, until stopped (Ctrl+C, SIGTERM). Start as
// many as there are cores to spare, on as many machines as can reach Redis.
import { parseArgs } from 'node:util';
import { UserError, EXIT_OK, type Command } from '../io.js';
import { queueAt } from '../queue-address.js';

export const command: Command = {
  summary: 'Runs what-if matrix cases from a Redis queue, for `lab-planner matrix --queue`.',
  usage: 'lab-planner worker --queue redis://HOST:PORT[/DB] [--stall-seconds N]',
  options: {
    '--queue URL': 'the Redis queue to work for (redis://HOST:PORT[/DB]; required)',
    '--stall-seconds N': 'a case whose worker is silent this long is given to another worker (default 30)',
  },
  async run(args, io) {
    const { values, positionals } = parseArgs({ args, options: { queue: { type: 'string' }, 'stall-seconds': { type: 'string', default: '30' } }, allowPositionals: true });
    if (positionals.length) throw new UserError(`a worker takes no lab file ("${positionals[0]}"): the cases come with their lab from the queue`);
    if (values.queue === undefined) throw new UserError('give the queue to work for, e.g. lab-planner worker --queue redis://127.0.0.1:6379');
    const stall = values['stall-seconds'];
    if (!/^\d+$/.test(stall) || Number(stall) < 1) throw new UserError(`--stall-seconds must be a whole number of at least 1, not "${stall}"`);
    const { address, queue } = await queueAt(values.queue);
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    let cases = 0;
    io.err(`lab-planner worker: taking what-if cases from ${address.host}:${address.port}/${address.db}\n`);
    try {
      await queue.runQueueWorker(address, { stallSeconds: Number(stall), signal: controller.signal, onCell: () => cases++ });
    } finally {
      process.removeListener('SIGINT', stop);
      process.removeListener('SIGTERM', stop);
    }
    io.err(`lab-planner worker: stopped after ${cases} cases\n`);
    return EXIT_OK;
  },
};

export default command;
