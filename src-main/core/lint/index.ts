// Design checks: risks read from the lab document alone, instantly, with no simulation.
import type { Lab } from '../../../shared/lab.js';
import { bySeverity, type DesignCheck } from '../../../shared/checks.js';
import { profilesOf } from '../drivers/catalogue.js';
import { ElementIndex } from './elements.js';
import { LabTopology } from './topology.js';
import { learnOnceTeamChecks, macPoolChecks } from './mac-checks.js';
import { teamChecks } from './team-checks.js';
import { pathChecks } from './path-checks.js';
import { vlanChecks } from './vlan-checks.js';
import { stpChecks } from './stp-checks.js';
import { aggregationChecks } from './aggregation-checks.js';
import { embeddedTeamChecks } from './embedded-team-checks.js';
import { modeChecks } from './mode-checks.js';
import { portSecurityChecks } from './port-security-checks.js';
import { importDefaultChecks } from './import-checks.js';

export function lintLab(lab: Lab): DesignCheck[] {
  const profiles = profilesOf(lab.driverProfiles);
  const el = new ElementIndex(lab);
  const topo = new LabTopology(lab);
  return [
    ...learnOnceTeamChecks(lab, profiles, el),
    ...macPoolChecks(lab, el),
    ...teamChecks(lab, topo, profiles, el),
    ...pathChecks(lab, topo, el),
    ...vlanChecks(lab, topo, el),
    ...stpChecks(lab, topo, el),
    ...aggregationChecks(lab, topo, el),
    ...embeddedTeamChecks(lab, topo, profiles, el),
    ...modeChecks(lab, profiles, el),
    ...portSecurityChecks(lab, topo, el),
    ...importDefaultChecks(lab, el),
  ].sort(bySeverity);
}

export { macPoolOf } from './mac-checks.js';
