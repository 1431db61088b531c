// Design checks grouped by kind with a count in words, each group knowing every element it concerns.
import { describe, it, expect } from 'vitest';
import { groupChecks, groupTitle } from '../../../src-renderer/components/checkGroups.js';
import { DESIGN_CHECK_CODES, type DesignCheck } from '../../../shared/checks.js';

const check = (code: DesignCheck['code'], severity: DesignCheck['severity'], ...ids: string[]): DesignCheck => ({
  code,
  severity,
  message: `${code} ${ids.join(' ')}`,
  elements: ids.map((id) => ({ kind: 'team', id, path: null, label: id })),
  remedies: [],
});

describe('design check groups', () => {
  it('counts in words, singular for one and plural for several', () => {
    expect(groupTitle('learn-once-team-dynamic-macs', 64)).toBe("64 teams learn each VM's MAC once");
    expect(groupTitle('learn-once-team-dynamic-macs', 1)).toBe("1 team learns each VM's MAC once");
    expect(groupTitle('single-point-of-failure', 2)).toBe('2 single points of failure');
    expect(groupTitle('single-point-of-failure', 1)).toBe('1 single point of failure');
  });

  it('has words for every kind of check', () => {
    for (const code of DESIGN_CHECK_CODES) {
      expect(groupTitle(code, 1), code).toMatch(/^1 \S/);
      expect(groupTitle(code, 2), code).not.toBe(groupTitle(code, 1).replace(/^1/, '2'));
    }
  });

  it('groups checks of one kind, errors first, and gathers every element once', () => {
    const groups = groupChecks([
      check('team-without-monitoring', 'warning', 'team:HostA/VM-Team', 'switch:switch2'),
      check('learn-once-team-dynamic-macs', 'error', 'team:HostB/VM-Team', 'vm:Guest1'),
      check('team-without-monitoring', 'warning', 'team:HostB/VM-Team', 'switch:switch2'),
      check('learn-once-team-dynamic-macs', 'error', 'team:HostC/VM-Team', 'vm:Guest1'),
    ]);
    expect(groups.map((g) => g.title)).toEqual(["2 teams learn each VM's MAC once", "2 teams only watch their members' own links"]);
    expect(groups[0].severity).toBe('error');
    expect(groups[0].ids).toEqual(['team:HostB/VM-Team', 'vm:Guest1', 'team:HostC/VM-Team']);
    expect(groups[1].ids).toEqual(['team:HostA/VM-Team', 'switch:switch2', 'team:HostB/VM-Team']);
    expect(groups[1].checks).toHaveLength(2);
  });

  it('takes the worst severity of a group that mixes them', () => {
    const [g] = groupChecks([check('team-members-same-switch', 'warning', 'a'), check('team-members-same-switch', 'error', 'b')]);
    expect(g.severity).toBe('error');
    expect(g.checks.map((c) => c.severity)).toEqual(['error', 'warning']);
  });
});
