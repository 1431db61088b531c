// Hyper-V's external virtual switch: learns nothing from the wire; forwards to the port whose VM
// has the destination MAC, floods broadcasts to every port, drops unknown unicast from the uplink.
import { isGroup, type Frame } from '../net/frames.js';
import type { SimContext } from '../engine/context.js';
import type { TeamClient } from './team.js';
import type { Nic, NicUpper } from './nic.js';
import type { Vm } from './vm.js';

export interface Uplink {
  transmit(frame: Frame): void;
}

export class VirtualSwitch implements TeamClient, NicUpper {
  /** Connected VM adapters in connection order; a VM is connected while powered on. */
  readonly ports: Vm[] = [];
  private readonly byMac = new Map<number, Vm>();
  uplink: Uplink | null = null;

  constructor(
    readonly ctx: SimContext,
    readonly hostName: string,
    readonly name: string,
  ) {}

  /** "HostB/VM-Switch". */
  get label(): string {
    return `${this.hostName}/${this.name}`;
  }

  hasPortFor(mac: number): boolean {
    return this.byMac.has(mac);
  }

  connect(vm: Vm, mac: number): void {
    this.ports.push(vm);
    this.byMac.set(mac, vm);
  }

  disconnect(vm: Vm): void {
    const i = this.ports.indexOf(vm);
    if (i >= 0) this.ports.splice(i, 1);
    for (const [mac, v] of this.byMac) if (v === vm) this.byMac.delete(mac);
  }

  connectedVms(): { ip: number; mac: number }[] {
    return this.ports.filter((vm) => vm.state === 'running' && vm.mac !== null).map((vm) => ({ ip: vm.ip, mac: vm.mac! }));
  }

  // A NIC bound directly (no team) hands everything up unchanged.
  receiveFromNic(nic: Nic, frame: Frame): void {
    if (nic.port.tap) nic.port.tap('up', frame);
    this.receiveFromUplink(frame);
  }

  onNicCarrier(): void {}

  receiveFromUplink(frame: Frame): void {
    if (isGroup(frame.dst)) {
      for (const vm of this.ports) vm.receive(frame);
      return;
    }
    const vm = this.byMac.get(frame.dst);
    if (vm) vm.receive(frame);
    else this.ctx.drop(this.label, 'vswitch-no-port', frame);
  }

  transmitFromVm(from: Vm, frame: Frame): void {
    if (isGroup(frame.dst)) {
      for (const vm of this.ports) if (vm !== from) vm.receive(frame);
    } else {
      const vm = this.byMac.get(frame.dst);
      if (vm) return vm.receive(frame);
    }
    if (this.uplink) this.uplink.transmit(frame);
    else this.ctx.drop(this.label, 'vswitch-no-uplink', frame);
  }
}
