// Importing the field report's estate as Windows PowerShell 5.1 and PowerShell 7 wrote it: the
// same lab either way, its unknowns named as design-check warnings, and drills that fail as the field report's did.
import { describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importHyperV } from '../../../src-main/core/import/hyperv.js';
import { ImportError } from '../../../src-main/core/import/powershell-json.js';
import { readEstateFolder } from '../../../src-main/service/hyperv-estate.js';
import { runDrills } from '../../../src-main/core/drills/runner.js';
import { lintLab } from '../../../src-main/core/lint/index.js';
import { openLabFile } from '../../../src-main/store/index.js';
import { runCli } from '../../../src-main/cli/main.js';
import { CATALOGUE_IDS } from '../../../src-main/core/drivers/catalogue.js';
import { example, parse } from '../../unit/core/helpers.js';

const fixtures = fileURLToPath(new URL('../../fixtures/hyperv/', import.meta.url));
const imported = (version: 'ps51' | 'ps7') => importHyperV(readEstateFolder(join(fixtures, `field-report-${version}`)));

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t), err: (t) => (err += t), isTty: false, cwd: process.cwd() });
  return { code, out, err };
}

/** A copy of the 5.1 estate to break one file of. */
function estateCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hyperv-estate-'));
  cpSync(join(fixtures, 'field-report-ps51'), dir, { recursive: true });
  return dir;
}

describe('import-hyperv on the field report’s estate', () => {
  const v51 = imported('ps51');
  const v7 = imported('ps7');

  it('builds the same lab from what 5.1 and 7 wrote', () => {
    expect(v51.lab).toEqual(v7.lab);
  });

  it('finds the two hosts, their Broadcom NICs, the BASP team behind VM-Switch and both guests', () => {
    const { lab } = v7;
    expect(lab.hosts.map((h) => [h.name, h.managementIp, h.nics.map((n) => `${n.name} ${n.vendor} ${n.chipset} ${n.mac}`)])).toEqual([
      ['HostA', '10.0.1.10', ['NIC1 Broadcom BCM5709C 00-24-E8-0A-00-01', 'NIC2 Broadcom BCM5709C 00-24-E8-0A-00-02', 'NIC3 Broadcom BCM5709C 00-24-E8-0A-00-03', 'NIC4 Broadcom BCM5709C 00-24-E8-0A-00-04']],
      ['HostB', '10.0.2.11', ['NIC1 Broadcom BCM5709C 00-24-E8-0B-00-01', 'NIC2 Broadcom BCM5709C 00-24-E8-0B-00-02', 'NIC3 Broadcom BCM5709C 00-24-E8-0B-00-03', 'NIC4 Broadcom BCM5709C 00-24-E8-0B-00-04']],
    ]);
    for (const host of lab.hosts) {
      expect(host.teams).toEqual([{ name: 'VM-Team', members: ['NIC3', 'NIC4'], primary: 'NIC3', mode: 'active-passive', driverProfile: 'broadcom-basp-2009-12-15', createdBeforeHyperV: true }]);
      expect(host.virtualSwitches).toEqual([{ name: 'VM-Switch', type: 'external', uplink: { team: 'VM-Team' }, shareWithManagementOs: false }]);
    }
    expect(lab.vms.map((v) => [v.name, v.host, v.ip, v.macMode, v.dynamicMac ?? v.staticMac, v.initialState])).toEqual([
      ['Guest1', 'HostA', '1.1.1.1', 'dynamic', '00-15-5D-01-0A-00', 'running'],
      ['Guest2', 'HostA', '1.1.1.2', 'static', '00-15-5D-00-20-02', 'running'],
    ]);
  });

  it('cables each team member by the switches’ MAC table and LLDP, and the switches to each other by CDP', () => {
    expect(v7.lab.cables).toEqual([
      { a: { switch: 'switch1', port: 24 }, b: { switch: 'switch2', port: 24 } },
      { a: { host: 'HostA', nic: 'NIC3' }, b: { switch: 'switch1', port: 1 } },
      { a: { host: 'HostA', nic: 'NIC4' }, b: { switch: 'switch2', port: 1 } },
      { a: { host: 'HostB', nic: 'NIC3' }, b: { switch: 'switch1', port: 2 } },
      { a: { host: 'HostB', nic: 'NIC4' }, b: { switch: 'switch2', port: 2 } },
      { a: { client: 'Client1' }, b: { switch: 'switch1', port: 3 } },
    ]);
    expect(v7.summary).toMatchObject({ hosts: 2, nics: 8, teams: 2, virtualSwitches: 2, vms: 2, switches: 2, cablesPlaced: 6 });
    expect(v7.summary.notes).toEqual(['switches/switch1.txt: line 13: Po1 is not a physical port']);
  });

  it('names every default it took as an imported-default warning, and drops one once the engineer changes it', () => {
    const warnings = lintLab(v7.lab).filter((c) => c.code === 'imported-default');
    expect(warnings.map((w) => w.elements[0].id)).toEqual([
      'host:HostA', 'host:HostB', 'team:HostA/VM-Team', 'team:HostA/VM-Team', 'team:HostB/VM-Team', 'team:HostB/VM-Team', 'client:Client1',
    ]);
    expect(warnings.every((w) => w.severity === 'warning')).toBe(true);
    expect(warnings[2].message).toBe(
      'HostA/VM-Team: the import took driver profile broadcom-basp-2009-12-15 as a default — a Broadcom team\'s settings live in BACS, which the Hyper-V cmdlets do not show.',
    );
    expect(v7.summary.defaults).toEqual(warnings.map((w) => w.message));
    const changed = structuredClone(v7.lab);
    changed.hosts[0].teams[0].driverProfile = 'broadcom-basp-corrected';
    expect(lintLab(changed).filter((c) => c.code === 'imported-default').map((w) => w.message)).not.toContain(warnings[2].message);
    expect(lintLab(changed).filter((c) => c.code === 'imported-default')).toHaveLength(6);
  });

  it('runs the field report’s drills with the field report’s outcomes', () => {
    const reference = example('field-report');
    const lab = parse({ ...v51.lab, drills: reference.drills });
    const outcome = (report: ReturnType<typeof runDrills>) =>
      report.drills.map((d) => ({ drill: d.name, passed: d.passed, vms: d.vms.map((v) => ({ vm: v.name, downtimeMs: v.downtimeMs, reachableAtEnd: v.reachableAtEnd, code: v.diagnosis?.code ?? null })) }));
    const got = outcome(runDrills(lab));
    expect(got).toEqual(outcome(runDrills(reference)));
    expect(got.filter((d) => !d.passed).map((d) => d.drill)).toEqual(['static-to-dynamic-restart', 'migrate-then-restart', 'migrate-back-after-restart']);
  });
});

describe('lab-planner import-hyperv', () => {
  it('writes a .lab and a .lab.json, prints the summary with its defaults, and refuses to replace either without --force', async () => {
    const out = mkdtempSync(join(tmpdir(), 'hyperv-out-'));
    const estate = join(fixtures, 'field-report-ps7');
    for (const name of ['estate.lab', 'estate.lab.json']) {
      const run = await cli('import-hyperv', estate, '-o', join(out, name));
      expect(run.code).toBe(0);
      expect(run.out).toContain('2 hosts, 8 NICs, 2 teams, 2 virtual switches, 2 VMs, 2 switches, 6 cables placed');
      expect(run.out).toContain('7 defaults taken');
      expect(run.out).toContain('HostB/VM-Team: the import took members NIC3, NIC4 as a default');
      const again = await cli('import-hyperv', estate, '-o', join(out, name));
      expect(again.code).toBe(2);
      expect((await cli('import-hyperv', estate, '-o', join(out, name), '--force')).code).toBe(0);
    }
    expect(openLabFile(join(out, 'estate.lab')).lab.settings.importDefaults).toHaveLength(7);
    expect(JSON.parse(readFileSync(join(out, 'estate.lab.json'), 'utf8')).hosts).toHaveLength(2);
    rmSync(out, { recursive: true });
  });

  const broken: [string, (dir: string) => void, string][] = [
    [
      'a bad MAC',
      (dir) => writeFileSync(join(dir, 'HostA/Get-VMNetworkAdapter.json'), JSON.stringify([{ VMName: 'Guest1', SwitchName: 'VM-Switch', MacAddress: 'xyz', DynamicMacAddressEnabled: true }])),
      'HostA/Get-VMNetworkAdapter.json: item 1: MacAddress "xyz" is not a MAC address',
    ],
    [
      'an unknown enum',
      (dir) => writeFileSync(join(dir, 'HostB/Get-VMSwitch.json'), JSON.stringify({ Name: 'VM-Switch', SwitchType: 9, NetAdapterInterfaceDescription: 'BASP Virtual Adapter' })),
      'HostB/Get-VMSwitch.json: item 1: SwitchType 9 is not a known virtual switch type (known: Private (0), Internal (1), External (2))',
    ],
    ['a missing file', (dir) => rmSync(join(dir, 'HostB/Get-NetAdapter.json')), 'HostB/Get-NetAdapter.json: is missing; run scripts/collect-hyperv.ps1 on HostB again'],
    ['malformed JSON', (dir) => writeFileSync(join(dir, 'HostA/Get-VM.json'), '[{"Name": "Guest1",'), 'HostA/Get-VM.json: is not JSON as ConvertTo-Json writes it'],
  ];
  for (const [what, breakIt, message] of broken) {
    it(`names the file and field of ${what} and writes nothing`, async () => {
      const dir = estateCopy();
      breakIt(dir);
      expect(() => importHyperV(readEstateFolder(dir))).toThrow(ImportError);
      const target = join(dir, 'out.lab');
      const run = await cli('import-hyperv', dir, '-o', target);
      expect(run.code).toBe(2);
      expect(run.err).toContain(`nothing was written: ${message}`);
      expect(existsSync(target)).toBe(false);
      rmSync(dir, { recursive: true });
    });
  }
});

describe('import-hyperv on a 2016+ host with an LBFO team and a SET switch', () => {
  const estate = join(fixtures, 'lbfo-and-set-ps7');
  /** The estate without its SET switch, for the parts that need no SET teaming-policy record. */
  function withoutSet() {
    const dir = mkdtempSync(join(tmpdir(), 'hyperv-lbfo-'));
    cpSync(estate, dir, { recursive: true });
    const file = join(dir, 'HV01/Get-VMSwitch.json');
    writeFileSync(file, JSON.stringify(JSON.parse(readFileSync(file, 'utf8')).filter((s: { Name: string }) => s.Name !== 'SET-Switch')));
    const result = importHyperV(readEstateFolder(dir));
    rmSync(dir, { recursive: true });
    return result;
  }

  it('reads an LBFO team with a standby adapter as active-passive on the Hyper-V Port profile, and the VM on it in its access VLAN', () => {
    const { lab, summary } = withoutSet();
    const host = lab.hosts[0];
    expect(host.teams).toEqual([{ name: 'LBFO-Team', members: ['SLOT1', 'SLOT2'], primary: 'SLOT1', mode: 'active-passive', driverProfile: 'windows-lbfo-hyperv-port', createdBeforeHyperV: true }]);
    expect(host.virtualSwitches).toEqual([{ name: 'LBFO-Switch', type: 'external', uplink: { team: 'LBFO-Team' }, shareWithManagementOs: false }]);
    expect(host.nics.map((n) => `${n.vendor} ${n.chipset}`)).toEqual(Array(4).fill('Intel X710'));
    expect(host.macPool).toBeUndefined();
    expect(lab.vms.find((v) => v.name === 'Web1')).toMatchObject({ host: 'HV01', ip: '10.20.0.11', vlan: 20, dynamicMac: '00-15-5D-0A-64-01' });
    expect(summary.notes).toContain('HV01/Lab-Internal: an internal virtual switch has no uplink; left out, with the VM adapters on it');
    expect(summary.notes).toContain('HV01/Scratch: no network adapter on an external virtual switch; left out');
  });

  it.skipIf(!CATALOGUE_IDS.includes('set-dynamic'))('reads a SET switch as a virtual switch teaming its own uplinks, and an off VM’s missing IP as a default', () => {
    const { lab, summary } = importHyperV(readEstateFolder(estate));
    expect(lab.hosts[0].virtualSwitches.find((s) => s.name === 'SET-Switch')).toEqual({
      name: 'SET-Switch',
      type: 'external',
      uplink: { nics: ['SLOT3', 'SLOT4'] },
      teaming: { driverProfile: 'set-dynamic', notifySwitches: true, failback: true },
      shareWithManagementOs: true,
    });
    const db = lab.vms.find((v) => v.name === 'Db1')!;
    expect(db).toMatchObject({ initialState: 'off', macMode: 'dynamic', ip: '192.0.2.1' });
    expect(db.dynamicMac).toBeUndefined();
    expect(summary.defaults).toContain('Db1: the import took IP address 192.0.2.1 as a default — Hyper-V shows a VM’s IP only while it runs with integration services.');
  });
});
