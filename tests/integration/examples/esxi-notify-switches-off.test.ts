// The example lab of vMotion with Notify switches off: the switches keep the VM's MAC on the old
// host's ports and its gateway goes on sending there (stale-switch-mac); a host that notifies passes.
import { describe, expect, it } from 'vitest';
import { example } from '../../unit/core/helpers.js';
import { runDrill } from '../../../src-main/core/drills/runner.js';
import { lintLab } from '../../../src-main/core/lint/index.js';

const lab = example('esxi-notify-switches-off');
const run = (name: string) => runDrill(lab, lab.drills.find((d) => d.name === name)!).result;

describe('esxi-notify-switches-off.lab.json', () => {
  it('loses App1 after a vMotion to esxi02, whose vSwitch0 does not notify the switches: stale-switch-mac', () => {
    const result = run('vmotion-to-esxi02');
    expect(result.passed).toBe(false);
    const app1 = result.vms[0];
    expect(app1.reachableAtEnd).toBe(false);
    expect(app1.diagnosis?.code).toBe('stale-switch-mac');
    expect(app1.diagnosis?.text).toContain('still holds 00-50-56-00-10-01 (VM App1), but App1 now runs on esxi02');
    expect(app1.diagnosis?.text).toContain('Notify switches is off on esxi02/vSwitch0');
    expect(app1.diagnosis?.remedies[0]).toContain('Turn on Notify switches on esxi02/vSwitch0');
  });

  it('keeps App1 reachable after a vMotion to esxi03, which notifies, and across an uplink failure and failback', () => {
    for (const name of ['vmotion-to-esxi03', 'uplink-fails-and-returns']) expect({ name, passed: run(name).passed }).toEqual({ name, passed: true });
    expect(run('vmotion-to-esxi03').vms[0].downtimeMs).toBeLessThanOrEqual(lab.settings.pingIntervalMs);
  });

  it('keeps App1’s MAC across the vMotion, as VMware does', () => {
    const result = run('vmotion-to-esxi03');
    const before = result.baseline.vms.find((v) => v.name === 'App1')!;
    const after = result.steps[0].snapshot.vms.find((v) => v.name === 'App1')!;
    expect(after).toMatchObject({ host: 'esxi03', mac: before.mac });
  });

  it('warns before any drill that esxi02/vSwitch0 does not notify the switches', () => {
    const found = lintLab(lab).filter((c) => c.code === 'notify-switches-off');
    expect(found.map((c) => c.elements[0].label)).toEqual(['esxi02/vSwitch0']);
  });
});
