// The report's sections: design checks, drills with their timelines and diagnoses, the matrix heatmap.
import type { DesignCheck } from '../../../shared/checks.js';
import type { DrillReport, DrillResult, VmResult } from '../../../shared/drill.js';
import type { MatrixResult, MatrixEventKind } from '../drills/matrix.js';
import { clockFormatter } from '../drills/clock.js';
import { vmDowntimeWords } from '../../../shared/downtime-words.js';
import { plural } from '../../../shared/words.js';
import { h, empty, type Markup } from './html.js';


export function checksSection(checks: readonly DesignCheck[]): Markup {
  const count = (s: DesignCheck['severity']) => checks.filter((c) => c.severity === s).length;
  return h('section', { id: 'checks' },
    h('h2', null, 'Design checks'),
    h('p', null, `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('info'), 'note')} — found in the lab document alone, before any simulation.`),
    checks.length === 0
      ? h('p', null, 'No known risk found.')
      : h('ul', { class: 'checks' },
          checks.map((c) =>
            h('li', { class: c.severity },
              h('span', { class: 'badge' }, c.severity),
              ' ',
              h('code', null, c.code),
              h('p', null, c.message),
              h('p', { class: 'elements' }, 'Concerns: ', c.elements.map((e) => e.label).join(', ')),
              c.remedies.length ? h('ul', { class: 'remedies' }, c.remedies.map((r) => h('li', null, r))) : null,
            ),
          ),
        ),
  );
}

export function drillsSection(report: DrillReport | null): Markup {
  if (!report) return h('section', { id: 'drills' }, h('h2', null, 'Drills'), h('p', null, 'Drills were not run for this report.'));
  const failed = report.drills.filter((d) => !d.passed).length;
  return h('section', { id: 'drills' },
    h('h2', null, 'Drills'),
    h('p', null, `${plural(report.drills.length, 'drill')}, ${failed} failed (seed ${report.seed}).`),
    report.drills.map(drillArticle),
  );
}

function drillArticle(drill: DrillResult): Markup {
  const clock = clockFormatter(drill.clockStart);
  const at = (ms: number) => clock(ms * 1000);
  return h('article', { class: `drill ${drill.passed ? 'passed' : 'failed'}` },
    h('h3', null, drill.name, ' ', h('span', { class: 'badge' }, drill.passed ? 'passed' : 'failed')),
    drill.description ? h('p', null, drill.description) : null,
    h('ol', { class: 'steps' }, drill.steps.map((s) => h('li', null, h('time', null, at(s.atMs)), ' ', s.label, s.problem ? h('em', null, ` — ${s.problem}`) : null))),
    h('table', { class: 'vms' },
      h('thead', null, h('tr', null, h('th', null, 'VM'), h('th', null, 'Timeline'), h('th', null, 'Down'), h('th', null, 'Verdict'))),
      h('tbody', null, drill.vms.map((vm) => vmRow(vm, drill))),
    ),
    drill.passed ? null : endState(drill),
    drill.vms.filter((vm) => vm.diagnosis).map((vm) =>
      h('div', { class: 'diagnosis' },
        h('h4', null, `Why ${vm.name} is unreachable: `, h('code', null, vm.diagnosis!.code)),
        h('p', null, vm.diagnosis!.text),
        vm.diagnosis!.knownIssue ? h('p', null, 'Known issue: ', vm.diagnosis!.knownIssue) : null,
        h('ul', { class: 'remedies' }, vm.diagnosis!.remedies.map((r) => h('li', null, r))),
      ),
    ),
  );
}

/** The tables that show a stale entry: the client's ARP cache and each team's VM table at the end. */
function endState(drill: DrillResult): Markup | null {
  const last = drill.steps.length ? drill.steps[drill.steps.length - 1].snapshot : drill.baseline;
  const clock = clockFormatter(drill.clockStart);
  const clients = last.clients.filter((c) => Object.keys(c.arp).length);
  const teams = last.teams.filter((t) => t.vmTable.length);
  const vms = new Set(drill.vms.map((v) => v.name));
  if (!clients.length && !teams.length) return null;
  return h('details', { class: 'state', open: true },
    h('summary', null, 'State at the end of the drill'),
    clients.map((c) =>
      h('table', { class: 'state' },
        h('caption', null, `${c.name} ARP cache`),
        h('tr', null, h('th', null, 'IP'), h('th', null, 'MAC')),
        Object.entries(c.arp).map(([ip, mac]) => h('tr', null, h('td', null, ip), h('td', null, mac))),
      ),
    ),
    teams.map((t) =>
      h('table', { class: 'state' },
        h('caption', null, `${t.host}/${t.team} VM table (team MAC ${t.teamMac}, active ${t.activeMember ?? 'none'})`),
        h('tr', null, h('th', null, 'VM IP'), h('th', null, 'VM MAC'), h('th', null, 'Learnt at')),
        t.vmTable.map((e) => h('tr', null, h('td', null, e.ip), h('td', null, e.mac), h('td', null, clock(e.learntAtMs * 1000)))),
      ),
    ),
    h('table', { class: 'state' },
      h('caption', null, 'VMs'),
      h('tr', null, h('th', null, 'VM'), h('th', null, 'Host'), h('th', null, 'State'), h('th', null, 'MAC')),
      last.vms.filter((v) => vms.has(v.name)).map((v) => h('tr', null, h('td', null, v.name), h('td', null, v.host), h('td', null, v.state), h('td', null, v.mac ?? '—'))),
    ),
  );
}

function vmRow(vm: VmResult, drill: DrillResult): Markup {
  const width = 420;
  const scale = (ms: number) => (ms / Math.max(drill.durationMs, 1)) * width;
  const timeline = h('svg', { xmlns: 'http://www.w3.org/2000/svg', width, height: 18, viewBox: `0 0 ${width} 18`, role: 'img', 'aria-label': `${vm.name} reachability` },
    vm.timeline.map((s) => empty('rect', { x: scale(s.fromMs), y: 3, width: Math.max(0.5, scale(s.toMs - s.fromMs)), height: 12, class: s.up ? 'up' : s.planned ? 'planned' : 'down' })),
    drill.steps.map((s) => empty('line', { x1: scale(s.atMs), x2: scale(s.atMs), y1: 0, y2: 18, class: 'step' })),
  );
  return h('tr', { class: vm.passed ? 'passed' : 'failed' },
    h('td', null, vm.name), h('td', null, timeline), h('td', null, vmDowntimeWords(vm)), h('td', null, vm.verdict));
}

const HEAT_COLUMNS: { kind: MatrixEventKind; label: string }[] = [
  { kind: 'restart', label: 'Restart' },
  { kind: 'mac-mode-restart', label: 'MAC mode + restart' },
  { kind: 'live-migrate', label: 'Live migration' },
  { kind: 'migrate-restart', label: 'Migration + restart' },
  { kind: 'nic', label: 'NIC' },
  { kind: 'cable', label: 'Cable' },
  { kind: 'port', label: 'Switch port' },
  { kind: 'switch', label: 'Switch' },
  { kind: 'inter-switch-link', label: 'Inter-switch link' },
  { kind: 'host', label: 'Host' },
  { kind: 'flap', label: 'Flapping cable' },
  { kind: 'one-way', label: 'One-way cable' },
  { kind: 'pair', label: 'Two failures' },
];

export function matrixSection(matrix: MatrixResult | null): Markup {
  if (!matrix) return h('section', { id: 'matrix' }, h('h2', null, 'What-if matrix'), h('p', null, 'The matrix was not run for this report.'));
  // Per VM and kind of event: in how many of the cases that pinged the VM it lost connectivity.
  const tally = new Map<string, { cases: number; lost: number; codes: Set<string> }>();
  for (const r of matrix.results) {
    const cell = matrix.cells[r.index];
    if (r.status === 'client-isolated' || r.status === 'error') continue;
    const lost = new Map(r.lost.map((l) => [l.vm, l]));
    for (const vm of cell.drill.vms ?? []) {
      const key = `${vm}|${cell.kind}`;
      const t = tally.get(key) ?? { cases: 0, lost: 0, codes: new Set<string>() };
      t.cases++;
      const l = lost.get(vm);
      if (l) {
        t.lost++;
        t.codes.add(l.code ?? 'lost');
      }
      tally.set(key, t);
    }
  }
  const columns = HEAT_COLUMNS.filter((c) => matrix.cells.some((cell) => cell.kind === c.kind));
  const lostCases = matrix.results.filter((r) => r.status === 'lost').length;
  return h('section', { id: 'matrix' },
    h('h2', null, 'What-if matrix'),
    h('p', null, `${plural(matrix.cells.length, 'case')} at depth ${matrix.depth}, pinged from ${matrix.client}; ${lostCases} lose a VM. Each square: cases of that kind in which the VM lost connectivity.`),
    h('table', { class: 'heatmap' },
      h('thead', null, h('tr', null, h('th', null, 'VM'), columns.map((c) => h('th', null, c.label)))),
      h('tbody', null,
        matrix.vms.map((vm) =>
          h('tr', null, h('th', null, vm),
            columns.map((c) => {
              const t = tally.get(`${vm}|${c.kind}`);
              if (!t) return h('td', { class: 'none', title: `${vm}: no ${c.label.toLowerCase()} case` }, '');
              const share = t.lost / t.cases;
              const level = t.lost === 0 ? 0 : share < 0.34 ? 1 : share < 0.67 ? 2 : 3;
              return h('td', { class: `heat${level}`, title: `${vm}, ${c.label}: lost in ${t.lost} of ${t.cases} cases${t.codes.size ? ` (${[...t.codes].join(', ')})` : ''}` },
                t.lost ? `${t.lost}/${t.cases}` : '✓');
            }),
          ),
        ),
      ),
    ),
    h('h3', null, 'Grouped outcomes'),
    h('ul', { class: 'groups' }, matrix.groups.map((g) => h('li', { class: g.status }, h('span', { class: 'badge' }, g.status === 'client-isolated' ? 'n/a' : g.status), ' ', g.sentence))),
  );
}

