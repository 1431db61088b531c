// The simulation as data: every hop of every frame (the event list, the animation, captures) and
// the state changes of a drill (where each VM runs, what is failed, each team's state), so the
// window can draw the lab as it is at any moment of a drill.
import { z } from 'zod';

// ---- hops ------------------------------------------------------------------------------------

/** What a device did with a frame. */
export const HOP_ACTIONS = ['sent', 'received', 'forwarded', 'flooded', 'rewritten', 'delivered', 'dropped'] as const;
export type HopAction = (typeof HOP_ACTIONS)[number];

/** Why a frame died; each is documented in docs/drills.md. */
export const DROP_REASONS = [
  'link-down',
  'switch-down',
  'no-egress',
  'nic-unbound',
  'team-disabled',
  'team-no-active-member',
  'standby-discard',
  'team-unknown-ip',
  'vswitch-no-port',
  'vswitch-no-uplink',
  'vm-not-running',
  'arp-unresolved',
  'vlan-not-allowed',
  'vlan-mismatch',
  'port-security-violation',
  'mac-flap',
  'stp-not-forwarding',
  'lacp-no-partner',
  'port-channel-suspended',
  'lacp-not-running',
  'one-way-link',
  'hashed-to-other-member',
] as const;
export type DropReason = (typeof DROP_REASONS)[number];

export const FRAME_KINDS = ['arp-request', 'arp-reply', 'arp-gratuitous', 'icmp-echo-request', 'icmp-echo-reply', 'lacpdu', 'rarp'] as const;
export type FrameKind = (typeof FRAME_KINDS)[number];

/** The frame as a capture shows it: MACs as 00-15-5D-01-0A-00, IPs dotted. */
export const frameViewSchema = z
  .object({
    kind: z.enum(FRAME_KINDS),
    dst: z.string(),
    src: z.string(),
    /** 0x0806 (ARP), 0x8035 (RARP), 0x0800 (IPv4) or 0x8809 (slow protocols: LACP). */
    ethertype: z.number().int(),
    /** The 802.1Q VLAN ID on the wire; absent when untagged. */
    vlan: z.number().int().optional(),
    arp: z
      .object({ op: z.number().int(), sha: z.string(), spa: z.string(), tha: z.string(), tpa: z.string() })
      .strict()
      .optional(),
    ip: z.object({ src: z.string(), dst: z.string(), ttl: z.number().int(), id: z.number().int() }).strict().optional(),
    icmp: z
      .object({ type: z.number().int(), code: z.number().int(), identifier: z.number().int(), sequence: z.number().int() })
      .strict()
      .optional(),
    lacp: z.object({ actor: z.string(), actorPort: z.number().int(), partner: z.string().nullable(), inSync: z.boolean() }).strict().optional(),
  })
  .strict();
export type FrameView = z.output<typeof frameViewSchema>;

export const traceEventSchema = z
  .object({
    /** Order of the event in the whole drill: stable for the same lab and seed. */
    seq: z.number().int(),
    /** Milliseconds from the drill's start (the drill clock). */
    atMs: z.number(),
    /** One frame's journey: every hop of a frame (and of the copies a device makes of it) shares it. */
    frameId: z.number().int(),
    /** The device as the diagnosis names it: "switch1/port2", "team VM-Team on HostB", "HostB/VM-Switch", "Client1", "Guest1". */
    device: z.string(),
    /** Canvas element id of the device (shared/checks.ts id scheme), null when it has none. */
    element: z.string().nullable(),
    /** For `sent`: the canvas edge the frame leaves on (a cable id, or the team / uplink / VM adapter edge). */
    link: z.string().nullable(),
    action: z.enum(HOP_ACTIONS),
    /** For `dropped`. */
    reason: z.enum(DROP_REASONS).optional(),
    /** The drop reason in the engineer's words. */
    reasonText: z.string().optional(),
    /** The VM the frame is for or from (by IP or MAC), null for frames of no VM (team announcements). */
    vm: z.string().nullable(),
    frame: frameViewSchema,
    /** For `rewritten`: the frame as it arrived and as it left, and why. */
    before: frameViewSchema.optional(),
    rewrite: z
      .object({
        /** "destination MAC", "source MAC", "ARP sender MAC". */
        field: z.string(),
        from: z.string(),
        to: z.string(),
        /** When the team learnt the VM table entry it used (drill clock, ms); absent for a rewrite to the team's own MAC. */
        learntAtMs: z.number().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type TraceEvent = z.output<typeof traceEventSchema>;

/** The most events one trace keeps; past it the trace stops and says so. */
export const TRACE_EVENT_CAP = 200_000;

export const traceSchema = z
  .object({
    format: z.literal('lab-planner/trace'),
    drill: z.string(),
    seed: z.number().int(),
    clockStart: z.string(),
    fromMs: z.number(),
    toMs: z.number(),
    /** True when the cap was reached: events after the last one were not recorded. */
    truncated: z.boolean(),
    /** Said when truncated, in the engineer's words (how to narrow the window). */
    message: z.string().nullable(),
    events: z.array(traceEventSchema),
  })
  .strict();
export type Trace = z.output<typeof traceSchema>;

export const traceFilterSchema = z
  .object({
    vms: z.array(z.string().min(1).max(200)).max(10_000).optional(),
    fromMs: z.number().finite().min(0).optional(),
    toMs: z.number().finite().min(0).optional(),
    /** `arp` or `icmp` frames only. */
    kind: z.enum(['arp', 'icmp']).optional(),
    dropsOnly: z.boolean().default(false),
    cap: z.number().int().min(1).max(TRACE_EVENT_CAP).optional(),
  })
  .strict();
export type TraceFilter = z.input<typeof traceFilterSchema>;

// ---- state over the drill --------------------------------------------------------------------

export const VM_RUN_STATES = ['off', 'booting', 'running', 'paused'] as const;

/**
 * One change of the lab's simulated state. The state at any moment is the design's start state
 * with every change up to that moment applied in order (`initial` holds the state at time 0).
 */
export const stateChangeSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('vm'),
      atMs: z.number(),
      vm: z.string(),
      /** The host the VM runs on (or last ran on, when off). */
      host: z.string(),
      state: z.enum(VM_RUN_STATES),
      mac: z.string().nullable(),
      /** Set while a live or quick migration to this host is under way. */
      migratingTo: z.string().nullable(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('fault'),
      atMs: z.number(),
      /** Canvas element id of what failed or came back: a NIC, cable, switch port, switch, inter-switch link or host. */
      element: z.string(),
      /** In the engineer's words: "cable HostA/NIC3 – switch1/port1". */
      label: z.string(),
      failed: z.boolean(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('team'),
      atMs: z.number(),
      host: z.string(),
      team: z.string(),
      enabled: z.boolean(),
      activeMember: z.string().nullable(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('team-entry'),
      atMs: z.number(),
      host: z.string(),
      team: z.string(),
      ip: z.string(),
      /** The VM MAC the team now maps the IP to; null when the entry is gone (table cleared). */
      mac: z.string().nullable(),
      learntAtMs: z.number(),
    })
    .strict(),
]);
export type StateChange = z.output<typeof stateChangeSchema>;
