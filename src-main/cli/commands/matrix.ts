// `lab-planner matrix LAB [--depth 1|2] [--json] [--threads N | --queue redis://HOST:PORT[/DB]]`:
// every VM event and infrastructure failure as a drill, outcomes grouped. Exit 1 when any cell
// loses a VM. With --queue the cases run on `lab-planner worker` processes anywhere.
import { parseArgs } from 'node:util';
import type { MatrixResult, MatrixGroup } from '../../core/drills/matrix.js';
import { runMatrixInPool, type CellExecutor, type MatrixProgress } from '../../service/matrix-pool.js';
import { UserError, EXIT_OK, EXIT_FAILED, type Command, type CliIo } from '../io.js';
import { loadLabForCli } from '../load.js';
import { queueAt } from '../queue-address.js';

const EXIT_CANCELLED = 130;

const STATUS_WORDS: Record<MatrixGroup['status'], string> = {
  lost: 'LOST',
  error: 'ERROR',
  'client-isolated': 'N/A',
  ok: 'ok',
};

export function formatMatrix(result: MatrixResult): string {
  const count = (status: MatrixGroup['status']) => result.results.filter((r) => r.status === status).length;
  const lines = [
    `What-if matrix of "${result.lab}" (depth ${result.depth}, seed ${result.seed}, pinged from ${result.client || 'no client'}): ` +
      `${result.cells.length} cases, ${count('lost')} lose a VM, ${count('ok')} keep every VM` +
      (count('client-isolated') ? `, ${count('client-isolated')} cut the client itself off` : '') +
      (count('error') ? `, ${count('error')} could not be simulated` : ''),
    '',
  ];
  const rows = result.groups.map((g) => [
    STATUS_WORDS[g.status],
    String(g.vms.length),
    String(g.cells.length),
    g.status === 'ok' || g.status === 'lost' ? `${(g.maxDowntimeMs / 1000).toFixed(1)} s` : '',
    g.sentence,
  ]);
  const header = ['Outcome', 'VMs', 'Cases', 'Max down', 'What happens'];
  const widths = header.slice(0, 4).map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cols: string[]) => [...cols.slice(0, 4).map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))), cols[4]].join('  ');
  lines.push(line(header), ...rows.map(line));
  const lost = result.results.filter((r) => r.status === 'lost');
  if (lost.length) {
    lines.push('', 'Cases that lose a VM:');
    for (const r of lost.slice(0, 20)) {
      lines.push(`  ${result.cells[r.index].scenario}: ${r.lost.map((l) => `${l.vm} (${l.code ?? 'lost'}, down ${(l.downtimeMs / 1000).toFixed(1)} s)`).join(', ')}`);
    }
    if (lost.length > 20) lines.push(`  … and ${lost.length - 20} more (see --json)`);
  }
  return `${lines.join('\n')}\n`;
}

function progressBar(io: CliIo): { update(p: MatrixProgress): void; clear(): void } {
  let last = 0;
  let shown = false;
  return {
    update(p) {
      const now = Date.now();
      if (!io.isTty || (now - last < 100 && p.done < p.total)) return;
      last = now;
      shown = true;
      const width = 30;
      const filled = Math.round((p.done / Math.max(p.total, 1)) * width);
      const left = p.etaMs !== null && p.done < p.total ? `, about ${Math.ceil(p.etaMs / 1000)} s left` : '';
      io.err(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.done}/${p.total} cases, ${p.lost} lose a VM${left}\x1b[K`);
    },
    clear() {
      if (shown) io.err('\r\x1b[K');
    },
  };
}

function positiveInt(text: string | undefined, what: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new UserError(`${what} must be a whole number of at least 1, not "${text}"`);
  return Number(text);
}

export const command: Command = {
  summary: 'Tries every VM lifecycle event and every infrastructure failure, and groups the outcomes.',
  usage: 'lab-planner matrix LAB [--depth 1|2] [--json] [--threads N | --queue redis://HOST:PORT[/DB]]',
  options: {
    '--depth 1|2': '1 (default): every single event; 2: every pair of infrastructure failures too',
    '--json': 'the matrix as JSON',
    '--threads N': 'threads that simulate, this one included (default: one per core once the matrix is large enough to gain from them)',
    '--queue URL': 'run the cases on `lab-planner worker` processes that take them from this Redis (redis://HOST:PORT[/DB])',
  },
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      options: { depth: { type: 'string', default: '1' }, json: { type: 'boolean', default: false }, threads: { type: 'string' }, queue: { type: 'string' } },
      allowPositionals: true,
    });
    if (positionals.length !== 1) throw new UserError('give exactly one lab file, e.g. lab-planner matrix examples/field-report.lab.json');
    if (values.depth !== '1' && values.depth !== '2') throw new UserError(`--depth is 1 (single failures) or 2 (pairs), not "${values.depth}"`);
    const threads = positiveInt(values.threads, '--threads');
    if (threads !== undefined && values.queue !== undefined) throw new UserError('give --threads or --queue, not both: queued cases run on the workers');
    const { lab } = loadLabForCli(positionals[0], io);
    if (lab.clients.length === 0) throw new UserError('the lab has no client to ping the VMs from; add one');
    const executor = values.queue === undefined ? undefined : await queueFor(values.queue);
    const controller = new AbortController();
    const onInterrupt = () => controller.abort();
    process.once('SIGINT', onInterrupt);
    process.once('SIGTERM', onInterrupt);
    const bar = progressBar(io);
    try {
      const run = await runMatrixInPool(lab, { depth: Number(values.depth) as 1 | 2, threads, executor, signal: controller.signal, onProgress: bar.update });
      bar.clear();
      if (!run.ok) {
        io.err(`matrix cancelled after ${run.done} of ${run.total} cases\n`);
        return EXIT_CANCELLED;
      }
      io.out(values.json ? `${JSON.stringify(run.result, null, 2)}\n` : formatMatrix(run.result));
      return run.result.lostAny ? EXIT_FAILED : EXIT_OK;
    } finally {
      process.removeListener('SIGINT', onInterrupt);
      process.removeListener('SIGTERM', onInterrupt);
    }
  },
};

async function queueFor(url: string): Promise<CellExecutor> {
  const { address, queue } = await queueAt(url);
  return queue.queueExecutor(address);
}

export default command;
