// The report engineers attach to a change request: one self-contained HTML file (no network, no
// scripts) with the topology, design checks, drills and the what-if matrix. Pure: returns a string.
import type { Lab } from '../../../shared/lab.js';
import type { DesignCheck } from '../../../shared/checks.js';
import type { DrillReport } from '../../../shared/drill.js';
import type { MatrixResult } from '../drills/matrix.js';
import { h, raw, escapeHtml } from './html.js';
import { topologySvg } from './topology-svg.js';
import { checksSection, drillsSection, matrixSection } from './sections.js';
import { REPORT_CSS } from './style.js';

export interface ReportInput {
  lab: Lab;
  checks: readonly DesignCheck[];
  drills: DrillReport | null;
  matrix: MatrixResult | null;
  /** When the report was made, as the caller reads it (core has no clock), e.g. an ISO time. */
  generatedAt?: string;
  appVersion?: string;
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function buildReport(input: ReportInput): string {
  const { lab } = input;
  const flagged = new Set(input.checks.filter((c) => c.severity === 'error').flatMap((c) => c.elements.map((e) => e.id)));
  const made = [input.appVersion ? `Lab Planner ${input.appVersion}` : 'Lab Planner', input.generatedAt].filter(Boolean).join(', ');
  const body = h('body', null,
    h('header', null,
      h('h1', null, lab.meta.title),
      lab.meta.author ? h('p', { class: 'meta' }, `By ${lab.meta.author}`) : null,
      h('p', { class: 'meta' }, `Report made by ${made}. ${count(lab.hosts.length, 'host')}, ${count(lab.vms.length, 'VM')}, ${count(lab.switches.length, 'switch', 'switches')}, ${count(lab.clients.length, 'client')}.`),
      lab.meta.description ? h('p', null, lab.meta.description) : null,
      h('nav', null, h('a', { href: '#topology' }, 'Topology'), ' · ', h('a', { href: '#checks' }, 'Design checks'), ' · ', h('a', { href: '#drills' }, 'Drills'), ' · ', h('a', { href: '#matrix' }, 'What-if matrix')),
    ),
    h('main', null,
      h('section', { id: 'topology' }, h('h2', null, 'Topology'), h('div', { class: 'topology' }, topologySvg(lab, flagged))),
      checksSection(input.checks),
      drillsSection(input.drills),
      matrixSection(input.matrix),
    ),
  );
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // Nothing in the file may load or run anything: styles inline, no scripts, no requests.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(`${lab.meta.title} — Lab Planner report`)}</title>`,
    h('style', null, raw(REPORT_CSS)).html,
    '</head>',
    body.html,
    '</html>',
    '',
  ].join('\n');
}
