import { describe, it, expect } from 'vitest';
import { defaultStep, stepLabel, clockText } from '../../../src-renderer/components/drillSteps.js';
import { DRILL_ACTIONS, drillStepSchema } from '../../../shared/drill.js';
import { checkReferences } from '../../../shared/validate.js';
import { CATALOGUE_IDS } from '../../../src-main/core/drivers/catalogue.js';
import { fieldReportLab } from './fake-api.js';

describe('drill steps in the step editor', () => {
  it('offers every action with targets picked from the lab, each one a valid step of the lab', () => {
    const lab = fieldReportLab();
    for (const action of DRILL_ACTIONS) {
      const step = defaultStep(lab, action);
      expect(drillStepSchema.safeParse(step).success).toBe(true);
      const withStep = { ...lab, drills: [{ ...lab.drills[0], steps: [step] }] };
      expect(checkReferences(withStep, CATALOGUE_IDS)).toEqual([]);
    }
  });

  it('migrates the VM of the step before to the other host', () => {
    const lab = fieldReportLab();
    expect(defaultStep(lab, 'live-migrate', { action: 'restart', vm: 'Guest1' })).toEqual({ action: 'live-migrate', vm: 'Guest1', to: 'HostB' });
  });

  it('names steps and times the way engineers read them', () => {
    expect(stepLabel({ action: 'live-migrate', vm: 'Guest1', to: 'HostB' })).toBe('Live-migrate VM: Guest1 → HostB');
    expect(stepLabel({ action: 'fail-cable', cable: { host: 'HostA', nic: 'NIC3' } })).toBe('Fail cable: HostA/NIC3');
    expect(clockText('10:00:00', 75_500)).toBe('10:01:15');
  });
});
