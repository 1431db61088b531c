// migrate-then-restart on the field-report lab as the service reports it: state changes and hop events.
import type { StateChange, TraceEvent, FrameView } from '../../../shared/trace.js';

export const MAC_C = '00-15-5D-01-0A-00';
export const MAC_D = '00-15-5D-02-0B-00';

/** migrate-then-restart as the drill reports it: Guest1 moves to HostB at 20 s, restarts there at 40 s, boots until 70 s. */
export function migrateThenRestartChanges(): StateChange[] {
  return [
    { kind: 'vm', atMs: 0, vm: 'Guest1', host: 'HostA', state: 'running', mac: MAC_C, migratingTo: null },
    { kind: 'vm', atMs: 0, vm: 'Guest2', host: 'HostA', state: 'running', mac: '00-15-5D-00-20-02', migratingTo: null },
    { kind: 'team', atMs: 0, host: 'HostA', team: 'VM-Team', enabled: true, activeMember: 'NIC3' },
    { kind: 'team', atMs: 0, host: 'HostB', team: 'VM-Team', enabled: true, activeMember: 'NIC3' },
    { kind: 'team-entry', atMs: 0, host: 'HostA', team: 'VM-Team', ip: '1.1.1.1', mac: MAC_C, learntAtMs: 0 },
    { kind: 'vm', atMs: 20_000, vm: 'Guest1', host: 'HostA', state: 'running', mac: MAC_C, migratingTo: 'HostB' },
    { kind: 'vm', atMs: 20_400, vm: 'Guest1', host: 'HostB', state: 'running', mac: MAC_C, migratingTo: null },
    { kind: 'team-entry', atMs: 20_400, host: 'HostB', team: 'VM-Team', ip: '1.1.1.1', mac: MAC_C, learntAtMs: 20_400 },
    { kind: 'vm', atMs: 40_000, vm: 'Guest1', host: 'HostB', state: 'off', mac: MAC_C, migratingTo: null },
    { kind: 'vm', atMs: 40_000, vm: 'Guest1', host: 'HostB', state: 'booting', mac: MAC_D, migratingTo: null },
    { kind: 'vm', atMs: 70_000, vm: 'Guest1', host: 'HostB', state: 'running', mac: MAC_D, migratingTo: null },
    { kind: 'fault', atMs: 80_000, element: 'nic:HostB/NIC3', label: 'HostB/NIC3', failed: true },
    { kind: 'team', atMs: 80_300, host: 'HostB', team: 'VM-Team', enabled: true, activeMember: 'NIC4' },
    { kind: 'fault', atMs: 90_000, element: 'nic:HostB/NIC3', label: 'HostB/NIC3', failed: false },
  ];
}

export const TEAM_B_MAC = '00-24-E8-0B-00-03';
const CLIENT_MAC = '00-1C-23-00-00-64';

function echo(dst: string): FrameView {
  return { kind: 'icmp-echo-request', dst, src: CLIENT_MAC, ethertype: 0x0800, ip: { src: '10.0.9.100', dst: '1.1.1.1', ttl: 128, id: 7 }, icmp: { type: 8, code: 0, identifier: 1, sequence: 75 } };
}

/** One echo request for Guest1 after its restart on HostB: across switch1, rewritten by HostB's team to the old MAC, dropped at HostB/VM-Switch. */
export function staleEchoEvents(atMs = 75_000, frameId = 40, seq = 900): TraceEvent[] {
  const base = { atMs, frameId, vm: 'Guest1' as string | null, link: null as string | null };
  return [
    { ...base, seq, device: 'Client1', element: 'client:Client1', link: 'cable:client:Client1~switch1/10', action: 'sent', frame: echo(TEAM_B_MAC) },
    { ...base, seq: seq + 1, device: 'switch1/port10', element: 'port:switch1/10', action: 'received', frame: echo(TEAM_B_MAC) },
    { ...base, seq: seq + 2, device: 'switch1/port2', element: 'port:switch1/2', action: 'forwarded', frame: echo(TEAM_B_MAC) },
    { ...base, seq: seq + 3, device: 'team VM-Team on HostB', element: 'team:HostB/VM-Team', action: 'received', frame: echo(TEAM_B_MAC) },
    {
      ...base, seq: seq + 4, device: 'team VM-Team on HostB', element: 'team:HostB/VM-Team', action: 'rewritten', frame: echo(MAC_C), before: echo(TEAM_B_MAC),
      rewrite: { field: 'destination MAC', from: TEAM_B_MAC, to: MAC_C, learntAtMs: 20_400 },
    },
    { ...base, seq: seq + 5, device: 'HostB/VM-Switch', element: 'vswitch:HostB/VM-Switch', action: 'dropped', reason: 'vswitch-no-port', reasonText: 'no port of the virtual switch has that MAC', frame: echo(MAC_C) },
  ];
}

/** A gratuitous ARP of Guest2, a frame of another VM in the same window. */
export function guest2Arp(seq = 800): TraceEvent {
  const f: FrameView = { kind: 'arp-gratuitous', dst: 'FF-FF-FF-FF-FF-FF', src: '00-15-5D-00-20-02', ethertype: 0x0806, arp: { op: 2, sha: '00-15-5D-00-20-02', spa: '1.1.1.2', tha: 'FF-FF-FF-FF-FF-FF', tpa: '1.1.1.2' } };
  return { seq, atMs: 74_000, frameId: 30, device: 'Guest2', element: 'vm:Guest2', link: null, action: 'sent', vm: 'Guest2', frame: f };
}
