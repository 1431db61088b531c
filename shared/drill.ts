// Drills: ordered steps against the simulated lab, what the engineer expects, and what happened.
import { z } from 'zod';
import { stateChangeSchema } from './trace.js';

const name = z.string().trim().min(1, 'a name is required').max(200);
const endpoint = z.union([
  z.object({ host: name, nic: name }).strict(),
  z.object({ switch: name, port: z.number().int().min(1).max(1024) }).strict(),
  z.object({ client: name }).strict(),
]);
const vmStep = <A extends string>(action: A) => z.object({ action: z.literal(action), vm: name }).strict();
const hostTeamStep = <A extends string>(action: A) =>
  z.object({ action: z.literal(action), host: name, team: name }).strict();
const nicStep = <A extends string>(action: A) => z.object({ action: z.literal(action), host: name, nic: name }).strict();
const cableStep = <A extends string>(action: A) => z.object({ action: z.literal(action), cable: endpoint }).strict();
const portStep = <A extends string>(action: A) =>
  z.object({ action: z.literal(action), switch: name, port: z.number().int().min(1).max(1024) }).strict();
const switchStep = <A extends string>(action: A) => z.object({ action: z.literal(action), switch: name }).strict();
const linkStep = <A extends string>(action: A) =>
  z.object({ action: z.literal(action), switches: z.tuple([name, name]) }).strict();
const port = z.number().int().min(1).max(1024);
const vlanId = z.number().int().min(1).max(4094);

/**
 * A link that goes down and up `times` times, each down and each up lasting `intervalSec`. It names
 * its link as the fail-* steps do: the cable at an end, a host's NIC (host + nic), or a switch port.
 */
const flapLinkStep = z
  .object({
    action: z.literal('flap-link'),
    cable: endpoint.optional(),
    host: name.optional(),
    nic: name.optional(),
    switch: name.optional(),
    port: port.optional(),
    times: z.number().int().min(1).max(1000),
    intervalSec: z.number().finite().min(0.001).max(3600),
  })
  .strict()
  .superRefine((s, ctx) => {
    const named = [s.cable !== undefined, s.host !== undefined || s.nic !== undefined, s.switch !== undefined || s.port !== undefined];
    const whole = s.cable !== undefined || (s.host !== undefined && s.nic !== undefined) || (s.switch !== undefined && s.port !== undefined);
    if (named.filter(Boolean).length !== 1 || !whole)
      ctx.addIssue({ code: 'custom', message: 'a flap names one link: a cable, a host and its NIC, or a switch and its port' });
  });

/**
 * Which way frames stop on a one-way cable, with a and b the cable's ends as the lab writes them:
 * "a-to-b" means frames sent from end a no longer reach end b (b hears nothing), while b's still reach a.
 */
export const ONE_WAY_DIRECTIONS = ['a-to-b', 'b-to-a'] as const;
export type OneWayDirection = (typeof ONE_WAY_DIRECTIONS)[number];

export const drillStepSchema = z.discriminatedUnion('action', [
  vmStep('start'),
  vmStep('shutdown'),
  vmStep('restart'),
  z
    .object({
      action: z.literal('set-mac-mode'),
      vm: name,
      mode: z.enum(['static', 'dynamic']),
      /** The static MAC; when absent, the VM's current MAC is kept as its static MAC (as Hyper-V Manager offers). */
      mac: z.string().trim().max(40).optional(),
    })
    .strict(),
  z.object({ action: z.literal('live-migrate'), vm: name, to: name }).strict(),
  z.object({ action: z.literal('quick-migrate'), vm: name, to: name }).strict(),
  hostTeamStep('disable-team'),
  hostTeamStep('enable-team'),
  nicStep('fail-nic'),
  nicStep('restore-nic'),
  cableStep('fail-cable'),
  cableStep('restore-cable'),
  portStep('fail-port'),
  portStep('restore-port'),
  switchStep('fail-switch'),
  switchStep('restore-switch'),
  linkStep('fail-inter-switch-link'),
  linkStep('restore-inter-switch-link'),
  z.object({ action: z.literal('fail-host'), host: name, failoverTo: name.optional() }).strict(),
  z.object({ action: z.literal('restore-host'), host: name }).strict(),
  /** Orderly: the cluster drains the host (settings.rebootDrain), the host restarts (settings.hostBootSec) and shut-down VMs start again. */
  z.object({ action: z.literal('reboot-host'), host: name }).strict(),
  /** `arp -d *` on the client: it forgets every ARP entry and asks afresh. */
  z.object({ action: z.literal('clear-arp'), client: name }).strict(),
  z.object({ action: z.literal('set-monitoring'), host: name, team: name, on: z.boolean() }).strict(),
  /** The VLAN ID of the VM's virtual switch port; null or absent: untagged (no VLAN ID set). */
  z.object({ action: z.literal('set-vlan'), vm: name, vlan: vlanId.nullable().optional() }).strict(),
  /** Unplugs the cable's end at `cable` and plugs it into `to`; the cable's other end stays where it is. */
  z.object({ action: z.literal('move-cable'), cable: endpoint, to: endpoint }).strict(),
  flapLinkStep,
  z.object({ action: z.literal('fail-cable-one-way'), cable: endpoint, direction: z.enum(ONE_WAY_DIRECTIONS) }).strict(),
  z.object({ action: z.literal('wait'), seconds: z.number().finite().min(0).max(86_400) }).strict(),
]);

export const DRILL_ACTIONS = drillStepSchema.options.map((o) => o.shape.action.value);

export const expectationSchema = z
  .object({
    /** Every pinged VM answers again within this many seconds of the last step, and at the end. */
    reachableWithinSec: z.number().finite().min(0).max(86_400).default(60),
    /** VMs the engineer expects to be down at the end (e.g. ones the drill shuts down). */
    expectDown: z.array(name).default([]),
    /** Most downtime a VM may see over the whole drill; none when absent. */
    maxDowntimeSec: z.number().finite().min(0).max(86_400).optional(),
  })
  .strict();

export const drillSchema = z
  .object({
    name,
    description: z.string().max(10_000).default(''),
    /** The client that pings; defaults to the lab's first client. */
    client: name.optional(),
    /** VMs pinged; all VMs when absent. */
    vms: z.array(name).optional(),
    /** Quiet time before the first step, so caches and tables settle. */
    warmupSec: z.number().finite().min(0).max(86_400).default(10),
    /** Time given to each step beyond the action's own duration (boot, migration) before the next. */
    stepGapSec: z.number().finite().min(0).max(86_400).default(10),
    /** Time watched after the last step; defaults to the expectation's window plus 30 s. */
    observeSec: z.number().finite().min(0).max(86_400).optional(),
    steps: z.array(drillStepSchema).max(10_000).default([]),
    expect: expectationSchema.default({ reachableWithinSec: 60, expectDown: [] }),
  })
  .strict();

export type DrillStep = z.output<typeof drillStepSchema>;
export type DrillAction = DrillStep['action'];
export type Expectation = z.output<typeof expectationSchema>;
export type Drill = z.output<typeof drillSchema>;

// ---- results -------------------------------------------------------------------------------

export const DIAGNOSIS_CODES = [
  'stale-team-vm-mac',
  'no-path',
  'vm-off',
  'arp-unresolved',
  'blackholed-upstream',
  'mac-pool-exhausted',
  'stale-client-arp',
  'vlan-not-allowed',
  'vlan-differs-on-standby',
  'native-vlan-mismatch',
  'port-security-violation',
  'stp-not-forwarding',
  'aggregation-mismatch',
  'mac-flapping',
  'stale-switch-mac',
] as const;
export type DiagnosisCode = (typeof DIAGNOSIS_CODES)[number];

export const diagnosisSchema = z
  .object({
    code: z.enum(DIAGNOSIS_CODES),
    /** Where the frames die and why, in the engineer's words, naming devices and MACs. */
    text: z.string(),
    /** The device where the frames die, e.g. "HostB/VM-Switch". */
    device: z.string(),
    knownIssue: z.string().nullable(),
    remedies: z.array(z.string()),
  })
  .strict();
export type Diagnosis = z.output<typeof diagnosisSchema>;

export const snapshotSchema = z
  .object({
    atMs: z.number(),
    clients: z.array(z.object({ name: z.string(), arp: z.record(z.string(), z.string()) }).strict()),
    switches: z.array(
      z
        .object({
          name: z.string(),
          macTable: z.array(z.object({ vlan: z.number().int().default(1), mac: z.string(), port: z.number(), ageSec: z.number() }).strict()),
        })
        .strict(),
    ),
    teams: z.array(
      z
        .object({
          host: z.string(),
          team: z.string(),
          enabled: z.boolean(),
          activeMember: z.string().nullable(),
          teamMac: z.string(),
          vmTable: z.array(z.object({ ip: z.string(), mac: z.string(), learntAtMs: z.number() }).strict()),
        })
        .strict(),
    ),
    vms: z.array(
      z
        .object({ name: z.string(), host: z.string(), state: z.string(), mac: z.string().nullable() })
        .strict(),
    ),
  })
  .strict();
export type Snapshot = z.output<typeof snapshotSchema>;

export const stepResultSchema = z
  .object({
    index: z.number().int(),
    label: z.string(),
    action: z.string(),
    atMs: z.number(),
    endMs: z.number(),
    /** Set when the step could not be carried out (e.g. the pool is exhausted); the drill goes on. */
    problem: z.string().nullable(),
    /** State at the end of the step's window. */
    snapshot: snapshotSchema,
  })
  .strict();
export type StepResult = z.output<typeof stepResultSchema>;

export const timelineSegmentSchema = z
  .object({
    fromMs: z.number(),
    toMs: z.number(),
    up: z.boolean(),
    /** A down segment the drill itself causes (the VM is shut down, restarting or booting): not loss. */
    planned: z.literal(true).optional(),
  })
  .strict();

export const vmResultSchema = z
  .object({
    name: z.string(),
    pingsSent: z.number().int(),
    replies: z.number().int(),
    reachableAtEnd: z.boolean(),
    /** Unplanned downtime: time the VM should have answered and did not. */
    downtimeMs: z.number(),
    /** Time the drill itself kept the VM off (shut down, restarting, booting, quick migration); 0 in results recorded before it was counted. */
    plannedDowntimeMs: z.number().default(0),
    downtimePerStepMs: z.array(z.number()),
    /** When the VM's last unplanned outage began (drill clock, ms), counted from when it should have answered again; null when it answers at the end. */
    unreachableSinceMs: z.number().nullable().default(null),
    timeline: z.array(timelineSegmentSchema),
    passed: z.boolean(),
    verdict: z.string(),
    diagnosis: diagnosisSchema.nullable(),
  })
  .strict();
export type VmResult = z.output<typeof vmResultSchema>;

/** One line a physical switch wrote to its log (MAC flap, port-security violation, err-disable and recovery), as IOS words it. */
export const switchLogLineSchema = z.object({ atMs: z.number(), switch: z.string(), line: z.string() }).strict();
export type SwitchLogLine = z.output<typeof switchLogLineSchema>;

export const drillResultSchema = z
  .object({
    name: z.string(),
    description: z.string(),
    client: z.string(),
    passed: z.boolean(),
    seed: z.number().int(),
    durationMs: z.number(),
    clockStart: z.string(),
    expect: expectationSchema,
    /** State at the end of the warm-up, before the first step. */
    baseline: snapshotSchema,
    steps: z.array(stepResultSchema),
    vms: z.array(vmResultSchema),
    /** Every change of the simulated state from time 0 (initial states included), in time order; empty in results recorded before it was kept. */
    changes: z.array(stateChangeSchema).default([]),
    /** The switches' log lines from time 0, in time order; empty in results recorded before it was kept. */
    switchLog: z.array(switchLogLineSchema).default([]),
  })
  .strict();
export type DrillResult = z.output<typeof drillResultSchema>;

export const drillReportSchema = z
  .object({
    format: z.literal('lab-planner/drill-results'),
    lab: z.string(),
    seed: z.number().int(),
    passed: z.boolean(),
    drills: z.array(drillResultSchema),
  })
  .strict();
export type DrillReport = z.output<typeof drillReportSchema>;
