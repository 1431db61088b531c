// Driver profiles: how a NIC team behaves, as data. A new driver is a new record, never new code.
import { z } from 'zod';

export const driverProfileSchema = z
  .object({
    id: z.string().trim().min(1).max(100).regex(/^[a-z0-9][a-z0-9.-]*$/, 'is not an id like broadcom-basp-2009-12-15'),
    name: z.string().trim().min(1).max(200),
    vendor: z.string().trim().min(1).max(100),
    teaming: z.string().trim().max(200),
    /** The team answers ARP for VM IPs with its own MAC and forwards by IP → VM MAC. */
    arpProxy: z.boolean(),
    /** How the IP → VM MAC table behind the ARP proxy is kept. */
    vmTable: z.enum(['learn-once', 'track', 'none']),
    /** Whose MAC the team uses on the wire. */
    teamMac: z.enum(['primary-nic', 'active-nic']).default('primary-nic'),
    /** Each VM pinned to one member (Hyper-V Port); in active/standby that is the active member. */
    pinsVmsToMembers: z.boolean().default(false),
    /**
     * How a load-balancing team (any mode but active-passive) spreads transmit over its active
     * members: per VM port (each VM's frames on the member it is pinned to), by a hash of the VM's
     * source MAC (each VM on one member, chosen by its MAC), by an address hash
     * (source and destination IP), or dynamic (flows by source MAC and destination IP); `none`
     * keeps every frame on the one active member whatever the team's mode.
     */
    loadBalancing: z.enum(['none', 'vm-port', 'source-mac-hash', 'address-hash', 'dynamic']).default('none'),
    /**
     * The team takes a unicast frame only on the member its address hash maps that flow to, as it
     * would arrive from a static EtherChannel hashing the same addresses (ESXi route based on IP hash).
     */
    receivesOnHashedMember: z.boolean().optional(),
    /**
     * Receive load balancing: `arp-rewrite` answers / rewrites ARP replies so different peers learn
     * different member MACs for the host's addresses (Broadcom SLB, Intel RLB, Linux balance-alb).
     */
    receiveLoadBalancing: z.enum(['none', 'arp-rewrite']).default('none'),
    /**
     * The receive balancing also rewrites ARP replies it forwards for guests behind a virtual switch
     * or bridge (Intel RLB under Hyper-V, balance-alb under a bridge): peers learn a member's MAC for the guest.
     */
    rewritesBridgedArp: z.boolean().default(false),
    failover: z
      .object({
        /** Time to notice a member's link loss and move traffic to another member. */
        detectMs: z.number().int().min(0).max(600_000),
        /** What the team sends after a failover so switches learn the new port. */
        /** team-mac / vm-macs: gratuitous ARP; rarp: a RARP frame per VM MAC (ESXi "notify switches"). */
        announce: z.enum(['team-mac', 'vm-macs', 'rarp', 'none']),
        /** Gratuitous ARPs (or RARPs) sent per announced address (Linux num_grat_arp). */
        gratuitousArpCount: z.number().int().min(0).max(255).default(1),
      })
      .strict(),
    failback: z
      .object({
        auto: z.boolean(),
        delayMs: z.number().int().min(0).max(600_000),
      })
      .strict(),
    monitoring: z
      .object({
        kind: z.enum(['none', 'livelink', 'probes', 'arp-monitor']),
        /** On unless the team turns it off; most drivers ship with it off. */
        enabledByDefault: z.boolean().default(false),
        intervalMs: z.number().int().min(1).max(600_000).default(1000),
        retries: z.number().int().min(1).max(100).default(3),
      })
      .strict(),
    /**
     * The policy is switch dependent: its uplinks' switch ports must form a static EtherChannel (ESXi
     * IP hash), so the virtual switch's team aggregates statically; absent: switch independent.
     */
    aggregation: z.enum(['static']).optional(),
    /** A teaming policy of a virtual switch that teams its own uplinks (Switch Embedded Teaming), not of a team adapter. */
    embedded: z.boolean().optional(),
    /** Most members the team takes (Switch Embedded Teaming: 8); absent: no limit of its own. */
    maxMembers: z.number().int().min(1).max(32).optional(),
    /** Every member must be the same NIC (vendor and chipset), as Switch Embedded Teaming requires. */
    requiresIdenticalMembers: z.boolean().optional(),
    /** Members must sit on different physical switches (Intel SFT). */
    requiresSeparateSwitches: z.boolean().default(false),
    /** Time from enabling the team to forwarding again. */
    initMs: z.number().int().min(0).max(600_000).default(0),
    knownIssue: z
      .object({
        title: z.string().max(500),
        reference: z.string().max(500).default(''),
      })
      .strict()
      .optional(),
  })
  .strict();

export type DriverProfile = z.output<typeof driverProfileSchema>;
