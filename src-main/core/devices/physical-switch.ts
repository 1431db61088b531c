// A learning Ethernet switch: learns source MACs per port, ages them, floods unknown unicast and
// broadcast, and flushes a port's entries when its link goes down.
import { isGroup, type Frame } from '../net/frames.js';
import type { SimContext } from '../engine/context.js';
import { Port, type PortOwner } from './port.js';
import { portId, switchId } from '../../../shared/checks.js';

interface MacEntry {
  port: Port;
  learntUs: number;
}

export class PhysicalSwitch implements PortOwner {
  readonly ports: Port[] = [];
  /** Ports with a cable, the only ones a flood can leave by. */
  readonly cabledPorts: Port[] = [];
  readonly table = new Map<number, MacEntry>();
  failed = false;
  private readonly ageingUs: number;
  readonly elementId: string;

  constructor(
    readonly ctx: SimContext,
    readonly name: string,
    portCount: number,
    ageingSec: number,
  ) {
    this.ageingUs = ageingSec * 1_000_000;
    this.elementId = switchId(name);
    for (let i = 1; i <= portCount; i++) this.ports.push(new Port(this, ctx, `${name}/port${i}`, portId(name, i)));
  }

  get operational(): boolean {
    return !this.failed;
  }

  port(number: number): Port {
    return this.ports[number - 1];
  }

  portNumber(port: Port): number {
    return this.ports.indexOf(port) + 1;
  }

  receive(port: Port, frame: Frame): void {
    if (this.failed) {
      this.ctx.drop(this.name, this.elementId, 'switch-down', frame);
      return;
    }
    if (port.blocked) return;
    const now = this.ctx.now;
    if (!isGroup(frame.src)) {
      const known = this.table.get(frame.src);
      if (known) {
        known.port = port;
        known.learntUs = now;
      } else this.table.set(frame.src, { port, learntUs: now });
    }
    if (!isGroup(frame.dst)) {
      const entry = this.table.get(frame.dst);
      if (entry && now - entry.learntUs < this.ageingUs) {
        if (entry.port !== port) entry.port.send(frame, 'forwarded');
        return;
      }
      if (entry) this.table.delete(frame.dst);
    }
    this.flood(port, frame);
  }

  private flood(ingress: Port, frame: Frame): void {
    let sent = 0;
    for (const p of this.cabledPorts) {
      if (p !== ingress && p.carrier && !p.blocked) {
        p.send(frame, 'flooded');
        sent++;
      }
    }
    if (sent === 0) this.ctx.drop(this.name, this.elementId, 'no-egress', frame);
  }

  onCarrier(port: Port, up: boolean): void {
    if (up) return;
    for (const [mac, entry] of this.table) if (entry.port === port) this.table.delete(mac);
  }

  fail(): void {
    this.failed = true;
    this.table.clear();
  }

  /** Live (not aged-out) entries. */
  entries(): { mac: number; port: number; ageSec: number }[] {
    const now = this.ctx.now;
    const out: { mac: number; port: number; ageSec: number }[] = [];
    for (const [mac, e] of this.table) {
      const age = now - e.learntUs;
      if (age < this.ageingUs) out.push({ mac, port: this.portNumber(e.port), ageSec: Math.round(age / 1000) / 1000 });
    }
    return out.sort((x, y) => x.mac - y.mac);
  }
}
