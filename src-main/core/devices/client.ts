// A client on the physical network: one NIC, an ARP cache of its OS's kind, and the ping
// application that drills use to measure reachability.
import { ICMP_ECHO_REQUEST, WINDOWS_PING_DATA, type Frame } from '../net/frames.js';
import type { SimContext } from '../engine/context.js';
import type { ClientSpec } from '../../../shared/lab.js';
import { ipToNumber, macToNumber } from '../../../shared/addresses.js';
import { IpStack } from './ip-stack.js';
import { Port, type PortOwner } from './port.js';
import { clientId } from '../../../shared/checks.js';

export class Client implements PortOwner {
  readonly port: Port;
  readonly stack: IpStack;
  readonly ip: number;
  readonly mac: number;
  onReply: ((frame: Frame) => void) | null = null;

  constructor(
    readonly ctx: SimContext,
    readonly spec: ClientSpec,
  ) {
    this.ip = ipToNumber(spec.ip);
    this.mac = macToNumber(spec.mac);
    this.port = new Port(this, ctx, spec.name, clientId(spec.name));
    this.port.arrival = 'delivered';
    this.stack = new IpStack(ctx, spec.name, this.port.elementId, this.ip, this.mac, spec.arpCache, (f) => this.port.send(f));
    this.stack.onEchoReply = (f) => this.onReply?.(f);
  }

  get name(): string {
    return this.spec.name;
  }

  get operational(): boolean {
    return true;
  }

  receive(_port: Port, frame: Frame): void {
    this.stack.receive(frame);
  }

  onCarrier(): void {}

  ping(dstIp: number, identifier: number, sequence: number, trace: number): void {
    this.stack.sendIcmp(
      dstIp,
      { type: ICMP_ECHO_REQUEST, code: 0, identifier: identifier & 0xffff, sequence: sequence & 0xffff, data: WINDOWS_PING_DATA },
      trace,
    );
  }
}
