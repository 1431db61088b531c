// Design checks for aggregation: a team that aggregates without a matching port-channel, a
// port-channel towards a team that does not aggregate, and one aggregation over two switches.
import { describe, expect, it } from 'vitest';
import { lintLab } from '../../../src-main/core/lint/index.js';
import type { DesignCheck } from '../../../shared/checks.js';
import { example, exampleJson, parse } from '../core/helpers.js';

const ofCode = (checks: DesignCheck[], code: DesignCheck['code']) => checks.filter((c) => c.code === code);
const ids = (check: DesignCheck) => check.elements.map((e) => e.id);
const LAB = 'lacp-team-without-port-channel';

describe('design checks on the aggregation example', () => {
  const checks = lintLab(example(LAB));

  it('names the LACP team whose switch ports are not in a port-channel, with the command that fixes it', () => {
    const found = ofCode(checks, 'aggregation-without-port-channel');
    expect(found).toHaveLength(1);
    expect(found[0].severity).toBe('error');
    expect(found[0].message).toMatch(/HostA\/VM-Team runs LACP, but switch1\/port1 and switch1\/port2 are not in one LACP port-channel/);
    expect(found[0].remedies[0]).toContain('channel-group N mode active');
    expect(ids(found[0])).toEqual(expect.arrayContaining(['team:HostA/VM-Team']));
  });

  it('names the static port-channel towards the active/standby team', () => {
    const found = ofCode(checks, 'port-channel-without-aggregation');
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(/switch1\/port5 and switch1\/port6 are in a static port-channel, but HostC\/VM-Team is active-passive/);
  });

  it('says nothing of the LACP team on its LACP port-channel', () => {
    const hostB = checks.filter((c) => c.code.includes('aggregation') || c.code.includes('port-channel')).filter((c) => ids(c).includes('team:HostB/VM-Team'));
    expect(hostB).toEqual([]);
  });
});

describe('an aggregation over two switches', () => {
  function spread(stack?: string) {
    const json = exampleJson(LAB) as any;
    json.switches.push({ name: 'switch2', ports: 24, portChannels: [{ ports: [4, 5], mode: 'lacp' }], ...(stack ? { stack } : {}) });
    if (stack) json.switches[0].stack = stack;
    json.cables.find((c: any) => c.a.host === 'HostB' && c.a.nic === 'NIC4').b = { switch: 'switch2', port: 4 };
    json.cables.push({ a: { switch: 'switch1', port: 24 }, b: { switch: 'switch2', port: 24 } });
    return lintLab(parse(json));
  }

  it('is an error when the switches are not one stack or MLAG pair', () => {
    const found = ofCode(spread(), 'aggregation-across-switches');
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(/HostB\/VM-Team aggregates \(lacp\) over switch1\/port3 and switch2\/port4, on switch1 and switch2/);
  });

  it('is accepted when both switches name the same stack', () => {
    expect(ofCode(spread('core-stack'), 'aggregation-across-switches')).toEqual([]);
  });
});
