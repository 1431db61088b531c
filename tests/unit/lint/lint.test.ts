import { describe, it, expect } from 'vitest';
import { lintLab } from '../../../src-main/core/lint/index.js';
import { designCheckSchema, hasErrors, type DesignCheck } from '../../../shared/checks.js';
import { labFrom, fieldReportInput, variant } from './lab-fixtures.js';

const codes = (checks: DesignCheck[]) => checks.map((c) => c.code);
const ofCode = (checks: DesignCheck[], code: DesignCheck['code']) => checks.filter((c) => c.code === code);
const ids = (check: DesignCheck) => check.elements.map((e) => e.id);

describe('design checks on the field report lab', () => {
  const checks = lintLab(labFrom(fieldReportInput()));

  it('flags both learn-once Broadcom teams because Guest1 has a dynamic MAC', () => {
    const risky = ofCode(checks, 'learn-once-team-dynamic-macs');
    expect(risky).toHaveLength(2);
    expect(risky.every((c) => c.severity === 'error')).toBe(true);
    expect(ids(risky[1])).toEqual(expect.arrayContaining(['team:HostB/VM-Team', 'vm:Guest1']));
    expect(ids(risky[1])).not.toContain('vm:Guest2');
    expect(risky[1].message).toMatch(/learns each VM's MAC once/);
    expect(risky[1].remedies.join(' ')).toMatch(/static MAC/);
    expect(hasErrors(checks)).toBe(true);
  });

  it('points each element at its place in the document so the canvas can highlight it', () => {
    const team = ofCode(checks, 'learn-once-team-dynamic-macs')[1].elements.find((e) => e.kind === 'team')!;
    expect(team).toEqual({ kind: 'team', id: 'team:HostB/VM-Team', path: 'hosts[1].teams[0]', label: 'HostB/VM-Team' });
  });

  it('warns that the teams have no link monitoring while a member sits behind the inter-switch link', () => {
    const unmonitored = ofCode(checks, 'team-without-monitoring');
    expect(unmonitored.map((c) => ids(c)[0])).toEqual(['team:HostA/VM-Team', 'team:HostB/VM-Team']);
    expect(unmonitored[0].elements.map((e) => e.id)).toContain('nic:HostA/NIC4');
  });

  it('finds no overlapping pools, no oversized host and no single switch cutting VMs off', () => {
    expect(codes(checks)).not.toContain('mac-pools-overlap');
    expect(codes(checks)).not.toContain('mac-pool-too-small');
    expect(codes(checks)).not.toContain('single-point-of-failure');
    expect(codes(checks)).not.toContain('virtual-switch-without-uplink');
  });

  it('lists errors before warnings before notes, and every check matches the shared schema', () => {
    const order = checks.map((c) => ['error', 'warning', 'info'].indexOf(c.severity));
    expect(order).toEqual([...order].sort());
    for (const c of checks) expect(designCheckSchema.parse(c)).toEqual(c);
  });
});

describe('design checks on variants of the lab', () => {
  it('raises no learn-once error when every VM has a static MAC', () => {
    const lab = variant((l) => {
      l.vms![0] = { ...l.vms![0], macMode: 'static', staticMac: '00-15-5D-00-20-01' };
    });
    expect(codes(lintLab(lab))).not.toContain('learn-once-team-dynamic-macs');
  });

  it('raises no learn-once error behind a transparent Intel team', () => {
    const lab = variant((l) => l.hosts.forEach((h) => (h.teams![0].driverProfile = 'intel-ans-aft')));
    expect(codes(lintLab(lab))).not.toContain('learn-once-team-dynamic-macs');
  });

  it('flags hosts whose management IPs end in the same two octets', () => {
    const lab = variant((l) => (l.hosts[1].managementIp = '10.1.1.10'));
    const overlap = ofCode(lintLab(lab), 'mac-pools-overlap');
    expect(overlap).toHaveLength(1);
    expect(overlap[0].severity).toBe('error');
    expect(overlap[0].message).toMatch(/HostA and HostB/);
    expect(overlap[0].message).toMatch(/same two octets/);
  });

  it('flags overlapping macPool overrides', () => {
    const lab = variant((l) => {
      l.hosts[0].macPool = { first: '00-15-5D-AA-00-00', size: 512 };
      l.hosts[1].macPool = { first: '00-15-5D-AA-01-80', size: 256 };
    });
    expect(ofCode(lintLab(lab), 'mac-pools-overlap')[0].message).toMatch(/00-15-5D-AA-01-80/);
  });

  it('flags a host holding more dynamic-MAC VMs than its pool', () => {
    const lab = variant((l) => {
      l.hosts[0].macPool = { first: '00-15-5D-AA-00-00', size: 2 };
      l.vms!.push({ name: 'Guest3', ip: '1.1.1.3', host: 'HostA' }, { name: 'Guest4', ip: '1.1.1.4', host: 'HostA' });
    });
    const full = ofCode(lintLab(lab), 'mac-pool-too-small');
    expect(full).toHaveLength(1);
    expect(full[0].message).toMatch(/HostA holds 3 VMs with dynamic MACs but its pool has 2 addresses/);
  });

  it('warns when both team members plug into one switch, and errs for Intel SFT', () => {
    const sameSwitch = (profile: string) =>
      variant((l) => {
        l.hosts[0].teams![0].driverProfile = profile;
        l.cables![1] = { a: { host: 'HostA', nic: 'NIC4' }, b: { switch: 'switch1', port: 3 } };
      });
    const basp = ofCode(lintLab(sameSwitch('broadcom-basp-2009-12-15')), 'team-members-same-switch');
    expect(basp.map((c) => c.severity)).toEqual(['warning']);
    const sft = ofCode(lintLab(sameSwitch('intel-ans-sft')), 'team-members-same-switch');
    expect(sft.map((c) => c.severity)).toEqual(['error']);
    expect(sft[0].message).toMatch(/requires its members on different switches/);
  });

  it('finds the switch and the inter-switch link whose loss cuts VMs off from the client', () => {
    const lab = variant((l) => {
      // HostB's team plugs only into switch2, which reaches Client1 (on switch1) over one link.
      l.cables![2] = { a: { host: 'HostB', nic: 'NIC3' }, b: { switch: 'switch2', port: 3 } };
      l.vms![1].host = 'HostB';
    });
    const spof = ofCode(lintLab(lab), 'single-point-of-failure');
    expect(spof.map((c) => c.message)).toEqual([
      'If switch2 fails, Client1 loses Guest2: no team member of theirs plugs into another switch the client can reach.',
      'If the link between switch1 and switch2 fails, Client1 loses Guest2.',
    ]);
    expect(ids(spof[1])[0]).toBe('cable:port:switch1/24~port:switch2/24');
  });

  it('flags a virtual switch without an uplink and the VMs stranded on it', () => {
    const lab = variant((l) => delete l.hosts[0].virtualSwitches![0].uplink);
    const stranded = ofCode(lintLab(lab), 'virtual-switch-without-uplink');
    expect(stranded[0].severity).toBe('error');
    expect(ids(stranded[0])).toEqual(['vswitch:HostA/VM-Switch', 'vm:Guest1', 'vm:Guest2']);
  });

  it('flags VMs with no path at all when their uplink NICs are unplugged', () => {
    const lab = variant((l) => {
      l.cables = l.cables!.filter((c) => !('host' in c.a && c.a.host === 'HostA'));
      l.drills = [];
    });
    const noPath = ofCode(lintLab(lab), 'vm-has-no-path');
    expect(noPath[0].message).toMatch(/Guest1 and Guest2 have no path to Client1/);
  });

  it('warns when the management OS shares the VM team', () => {
    const lab = variant((l) => (l.hosts[1].virtualSwitches![0].shareWithManagementOs = true));
    const shared = ofCode(lintLab(lab), 'management-os-shares-vm-team');
    expect(ids(shared[0])).toEqual(['vswitch:HostB/VM-Switch', 'team:HostB/VM-Team', 'host:HostB']);
  });

  it('raises no monitoring warning once LiveLink is on', () => {
    const lab = variant((l) => l.hosts.forEach((h) => (h.teams![0].monitoring = true)));
    expect(codes(lintLab(lab))).not.toContain('team-without-monitoring');
  });

  it('notes a running VM that holds a MAC from another host’s pool', () => {
    const lab = variant((l) => {
      l.vms![0].host = 'HostB';
      l.vms![0].dynamicMac = '00-15-5D-01-0A-03';
    });
    const note = ofCode(lintLab(lab), 'dynamic-mac-from-other-pool');
    expect(note[0].message).toMatch(/Guest1 runs on HostB with 00-15-5D-01-0A-03 from HostA's pool/);
  });
});

describe('a team set to a load-balancing mode', () => {
  const teamMode = (mode: string, profile: string) =>
    variant((l) => {
      (l.hosts[0].teams![0] as { mode?: string }).mode = mode;
      l.hosts[0].teams![0].driverProfile = profile;
    });

  it('notes that a profile without load balancing runs the team active/standby whatever its mode says', () => {
    const found = ofCode(lintLab(teamMode('smart-load-balancing', 'broadcom-basp-2009-12-15')), 'team-mode-not-load-balanced');
    expect(found).toHaveLength(1);
    expect(found[0].severity).toBe('info');
    expect(found[0].message).toMatch(/HostA\/VM-Team is set to smart-load-balancing.*active\/standby/);
    expect(ids(found[0])).toContain('team:HostA/VM-Team');
  });

  it('says nothing when the profile spreads the VMs, or the team is active-passive', () => {
    expect(ofCode(lintLab(teamMode('switch-independent', 'windows-lbfo-hyperv-port')), 'team-mode-not-load-balanced')).toEqual([]);
    expect(ofCode(lintLab(teamMode('active-passive', 'broadcom-basp-2009-12-15')), 'team-mode-not-load-balanced')).toEqual([]);
  });
});
