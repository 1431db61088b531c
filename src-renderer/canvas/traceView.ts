// The event list's rows in the engineer's words, its filters, and a rewrite told as one sentence.
import type { FrameKind, FrameView, TraceEvent } from '../../shared/trace.js';

export interface EventFilter {
  /** A VM's name, or null for every VM. */
  vm: string | null;
  kind: 'all' | 'arp' | 'icmp';
  dropsOnly: boolean;
}

export const KIND_WORDS: Record<FrameKind, string> = {
  'arp-request': 'ARP request',
  'arp-reply': 'ARP reply',
  'arp-gratuitous': 'gratuitous ARP',
  'icmp-echo-request': 'echo request',
  'icmp-echo-reply': 'echo reply',
  lacpdu: 'LACPDU',
  rarp: 'RARP (notify switches)',
};

export function filterEvents(events: readonly TraceEvent[], filter: EventFilter): TraceEvent[] {
  return events.filter(
    (e) =>
      (filter.vm === null || e.vm === filter.vm) &&
      (filter.kind === 'all' || e.frame.kind.startsWith(filter.kind) || (filter.kind === 'arp' && e.frame.kind === 'rarp')) &&
      (!filter.dropsOnly || e.action === 'dropped'),
  );
}

/** What the device did: "dropped: no port of the virtual switch has that MAC". */
export function actionWords(e: TraceEvent): string {
  if (e.action === 'dropped') return `dropped: ${e.reasonText ?? e.reason ?? 'no reason given'}`;
  if (e.action === 'rewritten' && e.rewrite) return `rewritten ${e.rewrite.field}`;
  return e.action;
}

/** "team VM-Team on HostB: destination MAC 00-24-E8-0B-00-03 → 00-15-5D-01-0A-00, from its VM table entry learnt 10:00:15.3". */
export function rewriteWords(e: TraceEvent, clock: (ms: number) => string): string | null {
  const r = e.rewrite;
  if (!r) return null;
  const learnt = r.learntAtMs === undefined ? '' : `, from its VM table entry learnt ${clock(r.learntAtMs)}`;
  return `${e.device}: ${r.field} ${r.from} → ${r.to}${learnt}`;
}

/** The PDU's header fields, layer by layer, as name/value rows. */
export function pduLayers(f: FrameView): { layer: string; fields: [string, string][] }[] {
  const hex = (n: number) => `0x${n.toString(16).padStart(4, '0')}`;
  const out: { layer: string; fields: [string, string][] }[] = [
    { layer: 'Ethernet', fields: [['destination', f.dst], ['source', f.src], ['type', `${hex(f.ethertype)} (${f.ethertype === 0x0806 ? 'ARP' : 'IPv4'})`]] },
  ];
  if (f.arp) {
    out.push({
      layer: 'ARP',
      fields: [['operation', `${f.arp.op} (${f.arp.op === 1 ? 'request' : 'reply'})`], ['sender MAC', f.arp.sha], ['sender IP', f.arp.spa], ['target MAC', f.arp.tha], ['target IP', f.arp.tpa]],
    });
  }
  if (f.ip) out.push({ layer: 'IPv4', fields: [['source', f.ip.src], ['destination', f.ip.dst], ['TTL', String(f.ip.ttl)], ['identification', String(f.ip.id)]] });
  if (f.icmp) {
    out.push({
      layer: 'ICMP',
      fields: [['type', `${f.icmp.type} (${f.icmp.type === 8 ? 'echo request' : f.icmp.type === 0 ? 'echo reply' : 'other'})`], ['code', String(f.icmp.code)], ['identifier', String(f.icmp.identifier)], ['sequence', String(f.icmp.sequence)]],
    });
  }
  return out;
}

/** Source and destination as a row shows them: MACs, and IPs for IP frames (the ARP addresses for ARP). */
export function addresses(f: FrameView): { srcMac: string; srcIp: string; dstMac: string; dstIp: string } {
  return { srcMac: f.src, srcIp: f.ip?.src ?? f.arp?.spa ?? '', dstMac: f.dst, dstIp: f.ip?.dst ?? f.arp?.tpa ?? '' };
}
