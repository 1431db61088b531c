import { describe, it, expect } from 'vitest';
import { buildReport } from '../../../src-main/core/report/index.js';
import { escapeHtml, h, raw } from '../../../src-main/core/report/html.js';
import { lintLab } from '../../../src-main/core/lint/index.js';
import { runDrills } from '../../../src-main/core/drills/runner.js';
import { runMatrix } from '../../../src-main/core/drills/matrix.js';
import { labFrom, fieldReportInput, variant } from '../lint/lab-fixtures.js';
import type { Lab } from '../../../shared/lab.js';

const SCRIPT = '<script>alert(1)</script>';

function fullReport(lab: Lab): string {
  return buildReport({ lab, checks: lintLab(lab), drills: runDrills(lab), matrix: runMatrix(lab, { depth: 1 }), generatedAt: '2026-11-26T09:00:00Z', appVersion: '0.1.0' });
}

describe('the HTML report', () => {
  const html = fullReport(labFrom(fieldReportInput()));

  it('is one HTML document with the topology, the design checks, every drill and the matrix', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toMatch(/<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]*aria-label="Lab topology"/);
    expect(html).toContain('learn-once-team-dynamic-macs');
    for (const drill of ['static-to-dynamic-restart', 'live-migrate', 'migrate-then-restart', 'toggle-team-recovers']) expect(html).toContain(`<h3>${drill} `);
    expect(html).toContain('Why Guest1 is unreachable: <code>stale-team-vm-mac</code>');
    // The failed drill shows the evidence: HostB's team still maps 1.1.1.1 to Guest1's old MAC.
    expect(html).toMatch(/<caption>HostB\/VM-Team VM table \(team MAC 00-24-E8-0B-00-03, active NIC3\)<\/caption>.*<td>1\.1\.1\.1<\/td><td>00-15-5D-01-0A-00<\/td>/);
    expect(html).toMatch(/<table class="heatmap">/);
    expect(html).toMatch(/<td class="heat3" title="Guest1, Migration \+ restart: lost in 1 of 1 cases \(stale-team-vm-mac\)">1\/1<\/td>/);
    expect(html).toContain('stale-team-vm-mac after migration to a host behind a Broadcom BASP, BACS driver 2009-12-15 team, then restart');
  });

  it('shows planned downtime as planned, in the words of the CLI and the verdict', () => {
    expect(html).toMatch(/<rect [^>]*class="planned"/);
    expect(html).toContain('<td>off (planned) 30.0 s + 60.3 s down</td>');
    expect(html).toContain('unreachable since 10:00:55.300, when it should have answered again after its restart at 10:00:25.300');
  });

  it('needs no network and no scripts: no script, link, frame, image source or URL in it', () => {
    expect(html).not.toMatch(/<script|<link|<iframe|<img|src=|url\(|@import/i);
    expect(html.match(/https?:\/\/[^"]*/g)?.every((u) => u === 'http://www.w3.org/2000/svg')).toBe(true);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
  });

  it('escapes user text everywhere: a VM, host, drill and title named like markup stay text', () => {
    const lab = variant((l) => {
      l.meta = { title: `Lab ${SCRIPT}`, description: `"quoted" & <b>bold</b>`, author: '<img src=x onerror=alert(1)>' };
      l.vms![0].name = SCRIPT;
      l.drills = [{ name: `drill ${SCRIPT}`, description: SCRIPT, vms: [SCRIPT], steps: [{ action: 'live-migrate', vm: SCRIPT, to: 'HostB' }, { action: 'restart', vm: SCRIPT }] }];
    });
    const out = fullReport(lab);
    expect(out).not.toMatch(/<script/i);
    expect(out).not.toMatch(/<img/i);
    expect(out).not.toContain('<b>bold</b>');
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('&quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;');
    expect(out).toContain('<title>Lab &lt;script&gt;alert(1)&lt;/script&gt; — Lab Planner report</title>');
  });

  it('says so when drills or the matrix were not run', () => {
    const lab = labFrom(fieldReportInput());
    const out = buildReport({ lab, checks: [], drills: null, matrix: null });
    expect(out).toContain('Drills were not run for this report.');
    expect(out).toContain('The matrix was not run for this report.');
    expect(out).toContain('No known risk found.');
  });

  it('is the same for the same lab and inputs', () => {
    expect(fullReport(labFrom(fieldReportInput()))).toBe(html);
  });
});

describe('HTML building', () => {
  it('escapes text and attribute values but keeps trusted markup', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(h('p', { title: '"><script>' }, SCRIPT, raw('<br>')).html).toBe(
      '<p title="&quot;&gt;&lt;script&gt;">&lt;script&gt;alert(1)&lt;/script&gt;<br></p>',
    );
  });
});
