// `lab-planner trace LAB --drill NAME`: the event list of a drill, one line per hop of every frame
// (times in seconds from the drill start), or the same events as JSON.
import { parseArgs } from 'node:util';
import type { FrameView, Trace, TraceEvent } from '../../../shared/trace.js';
import { traceDrill } from '../../core/drills/trace.js';
import { clockFormatter } from '../../core/drills/clock.js';
import { loadLabForCli } from '../load.js';
import { parseSeed } from './drill.js';
import { UserError, EXIT_OK, EXIT_FAILED, type Command } from '../io.js';

export const command: Command = {
  summary: 'Lists every hop of every frame of a drill: where each frame went, what each device did with it, and where it died.',
  usage: 'lab-planner trace LAB --drill NAME [--vm VM]... [--from SEC] [--to SEC] [--kind arp|icmp] [--drops] [--seed N] [--json]',
  options: {
    '--drill NAME': 'the drill to trace (required)',
    '--vm VM': 'keep only the frames of this VM (repeat for several)',
    '--from SEC': 'start of the window, seconds from the drill start',
    '--to SEC': 'end of the window',
    '--kind arp|icmp': 'only ARP or only ICMP frames',
    '--drops': 'only the hops where a frame died',
    '--seed N': 'the random seed',
    '--json': 'the events as JSON, as typed in shared/trace.ts',
  },
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        drill: { type: 'string' },
        vm: { type: 'string', multiple: true },
        from: { type: 'string' },
        to: { type: 'string' },
        kind: { type: 'string' },
        drops: { type: 'boolean', default: false },
        seed: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    });
    if (positionals.length !== 1) throw new UserError(`give exactly one lab file\nUsage: ${command.usage}`);
    if (values.drill === undefined) throw new UserError(`name the drill to trace with --drill NAME\nUsage: ${command.usage}`);
    if (values.kind !== undefined && values.kind !== 'arp' && values.kind !== 'icmp') throw new UserError(`--kind is arp or icmp, not "${values.kind}"`);
    const fromMs = values.from === undefined ? undefined : secondsToMs('--from', values.from);
    const toMs = values.to === undefined ? undefined : secondsToMs('--to', values.to);
    const seed = values.seed === undefined ? undefined : parseSeed(values.seed);
    const loaded = loadLabForCli(positionals[0], io);
    const { lab } = loaded;
    const drill = lab.drills.find((d) => d.name === values.drill);
    if (!drill) throw new UserError(`${loaded.path}: the lab has no drill named "${values.drill}" (drills: ${lab.drills.map((d) => d.name).join(', ') || 'none'})`);

    const answer = traceDrill(lab, drill, { vms: values.vm, fromMs, toMs, kind: values.kind as 'arp' | 'icmp' | undefined, dropsOnly: values.drops }, { seed, verdict: true });
    if (!answer.ok) throw new UserError(`${loaded.path}: ${answer.message}`);
    io.out(values.json ? `${JSON.stringify(answer.trace, null, 2)}\n` : formatTrace(answer.trace, values.vm));
    return answer.passed ? EXIT_OK : EXIT_FAILED;
  },
};

export default command;

function secondsToMs(option: string, text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0) throw new UserError(`${option} takes seconds from the drill start (0 or more), not "${text}"`);
  return Math.round(n * 1000);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(3)} s`;

export function formatTrace(trace: Trace, vms: readonly string[] | undefined): string {
  const clock = clockFormatter(trace.clockStart);
  const who = vms?.length ? `, frames of ${vms.join(', ')}` : '';
  const lines = [
    `Trace of drill ${trace.drill} (seed ${trace.seed}), ${seconds(trace.fromMs)} to ${seconds(trace.toMs)}${who}: ${trace.events.length} hop${trace.events.length === 1 ? '' : 's'}`,
  ];
  const width = Math.max(0, ...trace.events.map((e) => e.device.length));
  // Microseconds, so that the hops of one frame (a link's latency apart) read in order.
  const at = (ms: number) => `${(ms / 1000).toFixed(6)} s`;
  for (const e of trace.events) lines.push(`${at(e.atMs).padStart(14)}  ${e.device.padEnd(width)}  ${e.action.padEnd(9)}  ${frameText(e.frame)}${detail(e, clock)}`);
  if (trace.message) lines.push('', trace.message);
  return `${lines.join('\n')}\n`;
}

/** "ICMP echo request 1.1.1.100 → 1.1.1.1 (seq 42)  00-1C-23-00-00-64 → 00-24-E8-0B-00-03". */
export function frameText(f: FrameView): string {
  const macs = `${f.src} → ${f.dst}`;
  if (f.arp) {
    const what =
      f.kind === 'arp-request'
        ? `ARP who has ${f.arp.tpa}? tell ${f.arp.spa}`
        : f.kind === 'arp-reply'
          ? `ARP reply ${f.arp.spa} is at ${f.arp.sha}`
          : `gratuitous ARP ${f.arp.spa} is at ${f.arp.sha}`;
    return `${what}  ${macs}`;
  }
  const kind = f.kind === 'icmp-echo-request' ? 'ICMP echo request' : 'ICMP echo reply';
  return `${kind} ${f.ip!.src} → ${f.ip!.dst} (seq ${f.icmp!.sequence})  ${macs}`;
}

function detail(e: TraceEvent, clock: (us: number) => string): string {
  if (e.action === 'dropped') return `: ${e.reasonText}`;
  if (e.rewrite) {
    const learnt = e.rewrite.learntAtMs === undefined ? '' : `, from its VM table entry learnt ${clock(e.rewrite.learntAtMs * 1000)}`;
    return `: ${e.rewrite.field} ${e.rewrite.from} → ${e.rewrite.to}${learnt}`;
  }
  return '';
}
