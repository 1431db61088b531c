// `lab-planner bench fabric`: the ns-3 peer's workload on our simulator, one JSON line out.
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { fabricLab, runFabric } from '../../core/drills/fabric.js';
import { UserError, EXIT_OK, type Command } from '../io.js';

export const benchCommand: Command = {
  summary: 'Runs the fabric benchmark (the ns-3 peer workload) and prints one JSON line.',
  usage: 'lab-planner bench fabric [--hosts H] [--vms V] [--seconds T] [--teams] [--vlan ID]',
  options: {
    'fabric': "the workload: the ns-3 peer's fabric of hosts and VMs pinging a core switch",
    '--hosts H': 'hosts in the fabric (default 16)',
    '--vms V': 'VMs per host (default 16)',
    '--seconds T': 'simulated seconds of pinging (default 60)',
    '--teams': "every host's virtual switch on a two-member switch-independent Hyper-V Port team",
    '--vlan ID': 'every VM in this VLAN (tagged VM ports, trunks to the hosts)',
  },
  run: async (args, io) => {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        hosts: { type: 'string', default: '16' },
        vms: { type: 'string', default: '16' },
        seconds: { type: 'string', default: '60' },
        teams: { type: 'boolean', default: false },
        vlan: { type: 'string' },
      },
    });
    if (positionals[0] !== 'fabric' || positionals.length !== 1) throw new UserError(`the benchmark is "fabric"\nUsage: ${benchCommand.usage}`);
    const hosts = whole('--hosts', values.hosts!, 1, 1023);
    const vmsPerHost = whole('--vms', values.vms!, 1, 256);
    const seconds = whole('--seconds', values.seconds!, 1, 86_400);
    const teams = values.teams === true;
    const vlan = values.vlan === undefined ? undefined : whole('--vlan', values.vlan, 1, 4094);
    const lab = fabricLab({ hosts, vmsPerHost, seconds, teams, vlan });
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
    const t0 = performance.now();
    const run = runFabric(lab, seconds);
    const wall = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    io.out(
      `${JSON.stringify({
        peer: 'lab-planner',
        hosts,
        vmsPerHost,
        teams,
        ...(vlan === undefined ? {} : { vlan }),
        simSeconds: seconds,
        pingsSent: run.pingsSent,
        replies: run.replies,
        wallSeconds: Number(wall.toFixed(4)),
        simSecondsPerWallSecond: Number((run.simSeconds / wall).toFixed(1)),
        events: run.events,
        peakRssMb: Math.round(peakRss / 1048576),
      })}\n`,
    );
    return EXIT_OK;
  },
};

function whole(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw new UserError(`${flag} takes a whole number from ${min} to ${max}, not "${text}"`);
  return n;
}
