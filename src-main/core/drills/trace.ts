// The event list of a drill: the hop stream recorded only for the window asked for, filtered by
// VM, frame kind and drops, capped; and the tables of a drill at one moment.
import type { Lab } from '../../../shared/lab.js';
import type { Drill, Snapshot } from '../../../shared/drill.js';
import { TRACE_EVENT_CAP, traceFilterSchema, type FrameView, type Trace, type TraceEvent, type TraceFilter } from '../../../shared/trace.js';
import { ipToText, macToText } from '../../../shared/addresses.js';
import { ARP_REPLY, RARP_REQUEST, ethertypeOf, ICMP_ECHO_REQUEST, type Frame } from '../net/frames.js';
import type { Hop } from '../engine/context.js';
import type { Network } from '../network.js';
import { DrillSession } from './session.js';
import { judge } from './runner.js';
import { clockFormatter } from './clock.js';

/** A refusal says why in the engineer's words; `missing` when it names something the lab does not have. */
export type Refusable<T> = ({ ok: true } & T) | { ok: false; message: string; missing?: boolean };

/** Hops of one scheduler event share its number; this keeps them apart in `seq`. */
const HOPS_PER_EVENT = 65_536;
/** The window is simulated in slices of this much drill time, so a full trace stops soon after the cap. */
const SLICE_US = 1_000_000;

export function frameView(frame: Frame): FrameView {
  const p = frame.payload;
  const base = { dst: macToText(frame.dst), src: macToText(frame.src), ethertype: ethertypeOf(frame), ...(frame.vlan === undefined ? {} : { vlan: frame.vlan }) };
  if (p.kind === 'arp') {
    const gratuitous = p.spa === p.tpa;
    return {
      kind: p.op === RARP_REQUEST ? 'rarp' : gratuitous ? 'arp-gratuitous' : p.op === ARP_REPLY ? 'arp-reply' : 'arp-request',
      ...base,
      arp: { op: p.op, sha: macToText(p.sha), spa: ipToText(p.spa), tha: macToText(p.tha), tpa: ipToText(p.tpa) },
    };
  }
  if (p.kind === 'lacp')
    return { kind: 'lacpdu', ...base, lacp: { actor: macToText(p.actorSystem), actorPort: p.actorPort, partner: p.partnerSystem === 0 ? null : macToText(p.partnerSystem), inSync: p.inSync } };
  return {
    kind: p.icmp.type === ICMP_ECHO_REQUEST ? 'icmp-echo-request' : 'icmp-echo-reply',
    ...base,
    ip: { src: ipToText(p.src), dst: ipToText(p.dst), ttl: p.ttl, id: p.id },
    icmp: { type: p.icmp.type, code: p.icmp.code, identifier: p.icmp.identifier, sequence: p.icmp.sequence },
  };
}

/** The VM a frame is for or from: by IP (target first), else by a VM's current MAC; null for none. */
function vmAttribution(net: Network): (frame: Frame) => string | null {
  const byIp = new Map([...net.vms.values()].map((vm) => [vm.ip, vm.name]));
  const vms = [...net.vms.values()];
  return (frame) => {
    const p = frame.payload;
    if (p.kind === 'lacp') return null;
    const name = p.kind === 'arp' ? (byIp.get(p.tpa) ?? byIp.get(p.spa)) : (byIp.get(p.dst) ?? byIp.get(p.src));
    if (name !== undefined) return name;
    return vms.find((vm) => vm.mac !== null && (vm.mac === frame.dst || vm.mac === frame.src))?.name ?? null;
  };
}

function checkVms(lab: Lab, vms: readonly string[] | undefined): string | null {
  const unknown = (vms ?? []).filter((name) => !lab.vms.some((v) => v.name === name));
  if (unknown.length === 0) return null;
  return `the lab has no VM named ${unknown.map((n) => `"${n}"`).join(', ')} (VMs: ${lab.vms.map((v) => v.name).join(', ') || 'none'})`;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 3)} s`;

export interface TraceOptions {
  seed?: number;
  /** Also run the drill to its end and say whether it passed (the CLI's exit code). */
  verdict?: boolean;
}

/** Every hop of every frame of the drill in the filter's window; deterministic for the same lab and seed. */
export function traceDrill(lab: Lab, drill: Drill, filterInput: TraceFilter = {}, options: TraceOptions = {}): Refusable<{ trace: Trace; passed?: boolean }> {
  const seed = options.seed;
  const filter = traceFilterSchema.parse(filterInput);
  const badVm = checkVms(lab, filter.vms);
  if (badVm) return { ok: false, message: badVm, missing: true };
  const session = new DrillSession(lab, drill, { seed, snapshots: false, changes: false });
  const lastUs = session.runEndUs - 1;
  const fromUs = Math.round((filter.fromMs ?? 0) * 1000);
  const toUs = Math.min(Math.round((filter.toMs ?? lastUs / 1000) * 1000), lastUs);
  if (fromUs > lastUs)
    return { ok: false, message: `drill ${drill.name} lasts ${seconds(lastUs / 1000)}; a window from ${seconds(fromUs / 1000)} starts after it ends` };
  if (toUs < fromUs) return { ok: false, message: `the window ends (${seconds(toUs / 1000)}) before it starts (${seconds(fromUs / 1000)})` };

  const cap = filter.cap ?? TRACE_EVENT_CAP;
  const wanted = filter.vms ? new Set(filter.vms) : null;
  const kind = filter.kind === undefined ? null : filter.kind === 'arp' ? 'arp' : 'ipv4';
  const vmOf = vmAttribution(session.net);
  // A flooded frame is one object seen at many devices: its view is made once.
  const views = new WeakMap<Frame, FrameView>();
  const view = (frame: Frame) => {
    let v = views.get(frame);
    if (v === undefined) views.set(frame, (v = frameView(frame)));
    return v;
  };
  const scheduler = session.ctx.scheduler;
  const events: TraceEvent[] = [];
  let truncated = false;
  let lastEvent = -1;
  let inEvent = 0;
  const record = (hop: Hop) => {
    // Numbered whether or not it is kept, so a hop's seq is the same in every window and filter.
    if (scheduler.executed !== lastEvent) {
      lastEvent = scheduler.executed;
      inEvent = 0;
    }
    const seq = lastEvent * HOPS_PER_EVENT + inEvent++;
    if (truncated) return;
    if (filter.dropsOnly && hop.action !== 'dropped') return;
    if (kind !== null && hop.frame.payload.kind !== kind) return;
    const vm = vmOf(hop.frame);
    if (wanted && (vm === null || !wanted.has(vm))) return;
    if (events.length >= cap) {
      truncated = true;
      stop(); // nothing more is kept, so the devices stop building hop records at once
      return;
    }
    events.push(traceEvent(hop, seq, vm, view));
  };

  session.advanceTo(fromUs);
  const stop = once(session.ctx.listen(record));
  for (let t = fromUs; !truncated; t += SLICE_US) {
    const until = Math.min(t + SLICE_US, toUs);
    session.advanceTo(until, true);
    if (until >= toUs) break;
  }
  stop();
  let passed: boolean | undefined;
  if (options.verdict) {
    session.finish();
    passed = judge(session).passed;
  }

  const clock = clockFormatter(lab.settings.clockStart);
  const last = events[events.length - 1];
  return {
    ok: true,
    ...(passed === undefined ? {} : { passed }),
    trace: {
      format: 'lab-planner/trace',
      drill: drill.name,
      seed: session.seed,
      clockStart: lab.settings.clockStart,
      fromMs: fromUs / 1000,
      toMs: toUs / 1000,
      truncated,
      message: truncated
        ? `the trace stops after its first ${cap} events (at ${clock(last.atMs * 1000)}); narrow the window, pick VMs or a frame kind, or show drops only, to see what follows`
        : null,
      events,
    },
  };
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (!done) fn();
    done = true;
  };
}

function traceEvent(hop: Hop, seq: number, vm: string | null, view: (frame: Frame) => FrameView): TraceEvent {
  const event: TraceEvent = {
    seq,
    atMs: hop.atUs / 1000,
    frameId: hop.frame.id,
    device: hop.device,
    element: hop.element,
    link: hop.link,
    action: hop.action,
    vm,
    frame: view(hop.frame),
  };
  if (hop.reason) {
    event.reason = hop.reason;
    event.reasonText = DROP_REASON_TEXT[hop.reason];
  }
  if (hop.before) event.before = view(hop.before);
  if (hop.rewrite) {
    const r = hop.rewrite;
    event.rewrite = { field: r.field, from: macToText(r.from), to: macToText(r.to), ...(r.learntUs !== undefined ? { learntAtMs: r.learntUs / 1000 } : {}) };
  }
  return event;
}

/** Why a frame died, in the engineer's words (docs/drills.md lists the codes). */
export const DROP_REASON_TEXT: Record<NonNullable<Hop['reason']>, string> = {
  'link-down': 'the link is down (NIC, cable or port failed, or the device at the other end is down)',
  'switch-down': 'the switch has failed',
  'no-egress': 'the switch has no other port with link to flood the frame to',
  'nic-unbound': 'the NIC is bound to no team or virtual switch',
  'team-disabled': 'the team is disabled',
  'team-no-active-member': 'no member of the team is in service',
  'standby-discard': 'the frame arrived on the standby member, which discards what it receives',
  'team-unknown-ip': 'the team has no VM table entry for the destination IP',
  'vswitch-no-port': 'the virtual switch has no port with the destination MAC',
  'vswitch-no-uplink': 'the virtual switch has no uplink to the physical network',
  'vm-not-running': 'the VM is not running (off, booting or paused)',
  'arp-unresolved': 'nobody answered the ARP request for the destination IP, so the packet was never sent',
  'vlan-not-allowed': "the switch port does not carry the frame's VLAN (an access port of another VLAN, or a trunk whose allowed list lacks it)",
  'port-security-violation': "the source MAC violates the switch port's port security (over its MAC limit, or secure on another port)",
  'mac-flap': 'the switch err-disabled the port: the source MAC kept moving between its ports (MAC-flap detection)',
  'stp-not-forwarding': 'the switch port is still in spanning-tree listening or learning (802.1D, no PortFast) and forwards nothing yet',
  'lacp-no-partner': 'the team member runs LACP but its switch port answers no LACPDU (it is not in an LACP port-channel), so the member carries nothing',
  'port-channel-suspended': 'the switch port is in an LACP port-channel but its far side sends no LACPDU, so the port is suspended and forwards nothing',
  'lacp-not-running': 'the LACPDU arrived at a port or team that does not run LACP, which discards it (slow protocols frames are never forwarded)',
  'one-way-link': 'the cable passes frames in the other direction only (a one-way failure): carrier stays up on both ends, yet nothing sent this way arrives',
  'hashed-to-other-member':
    'the frame arrived on a team member its IP hash does not map that flow to; the team takes each flow only on its own member, as a static EtherChannel hashing the same addresses would deliver it',
  'vlan-mismatch': "the frame's VLAN tag is not the one the receiving adapter, team VLAN interface or virtual switch port is set to",
};

/**
 * The drill's tables at any moment, including what happens at that very moment. Moving forward
 * carries on the same simulation, so a scrubber dragged along the drill pays only for the time it
 * covers; moving back starts the drill again.
 */
export class DrillStateCursor {
  private session: DrillSession | null = null;

  constructor(
    readonly lab: Lab,
    readonly drill: Drill,
    readonly seed?: number,
  ) {}

  at(atMs: number): Refusable<{ snapshot: Snapshot }> {
    const atUs = Math.round(atMs * 1000);
    let session = this.session;
    if (session === null || session.nowUs > atUs) session = this.session = new DrillSession(this.lab, this.drill, { seed: this.seed, snapshots: false, changes: false });
    const lastUs = session.runEndUs - 1;
    if (atUs > lastUs) return { ok: false, message: `drill ${this.drill.name} lasts ${seconds(lastUs / 1000)}; ${seconds(atMs)} is after it ends` };
    session.advanceTo(atUs, true);
    return { ok: true, snapshot: { ...session.net.snapshot(), atMs } };
  }
}

/** The drill's tables at one moment (ms from the drill start), including what happens at that very moment. */
export function stateAt(lab: Lab, drill: Drill, atMs: number, seed?: number): Refusable<{ snapshot: Snapshot }> {
  return new DrillStateCursor(lab, drill, seed).at(atMs);
}
