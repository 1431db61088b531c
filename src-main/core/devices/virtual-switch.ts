// Hyper-V's external virtual switch: learns nothing from the wire; forwards to the port whose VM
// has the destination MAC, floods broadcasts to every port, drops unknown unicast from the uplink.
// A port with a VLAN ID tags what its VM sends out and takes in only frames tagged with that VLAN.
import { isGroup, rarpFor, type Frame } from '../net/frames.js';
import type { SimContext } from '../engine/context.js';
import type { HopAction } from '../../../shared/trace.js';
import { virtualSwitchId } from '../../../shared/checks.js';
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
  /** ESXi "notify switches": RARPs for a VM that arrives by migration (and the team's failovers). */
  notifySwitches = true;
  readonly elementId: string;
  /** The canvas edge to the team or NIC the switch is bound to. */
  readonly uplinkEdge: string;

  constructor(
    readonly ctx: SimContext,
    readonly hostName: string,
    readonly name: string,
  ) {
    this.elementId = virtualSwitchId(hostName, name);
    this.uplinkEdge = `uplink:${this.elementId}`;
  }

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

  connectedVms(): { ip: number; mac: number; vlan?: number }[] {
    return this.ports.filter((vm) => vm.state === 'running' && vm.mac !== null).map((vm) => ({ ip: vm.ip, mac: vm.mac!, vlan: vm.vlan }));
  }

  // A NIC bound directly (no team) hands everything up unchanged.
  receiveFromNic(nic: Nic, frame: Frame): void {
    const ctx = this.ctx;
    if (ctx.tracing)
      ctx.hop({ atUs: ctx.now, action: 'forwarded', device: nic.label, element: nic.port.elementId, link: this.uplinkEdge, frame, tap: { at: nic.port, direction: 'up' } });
    this.receiveFromUplink(frame);
  }

  onNicCarrier(): void {}

  /** The switch hands the frame to a VM's port (`link` is that port's edge). */
  private toVm(vm: Vm, frame: Frame, action: HopAction): void {
    const ctx = this.ctx;
    if (ctx.tracing) ctx.hop({ atUs: ctx.now, action, device: this.label, element: this.elementId, link: vm.vnicEdge, frame });
    vm.receive(frame);
  }

  receiveFromUplink(frame: Frame): void {
    const tag = frame.vlan;
    if (isGroup(frame.dst)) {
      const untagged = tag === undefined ? frame : { ...frame, vlan: undefined };
      for (const vm of this.ports) if (vm.vlan === tag) this.toVm(vm, untagged, 'flooded');
      return;
    }
    const vm = this.byMac.get(frame.dst);
    if (!vm) this.ctx.drop(this.label, this.elementId, 'vswitch-no-port', frame);
    else if (vm.vlan !== tag) this.ctx.drop(this.label, this.elementId, 'vlan-mismatch', frame);
    else this.toVm(vm, tag === undefined ? frame : { ...frame, vlan: undefined }, 'forwarded');
  }

  /** A VM arrived by migration: `count` RARPs for its MAC out of the uplink, so the physical switches learn where it is. */
  notifyMoved(vm: Vm, count: number): void {
    if (!this.notifySwitches || !this.uplink || vm.mac === null) return;
    const ctx = this.ctx;
    for (let i = 0; i < count; i++) {
      const rarp = rarpFor(vm.mac, vm.vlan, ctx.newFrameId());
      if (ctx.tracing) ctx.hop({ atUs: ctx.now, action: 'sent', device: this.label, element: this.elementId, link: this.uplinkEdge, frame: rarp });
      this.uplink.transmit(rarp);
    }
  }

  transmitFromVm(from: Vm, frame: Frame): void {
    const group = isGroup(frame.dst);
    if (group) {
      for (const vm of this.ports) if (vm !== from && vm.vlan === from.vlan) this.toVm(vm, frame, 'flooded');
    } else {
      const vm = this.byMac.get(frame.dst);
      if (vm && vm.vlan === from.vlan) return this.toVm(vm, frame, 'forwarded');
    }
    const ctx = this.ctx;
    if (!this.uplink) return ctx.drop(this.label, this.elementId, 'vswitch-no-uplink', frame);
    const out = from.vlan === undefined ? frame : { ...frame, vlan: from.vlan };
    if (ctx.tracing) ctx.hop({ atUs: ctx.now, action: group ? 'flooded' : 'forwarded', device: this.label, element: this.elementId, link: this.uplinkEdge, frame: out });
    this.uplink.transmit(out);
  }
}
