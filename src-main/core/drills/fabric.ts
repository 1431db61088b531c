// The fabric workload shared with the ns-3 peer benchmark: one core switch, H hosts each with a
// virtual switch of V VMs, one client pinging every VM once a second for T simulated seconds.
// With `teams`, each host's virtual switch sits on a two-member switch-independent Hyper-V Port
// team instead of one NIC, so the VMs are spread over both members (a heavier lab than the peer's).
import type { Lab } from '../../../shared/lab.js';
import { labSchema } from '../../../shared/lab.js';
import { ipToNumber, ipToText, macToText } from '../../../shared/addresses.js';
import { SimContext } from '../engine/context.js';
import { Network } from '../network.js';
import { PingLog } from './pings.js';

export interface FabricSize {
  hosts: number;
  vmsPerHost: number;
  seconds: number;
  /** Two-NIC load-balanced teams instead of one uplink NIC per host. */
  teams?: boolean;
  /** Puts every VM in this VLAN: VM ports tagged, host ports trunks carrying it, the client's port an access port in it. */
  vlan?: number;
}

export interface FabricRun {
  pingsSent: number;
  replies: number;
  events: number;
  /** Simulated time covered, in seconds. */
  simSeconds: number;
}

export function fabricLab({ hosts, vmsPerHost, teams = false, vlan }: FabricSize): Lab {
  const firstVmIp = ipToNumber('10.0.0.2');
  const nics = teams ? ['NIC1', 'NIC2'] : ['NIC1'];
  const port = (h: number, n: number) => 2 + h * nics.length + n;
  return labSchema.parse({
    meta: { title: `Fabric ${hosts}×${vmsPerHost}` },
    settings: { seed: 1 },
    switches: [
      {
        name: 'core',
        ports: hosts * nics.length + 1,
        portSettings:
          vlan === undefined
            ? []
            : [
                { ports: [1], mode: 'access', vlan },
                { ports: Array.from({ length: hosts * nics.length }, (_, i) => i + 2), mode: 'trunk', allowedVlans: [1, vlan] },
              ],
      },
    ],
    clients: [{ name: 'client', ip: '10.0.0.1', mac: '02-00-00-00-00-01', arpCache: 'linux' }],
    hosts: Array.from({ length: hosts }, (_, h) => ({
      name: `hv${h + 1}`,
      model: 'Generic host',
      managementIp: `10.1.${(h + 1) >> 8}.${(h + 1) & 255}`,
      nics: nics.map((name, n) => ({ name, vendor: 'Intel', chipset: '82576', mac: macToText(0x020000010000 + h + n * 0x1000) })),
      teams: teams ? [{ name: 'team', members: nics, mode: 'switch-independent', driverProfile: 'windows-lbfo-hyperv-port' }] : [],
      virtualSwitches: [{ name: 'vswitch', uplink: teams ? { team: 'team' } : { nic: 'NIC1' } }],
    })),
    vms: Array.from({ length: hosts * vmsPerHost }, (_, i) => ({
      name: `vm${i + 1}`,
      ip: ipToText(firstVmIp + i),
      host: `hv${Math.floor(i / vmsPerHost) + 1}`,
      macMode: 'dynamic',
      ...(vlan === undefined ? {} : { vlan }),
    })),
    cables: [
      { a: { client: 'client' }, b: { switch: 'core', port: 1 } },
      ...Array.from({ length: hosts }, (_, h) => nics.map((nic, n) => ({ a: { host: `hv${h + 1}`, nic }, b: { switch: 'core', port: port(h, n) } }))).flat(),
    ],
  });
}

/** Pings like the ns-3 program: VM i from 1 s + i ms, once a second, `seconds` echoes each. */
export function runFabric(lab: Lab, seconds: number): FabricRun {
  const ctx = new SimContext(lab.settings, lab.settings.seed, false);
  const net = new Network(lab, ctx);
  net.start();
  const client = net.clients.values().next().value!;
  const vms = [...net.vms.values()];
  const pings = new PingLog(vms.length);
  client.onReply = (frame) => pings.reply(frame.trace, ctx.now, 1e6);
  vms.forEach((vm, i) => {
    let seq = 0;
    const send = () => {
      client.ping(vm.ip, i + 1, seq, pings.send(i, ctx.now));
      if (++seq < seconds) ctx.scheduler.after(1e6, send);
    };
    ctx.scheduler.at(1e6 + i * 1000, send);
  });
  // As long as the peer's run, and long enough for the last-staggered VM's last echo to return.
  const stopUs = Math.max((seconds + 2) * 1e6, 1e6 + vms.length * 1000 + seconds * 1e6);
  ctx.scheduler.runUntil(stopUs);
  return { pingsSent: pings.count, replies: pings.replies, events: ctx.scheduler.executed, simSeconds: stopUs / 1e6 };
}
