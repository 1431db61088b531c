import { describe, it, expect } from 'vitest';
import { actionWords, addresses, filterEvents, pduLayers, rewriteWords } from '../../../src-renderer/canvas/traceView.js';
import { faster, hopDelayMs, hopSequence, slower, HOP_MS, MIN_HOP_MS } from '../../../src-renderer/canvas/animation.js';
import { clockTenths } from '../../../src-renderer/components/drillSteps.js';
import { guest2Arp, MAC_C, staleEchoEvents, TEAM_B_MAC } from './sim-fixtures.js';

const events = [guest2Arp(), ...staleEchoEvents()];

describe('the event list', () => {
  it('keeps the chosen VM\u2019s hops, one frame kind, or the drops only', () => {
    expect(filterEvents(events, { vm: 'Guest2', kind: 'all', dropsOnly: false }).map((e) => e.device)).toEqual(['Guest2']);
    expect(filterEvents(events, { vm: null, kind: 'arp', dropsOnly: false })).toHaveLength(1);
    expect(filterEvents(events, { vm: null, kind: 'icmp', dropsOnly: false })).toHaveLength(6);
    expect(filterEvents(events, { vm: 'Guest1', kind: 'all', dropsOnly: true }).map((e) => e.device)).toEqual(['HostB/VM-Switch']);
  });

  it('counts the RARP a host sends to notify the switches as ARP, as the CLI’s --kind arp does', () => {
    const arp = guest2Arp();
    const rarp = { ...arp, frame: { ...arp.frame, kind: 'rarp' as const } };
    expect(filterEvents([rarp, ...staleEchoEvents()], { vm: null, kind: 'arp', dropsOnly: false })).toEqual([rarp]);
    expect(filterEvents([rarp], { vm: null, kind: 'icmp', dropsOnly: false })).toEqual([]);
  });

  it('says what a device did in the engineer\u2019s words, the drop with its reason', () => {
    const [, , , , rewrite, drop] = staleEchoEvents();
    expect(actionWords(drop)).toBe('dropped: no port of the virtual switch has that MAC');
    expect(actionWords(rewrite)).toBe('rewritten destination MAC');
    expect(addresses(drop.frame)).toEqual({ srcMac: '00-1C-23-00-00-64', srcIp: '10.0.9.100', dstMac: MAC_C, dstIp: '1.1.1.1' });
    expect(addresses(guest2Arp().frame)).toMatchObject({ srcIp: '1.1.1.2', dstIp: '1.1.1.2' });
  });

  it('tells a rewrite as one sentence: the team, the field, both MACs and when the entry was learnt', () => {
    const rewrite = staleEchoEvents()[4];
    expect(rewriteWords(rewrite, (ms) => clockTenths('10:00:00', ms))).toBe(`team VM-Team on HostB: destination MAC ${TEAM_B_MAC} → ${MAC_C}, from its VM table entry learnt 10:00:20.4`);
  });

  it('shows the PDU layer by layer: Ethernet, IPv4 and ICMP for an echo request, Ethernet and ARP for an ARP', () => {
    expect(pduLayers(staleEchoEvents()[0].frame).map((l) => l.layer)).toEqual(['Ethernet', 'IPv4', 'ICMP']);
    const arp = pduLayers(guest2Arp().frame);
    expect(arp.map((l) => l.layer)).toEqual(['Ethernet', 'ARP']);
    expect(arp[1].fields).toContainEqual(['operation', '2 (reply)']);
    expect(arp[0].fields).toContainEqual(['type', '0x0806 (ARP)']);
  });
});

describe('the frame animation', () => {
  const hops = hopSequence(staleEchoEvents());

  it('moves the marker hop by hop along one frame\u2019s journey, from where it was to where it is', () => {
    expect(hops.map((h) => h.at)).toEqual(['client:Client1', 'port:switch1/10', 'port:switch1/2', 'team:HostB/VM-Team', 'team:HostB/VM-Team', 'vswitch:HostB/VM-Switch']);
    expect(hops[0].from).toBeNull();
    expect(hops[2].from).toBe('port:switch1/10');
    // The rewrite happens where the frame already is: it changes colour without moving.
    expect(hops[4].from).toBeNull();
  });

  it('changes the frame\u2019s colour where the team rewrites it, and stops it red at the dropping device with the reason', () => {
    expect(hops.map((h) => h.tone)).toEqual(['frame', 'frame', 'frame', 'frame', 'rewritten', 'dropped']);
    expect(hops.at(-1)).toMatchObject({ at: 'vswitch:HostB/VM-Switch', reason: 'no port of the virtual switch has that MAC' });
  });

  it('starts a new frame where it is sent, not where the previous frame died', () => {
    const two = hopSequence([...staleEchoEvents(75_000, 40, 900), ...staleEchoEvents(76_000, 41, 950)]);
    expect(two[6]).toMatchObject({ at: 'client:Client1', from: null, tone: 'frame' });
  });

  it('skips events with no place on the canvas', () => {
    expect(hopSequence([{ ...guest2Arp(), element: null }])).toEqual([]);
  });

  it('paces hops by a fixed time or by the drill clock, divided by the speed, never faster than the shortest pause', () => {
    const [a, b] = hopSequence([guest2Arp(), staleEchoEvents()[0]]);
    expect(hopDelayMs(a, b, 'hop', 1)).toBe(HOP_MS);
    expect(hopDelayMs(a, b, 'hop', 10)).toBe(HOP_MS / 10);
    expect(hopDelayMs(a, b, 'drill', 0.1)).toBe(10_000);
    expect(hopDelayMs(hops[0], hops[1], 'drill', 1)).toBe(MIN_HOP_MS);
  });

  it('steps the speed between 0.1\u00d7 and 10\u00d7', () => {
    expect(faster(1)).toBe(2);
    expect(faster(10)).toBe(10);
    expect(slower(1)).toBe(0.5);
    expect(slower(0.1)).toBe(0.1);
  });
});
