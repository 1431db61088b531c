// A switch port's VLAN membership: an access port carries one VLAN untagged; a trunk carries its
// allowed VLANs with 802.1Q tags, except the native VLAN, which crosses untagged.
import type { PhysicalSwitchSpec, PortSecurity, SwitchPortSettings } from '../../../shared/lab.js';

export class PortVlans {
  private readonly allowed: ReadonlySet<number> | null;

  constructor(readonly settings: Pick<SwitchPortSettings, 'mode' | 'vlan' | 'nativeVlan' | 'allowedVlans'>) {
    this.allowed = settings.allowedVlans ? new Set(settings.allowedVlans) : null;
  }

  get trunk(): boolean {
    return this.settings.mode === 'trunk';
  }

  /** The VLAN a frame arriving with `tag` belongs to, or null when the port does not carry it. */
  ingress(tag: number | undefined): number | null {
    const s = this.settings;
    if (s.mode === 'access') return tag === undefined || tag === s.vlan ? s.vlan : null;
    const vlan = tag ?? s.nativeVlan;
    return this.carries(vlan) ? vlan : null;
  }

  carries(vlan: number): boolean {
    if (this.settings.mode === 'access') return vlan === this.settings.vlan;
    return this.allowed === null || this.allowed.has(vlan);
  }

  /** The 802.1Q tag a frame of `vlan` leaves this port with (undefined = untagged). */
  egressTag(vlan: number): number | undefined {
    return this.settings.mode === 'trunk' && vlan !== this.settings.nativeVlan ? vlan : undefined;
  }

  /** "access port in VLAN 1", "trunk allowing VLANs 1, 10, native VLAN 1". */
  describe(): string {
    const s = this.settings;
    if (s.mode === 'access') return `access port in VLAN ${s.vlan}`;
    const allowed = s.allowedVlans ? `VLAN${s.allowedVlans.length === 1 ? '' : 's'} ${s.allowedVlans.join(', ')}` : 'all VLANs';
    return `trunk allowing ${allowed}, native VLAN ${s.nativeVlan}`;
  }
}

export const ACCESS_VLAN_1 = new PortVlans({ mode: 'access', vlan: 1, nativeVlan: 1 });

export interface PortSettingsOf {
  vlans: PortVlans;
  security?: PortSecurity;
  portfast?: boolean;
}

/** Each port's settings by port number; a port no record names is an access port in VLAN 1 without port security. */
export function portSettingsOf(spec: Pick<PhysicalSwitchSpec, 'portSettings'>): (port: number) => PortSettingsOf {
  const byPort = new Map<number, PortSettingsOf>();
  for (const settings of spec.portSettings) {
    const of = { vlans: new PortVlans(settings), security: settings.portSecurity, portfast: settings.portfast };
    for (const p of settings.ports) byPort.set(p, of);
  }
  const plain = { vlans: ACCESS_VLAN_1 };
  return (port) => byPort.get(port) ?? plain;
}

export function portVlansOf(spec: Pick<PhysicalSwitchSpec, 'portSettings'>): (port: number) => PortVlans {
  const of = portSettingsOf(spec);
  return (port) => of(port).vlans;
}

/** The VLAN a host-side tag stands for on the wire, for words: "VLAN 20", "untagged". */
export function tagWords(tag: number | undefined): string {
  return tag === undefined ? 'untagged' : `VLAN ${tag}`;
}
