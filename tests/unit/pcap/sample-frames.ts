// Frames from the field report's story: Client1 asks for Guest1, the team answers, Client1 pings.
import { ARP_REPLY, ARP_REQUEST, ICMP_ECHO_REQUEST, WINDOWS_PING_DATA, type Frame } from '../../../src-main/core/net/frames.js';
import { ipToNumber, macToNumber, BROADCAST_MAC } from '../../../shared/addresses.js';

export const CLIENT_MAC = macToNumber('00-1C-23-00-00-64');
export const TEAM_B_MAC = macToNumber('00-24-E8-0B-00-03');
export const GUEST1_OLD_MAC = macToNumber('00-15-5D-01-0A-03');
export const CLIENT_IP = ipToNumber('1.1.1.100');
export const GUEST1_IP = ipToNumber('1.1.1.1');

export const arpRequest: Frame = {
  dst: BROADCAST_MAC,
  src: CLIENT_MAC,
  payload: { kind: 'arp', op: ARP_REQUEST, sha: CLIENT_MAC, spa: CLIENT_IP, tha: 0, tpa: GUEST1_IP },
  trace: -1,
  id: 0,
};

export const arpReplyFromTeam: Frame = {
  dst: CLIENT_MAC,
  src: TEAM_B_MAC,
  payload: { kind: 'arp', op: ARP_REPLY, sha: TEAM_B_MAC, spa: GUEST1_IP, tha: CLIENT_MAC, tpa: CLIENT_IP },
  trace: -1,
  id: 0,
};

export function echoRequest(dst: number, sequence = 1): Frame {
  return {
    dst,
    src: CLIENT_MAC,
    payload: {
      kind: 'ipv4',
      src: CLIENT_IP,
      dst: GUEST1_IP,
      ttl: 128,
      id: 0x1234,
      icmp: { type: ICMP_ECHO_REQUEST, code: 0, identifier: 1, sequence, data: WINDOWS_PING_DATA },
    },
    trace: sequence,
    id: sequence,
  };
}
