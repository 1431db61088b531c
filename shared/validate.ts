// Parsing a lab document: every problem is reported with its path, in the domain's words.
import type { z } from 'zod';
import { labSchema, endpointLabel, endpointKey, type Lab, type Endpoint } from './lab.js';
import type { DrillStep } from './drill.js';
import { isMac } from './addresses.js';

export interface Problem {
  /** Where in the document, e.g. `hosts[1].teams[0].members[2]`. */
  path: string;
  message: string;
}

export type ParseResult = { ok: true; lab: Lab } | { ok: false; problems: Problem[] };

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(document)';
}

export function formatProblems(problems: Problem[]): string {
  return problems.map((p) => `${p.path}: ${p.message}`).join('\n');
}

const KIND_WORDS: Record<string, string> = {
  array: 'a list',
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a record of fields',
};

/** The schema's complaint in the engineer's words ("must be a list", "must be at least 10"). */
function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_type':
      if (/received undefined/.test(issue.message)) return 'is required';
      return `must be ${KIND_WORDS[issue.expected] ?? issue.expected}`;
    case 'invalid_union':
      return 'is not one of the accepted forms';
    case 'invalid_value':
      return issue.values.length === 1 ? `must be ${JSON.stringify(issue.values[0])}` : `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'array') return `needs at least ${issue.minimum} entr${Number(issue.minimum) === 1 ? 'y' : 'ies'}`;
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'must not be empty' : `must be at least ${issue.minimum} characters`;
      return `must be at least ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'array') return `takes at most ${issue.maximum} entries`;
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters`;
      return `must be at most ${issue.maximum}`;
    default:
      return issue.message;
  }
}

/** Messages the schema states itself already speak the domain's language; zod's own do not. */
export function issueMessage(issue: z.core.$ZodIssue): string {
  return /^(Invalid|Too small|Too big|Unrecognized)/.test(issue.message) ? describeIssue(issue) : issue.message;
}

function zodProblems(error: z.ZodError): Problem[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issueMessage(issue) }));
}

/** The schema alone: a lab whose cross-reference problems are left for the problems panel to show. */
export function parseLabShape(input: unknown): ParseResult {
  const parsed = labSchema.safeParse(input);
  return parsed.success ? { ok: true, lab: parsed.data } : { ok: false, problems: zodProblems(parsed.error) };
}

/**
 * Parses and checks a lab document. `knownProfiles` are the driver profile ids of the built-in
 * catalogue; the lab's own `driverProfiles` are added to them.
 */
export function parseLab(input: unknown, knownProfiles: readonly string[]): ParseResult {
  const parsed = parseLabShape(input);
  if (!parsed.ok) return parsed;
  const problems = checkReferences(parsed.lab, knownProfiles);
  return problems.length ? { ok: false, problems } : parsed;
}

/** Cross-reference checks the schema alone cannot express. */
export function checkReferences(lab: Lab, knownProfiles: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const unique = <T>(items: T[], key: (t: T) => string, path: (i: number) => string, what: (k: string) => string) => {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const k = key(item);
      const first = seen.get(k);
      if (first !== undefined) add(path(i), `${what(k)} is used twice (first at ${path(first)})`);
      else seen.set(k, i);
    });
  };

  const profiles = new Set([...knownProfiles, ...lab.driverProfiles.map((p) => p.id)]);
  unique(lab.driverProfiles, (p) => p.id, (i) => `driverProfiles[${i}].id`, (k) => `driver profile id "${k}"`);
  unique(lab.hosts, (h) => h.name, (i) => `hosts[${i}].name`, (k) => `host name "${k}"`);
  unique(lab.hosts, (h) => h.managementIp, (i) => `hosts[${i}].managementIp`, (k) => `management IP ${k}`);
  unique(lab.switches, (s) => s.name, (i) => `switches[${i}].name`, (k) => `switch name "${k}"`);
  unique(lab.clients, (c) => c.name, (i) => `clients[${i}].name`, (k) => `client name "${k}"`);
  unique(lab.vms, (v) => v.name, (i) => `vms[${i}].name`, (k) => `VM name "${k}"`);
  unique(lab.drills, (d) => d.name, (i) => `drills[${i}].name`, (k) => `drill name "${k}"`);

  // IPs on the VM network: VMs and clients share one L2 segment.
  const ips = [
    ...lab.vms.map((v, i) => ({ ip: v.ip, path: `vms[${i}].ip` })),
    ...lab.clients.map((c, i) => ({ ip: c.ip, path: `clients[${i}].ip` })),
  ];
  unique(ips, (x) => x.ip, (i) => ips[i].path, (k) => `IP ${k}`);

  // Fixed MACs on the wire: NICs, clients and static VM MACs.
  const macs: { mac: string; path: string }[] = [];
  lab.hosts.forEach((h, hi) => h.nics.forEach((n, ni) => macs.push({ mac: n.mac, path: `hosts[${hi}].nics[${ni}].mac` })));
  lab.clients.forEach((c, i) => macs.push({ mac: c.mac, path: `clients[${i}].mac` }));
  lab.vms.forEach((v, i) => {
    if (v.macMode === 'static' && v.staticMac) macs.push({ mac: v.staticMac, path: `vms[${i}].staticMac` });
  });
  unique(macs, (x) => x.mac, (i) => macs[i].path, (k) => `MAC ${k}`);

  // Switch port settings: each port is set once, on a port the switch has.
  lab.switches.forEach((sw, si) => {
    const setBy = new Map<number, number>();
    sw.portSettings.forEach((ps, pi) =>
      ps.ports.forEach((port, i) => {
        const at = `switches[${si}].portSettings[${pi}].ports[${i}]`;
        if (port > sw.ports) add(at, `switch "${sw.name}" has no port ${port} (it has ${sw.ports})`);
        else if (setBy.has(port)) add(at, `port ${port} of switch "${sw.name}" is already set by portSettings[${setBy.get(port)}]`);
        else setBy.set(port, pi);
      }),
    );
    // Port-channels: a port belongs to at most one, and exists on the switch.
    const channelOf = new Map<number, number>();
    (sw.portChannels ?? []).forEach((pc, ci) =>
      pc.ports.forEach((port, i) => {
        const at = `switches[${si}].portChannels[${ci}].ports[${i}]`;
        if (port > sw.ports) add(at, `switch "${sw.name}" has no port ${port} (it has ${sw.ports})`);
        else if (channelOf.has(port)) add(at, `port ${port} of switch "${sw.name}" is already a member of port-channel ${channelOf.get(port)! + 1}`);
        else channelOf.set(port, ci);
      }),
    );
  });

  const hostByName = new Map(lab.hosts.map((h) => [h.name, h]));
  lab.hosts.forEach((host, hi) => {
    const at = `hosts[${hi}]`;
    unique(host.nics, (n) => n.name, (i) => `${at}.nics[${i}].name`, (k) => `NIC name "${k}"`);
    unique(host.teams, (t) => t.name, (i) => `${at}.teams[${i}].name`, (k) => `team name "${k}"`);
    unique(host.virtualSwitches, (s) => s.name, (i) => `${at}.virtualSwitches[${i}].name`, (k) => `virtual switch name "${k}"`);
    const nics = new Set(host.nics.map((n) => n.name));
    const memberOf = new Map<string, string>();
    host.teams.forEach((team, ti) => {
      const tAt = `${at}.teams[${ti}]`;
      if (!profiles.has(team.driverProfile)) add(`${tAt}.driverProfile`, `driver profile "${team.driverProfile}" is not in the catalogue`);
      team.members.forEach((m, mi) => {
        if (!nics.has(m)) add(`${tAt}.members[${mi}]`, `NIC "${m}" is not on host "${host.name}"`);
        else if (memberOf.has(m)) add(`${tAt}.members[${mi}]`, `NIC "${m}" is already a member of team "${memberOf.get(m)}"`);
        else memberOf.set(m, team.name);
      });
      if (team.probeTarget !== undefined && !lab.clients.some((c) => c.ip === team.probeTarget))
        add(`${tAt}.probeTarget`, `probe target ${team.probeTarget} is not a client of this lab; the team's probes need an address that answers`);
      if (team.primary !== undefined && !team.members.includes(team.primary))
        add(`${tAt}.primary`, `primary "${team.primary}" is not a member of team "${team.name}"`);
    });
    host.nics.forEach((nic, ni) => {
      if (nic.driverProfile !== undefined && !profiles.has(nic.driverProfile))
        add(`${at}.nics[${ni}].driverProfile`, `driver profile "${nic.driverProfile}" is not in the catalogue`);
    });
    const uplinkUsed = new Map<string, string>();
    host.virtualSwitches.forEach((vs, si) => {
      const sAt = `${at}.virtualSwitches[${si}].uplink`;
      if (!vs.uplink) return;
      const uplink = vs.uplink;
      if ('nics' in uplink) {
        const tAt = `${at}.virtualSwitches[${si}].teaming`;
        if (!vs.teaming) add(tAt, `virtual switch "${vs.name}" has its own uplinks but no teaming policy; name the policy that shares traffic over them`);
        else if (!profiles.has(vs.teaming.driverProfile))
          add(`${tAt}.driverProfile`, `teaming policy "${vs.teaming.driverProfile}" is not in the catalogue`);
        const seen = new Set<string>();
        uplink.nics.forEach((nic, ni) => {
          const nAt = `${sAt}.nics[${ni}]`;
          if (!nics.has(nic)) add(nAt, `NIC "${nic}" is not on host "${host.name}"`);
          else if (memberOf.has(nic)) add(nAt, `NIC "${nic}" is a member of team "${memberOf.get(nic)}"; a NIC is either in a team or a switch's own uplink`);
          else if (seen.has(nic)) add(nAt, `NIC "${nic}" is named twice`);
          else if (uplinkUsed.has(`nic:${nic}`)) add(nAt, `NIC "${nic}" is already the uplink of virtual switch "${uplinkUsed.get(`nic:${nic}`)}"`);
          seen.add(nic);
        });
        for (const list of ['activeUplinks', 'standbyUplinks'] as const)
          vs.teaming?.[list]?.forEach((nic, ni) => {
            if (!uplink.nics.includes(nic)) add(`${tAt}.${list}[${ni}]`, `NIC "${nic}" is not an uplink of virtual switch "${vs.name}"`);
          });
        for (const nic of uplink.nics) if (!uplinkUsed.has(`nic:${nic}`)) uplinkUsed.set(`nic:${nic}`, vs.name);
        if (host.teams.some((t) => t.name === vs.name))
          add(`${at}.virtualSwitches[${si}].name`, `virtual switch "${vs.name}" teams its own uplinks, so it cannot share its name with team "${vs.name}"`);
        return;
      }
      if (vs.teaming) add(`${at}.virtualSwitches[${si}].teaming`, `virtual switch "${vs.name}" has a teaming policy but no uplinks of its own (its uplink is a ${'team' in uplink ? 'team' : 'single NIC'})`);
      let key: string;
      if ('team' in uplink) {
        key = `team:${uplink.team}`;
        if (!host.teams.some((t) => t.name === uplink.team)) add(`${sAt}.team`, `team "${uplink.team}" is not on host "${host.name}"`);
      } else {
        key = `nic:${uplink.nic}`;
        if (!nics.has(uplink.nic)) add(`${sAt}.nic`, `NIC "${uplink.nic}" is not on host "${host.name}"`);
        else if (memberOf.has(uplink.nic))
          add(`${sAt}.nic`, `NIC "${uplink.nic}" is a member of team "${memberOf.get(uplink.nic)}"; bind the team instead`);
      }
      if (uplinkUsed.has(key)) add(sAt, `is already the uplink of virtual switch "${uplinkUsed.get(key)}"`);
      else uplinkUsed.set(key, vs.name);
    });
  });

  lab.vms.forEach((vm, i) => {
    const at = `vms[${i}]`;
    const host = hostByName.get(vm.host);
    if (!host) add(`${at}.host`, `host "${vm.host}" does not exist`);
    else if (vm.virtualSwitch !== undefined && !host.virtualSwitches.some((s) => s.name === vm.virtualSwitch))
      add(`${at}.virtualSwitch`, `virtual switch "${vm.virtualSwitch}" is not on host "${vm.host}"`);
    else if (vm.virtualSwitch === undefined && host.virtualSwitches.length === 0)
      add(`${at}.host`, `host "${vm.host}" has no virtual switch for VM "${vm.name}"`);
    if (vm.macMode === 'static' && !vm.staticMac) add(`${at}.staticMac`, `VM "${vm.name}" has a static MAC mode but no static MAC`);
  });

  // Cables: every endpoint exists, each NIC, port and client is plugged in once, and a cable ends on a switch.
  const switchByName = new Map(lab.switches.map((s) => [s.name, s]));
  const clientNames = new Set(lab.clients.map((c) => c.name));
  const endpointProblem = (e: Endpoint): string | null => {
    if ('nic' in e) {
      const h = hostByName.get(e.host);
      if (!h) return `host "${e.host}" does not exist`;
      if (!h.nics.some((n) => n.name === e.nic)) return `NIC "${e.nic}" is not on host "${e.host}"`;
    } else if ('port' in e) {
      const s = switchByName.get(e.switch);
      if (!s) return `switch "${e.switch}" does not exist`;
      if (e.port > s.ports) return `switch "${e.switch}" has no port ${e.port} (it has ${s.ports})`;
    } else if (!clientNames.has(e.client)) return `client "${e.client}" does not exist`;
    return null;
  };
  const plugged = new Map<string, number>();
  lab.cables.forEach((cable, i) => {
    (['a', 'b'] as const).forEach((end) => {
      const e = cable[end];
      const problem = endpointProblem(e);
      if (problem) return add(`cables[${i}].${end}`, problem);
      const k = endpointKey(e);
      if (plugged.has(k)) add(`cables[${i}].${end}`, `${endpointLabel(e)} already has a cable (cables[${plugged.get(k)}])`);
      else plugged.set(k, i);
    });
    if (!('port' in cable.a) && !('port' in cable.b))
      add(`cables[${i}]`, `a cable runs to a switch port; ${endpointLabel(cable.a)} – ${endpointLabel(cable.b)} has none`);
  });

  lab.drills.forEach((drill, di) => {
    const at = `drills[${di}]`;
    if (drill.client !== undefined && !clientNames.has(drill.client)) add(`${at}.client`, `client "${drill.client}" does not exist`);
    if (drill.client === undefined && lab.clients.length === 0 && lab.vms.length > 0)
      add(`${at}.client`, 'the lab has no client to ping from');
    const vmNames = new Set(lab.vms.map((v) => v.name));
    drill.vms?.forEach((v, i) => {
      if (!vmNames.has(v)) add(`${at}.vms[${i}]`, `VM "${v}" does not exist`);
    });
    drill.expect.expectDown.forEach((v, i) => {
      if (!vmNames.has(v)) add(`${at}.expect.expectDown[${i}]`, `VM "${v}" does not exist`);
    });
    // A move-cable step re-patches a cable: later steps name it by where it now is.
    const patched = new Map(plugged);
    const ends = lab.cables.map((c) => [c.a, c.b]);
    drill.steps.forEach((step, si) => {
      let problem = stepProblem(lab, step, patched, endpointProblem);
      if (!problem && step.action === 'move-cable') {
        const index = patched.get(endpointKey(step.cable))!;
        const stays = ends[index].find((e) => endpointKey(e) !== endpointKey(step.cable))!;
        if (!('port' in stays) && !('port' in step.to))
          problem = `a cable runs to a switch port; ${endpointLabel(stays)} – ${endpointLabel(step.to)} would have none`;
        else {
          patched.delete(endpointKey(step.cable));
          patched.set(endpointKey(step.to), index);
          ends[index] = [stays, step.to];
        }
      }
      if (problem) add(`${at}.steps[${si}]`, problem);
    });
  });

  return problems;
}

function stepProblem(
  lab: Lab,
  step: DrillStep,
  plugged: Map<string, number>,
  endpointProblem: (e: Endpoint) => string | null,
): string | null {
  const host = (name: string) => lab.hosts.find((h) => h.name === name);
  const sw = (name: string) => lab.switches.find((s) => s.name === name);
  const needHost = (name: string) => (host(name) ? null : `host "${name}" does not exist`);
  const nicProblem = (hostName: string, nic: string) => {
    const h = host(hostName);
    if (!h) return `host "${hostName}" does not exist`;
    return h.nics.some((n) => n.name === nic) ? null : `NIC "${nic}" is not on host "${hostName}"`;
  };
  const teamProblem = (hostName: string, team: string) => {
    const h = host(hostName);
    if (!h) return `host "${hostName}" does not exist`;
    return h.teams.some((t) => t.name === team) ? null : `team "${team}" is not on host "${hostName}"`;
  };
  const cableProblem = (end: Endpoint) => (plugged.has(endpointKey(end)) ? null : `no cable is plugged into ${endpointLabel(end)}`);
  const portProblem = (name: string, port: number) => {
    const s = sw(name);
    if (!s) return `switch "${name}" does not exist`;
    return port <= s.ports ? null : `switch "${name}" has no port ${port}`;
  };
  switch (step.action) {
    case 'start':
    case 'shutdown':
    case 'restart':
    case 'set-mac-mode':
    case 'live-migrate':
    case 'quick-migrate': {
      if (!lab.vms.some((v) => v.name === step.vm)) return `VM "${step.vm}" does not exist`;
      if (step.action === 'set-mac-mode' && step.mac !== undefined && (step.mode !== 'static' || !isMac(step.mac)))
        return step.mode === 'static' ? `"${step.mac}" is not a MAC address like 00-15-5D-01-0A-03` : 'a dynamic MAC mode takes no MAC';
      if (step.action === 'live-migrate' || step.action === 'quick-migrate') {
        const h = host(step.to);
        if (!h) return `host "${step.to}" does not exist`;
        if (h.virtualSwitches.length === 0) return `host "${step.to}" has no virtual switch to receive VM "${step.vm}"`;
      }
      return null;
    }
    case 'disable-team':
    case 'enable-team':
      return teamProblem(step.host, step.team);
    case 'fail-nic':
    case 'restore-nic':
      return nicProblem(step.host, step.nic);
    case 'fail-cable':
    case 'restore-cable':
    case 'fail-cable-one-way':
      return cableProblem(step.cable);
    case 'fail-port':
    case 'restore-port':
      return portProblem(step.switch, step.port);
    case 'set-monitoring':
      return teamProblem(step.host, step.team);
    case 'set-vlan':
      return lab.vms.some((v) => v.name === step.vm) ? null : `VM "${step.vm}" does not exist`;
    case 'clear-arp':
      return lab.clients.some((c) => c.name === step.client) ? null : `client "${step.client}" does not exist`;
    case 'reboot-host':
      return needHost(step.host);
    case 'move-cable': {
      const problem = cableProblem(step.cable) ?? endpointProblem(step.to);
      if (problem) return problem;
      return plugged.has(endpointKey(step.to)) ? `${endpointLabel(step.to)} already has a cable; the cable can only move to a free port` : null;
    }
    case 'flap-link':
      if (step.cable) return cableProblem(step.cable);
      if (step.host !== undefined && step.nic !== undefined) return nicProblem(step.host, step.nic);
      return portProblem(step.switch!, step.port!);
    case 'fail-switch':
    case 'restore-switch':
      return sw(step.switch) ? null : `switch "${step.switch}" does not exist`;
    case 'fail-inter-switch-link':
    case 'restore-inter-switch-link': {
      const [a, b] = step.switches;
      for (const n of [a, b]) if (!sw(n)) return `switch "${n}" does not exist`;
      const linked = lab.cables.some(
        (c) => 'port' in c.a && 'port' in c.b && ((c.a.switch === a && c.b.switch === b) || (c.a.switch === b && c.b.switch === a)),
      );
      return linked ? null : `no inter-switch link between "${a}" and "${b}"`;
    }
    case 'fail-host':
      if (step.failoverTo !== undefined && step.failoverTo === step.host) return `host "${step.host}" cannot fail over to itself`;
      return needHost(step.host) ?? (step.failoverTo !== undefined ? needHost(step.failoverTo) : null);
    case 'restore-host':
      return needHost(step.host);
    case 'wait':
      return null;
  }
}
