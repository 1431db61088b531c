// Diagrams out: draw.io opens hosts as containers, Mermaid draws a subgraph per host, names never become markup.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { DOMParser } from '@xmldom/xmldom';
import { labSchema, type Lab } from '../../../shared/lab.js';
import { drawioXml, mermaidGraph, svgDocument } from '../../../src-main/core/report/diagrams.js';

const fieldReport = (): Lab => labSchema.parse(JSON.parse(readFileSync(new URL('../../../examples/field-report.lab.json', import.meta.url), 'utf8')));
const HOSTILE = '<img src=x onerror=alert(1)>"&\'|#;';

function parseXml(text: string): Document {
  const errors: string[] = [];
  const record = (message: string) => errors.push(message);
  const doc = new DOMParser({ errorHandler: { error: record, fatalError: record } }).parseFromString(text, 'text/xml');
  expect(errors).toEqual([]);
  return doc as unknown as Document;
}

const cells = (doc: Document) => Array.from(doc.getElementsByTagName('mxCell'));

function hostile(): Lab {
  const lab = fieldReport();
  lab.hosts[0].name = `HostA ${HOSTILE}`;
  lab.vms = lab.vms.map((vm) => (vm.host === 'HostA' ? { ...vm, host: lab.hosts[0].name } : vm));
  lab.cables = lab.cables.map((c) => ({ a: 'host' in c.a && c.a.host === 'HostA' ? { ...c.a, host: lab.hosts[0].name } : c.a, b: c.b }));
  lab.vms[0].name = `Guest ${HOSTILE}`;
  lab.switches[0].name = `sw ${HOSTILE}`;
  lab.cables = lab.cables.map((c) => ({ a: c.a, b: 'switch' in c.b && c.b.switch === 'switch1' ? { ...c.b, switch: lab.switches[0].name } : c.b }));
  return lab;
}

describe('the draw.io export', () => {
  it('is well-formed XML with one container per host holding that host’s NICs and VMs', () => {
    const doc = parseXml(drawioXml(fieldReport()));
    expect(doc.documentElement.nodeName).toBe('mxfile');
    const all = cells(doc);
    const containers = all.filter((c) => /(^|;)container=1(;|$)/.test(c.getAttribute('style') ?? ''));
    expect(containers.map((c) => c.getAttribute('value'))).toEqual(['HostA (10.0.1.10)', 'HostB (10.0.2.11)']);
    const inside = (host: Element) => all.filter((c) => c.getAttribute('parent') === host.getAttribute('id')).map((c) => c.getAttribute('value'));
    expect(inside(containers[0])).toEqual(expect.arrayContaining(['NIC3', 'NIC4', 'Guest1 1.1.1.1 (dynamic MAC)', 'Guest2 1.1.1.2 (static MAC)']));
    expect(inside(containers[1])).not.toEqual(expect.arrayContaining(['Guest1 1.1.1.1 (dynamic MAC)']));
  });

  it('draws every cable as an edge between existing cells, labelled with its switch port', () => {
    const lab = fieldReport();
    const all = cells(parseXml(drawioXml(lab)));
    const ids = new Set(all.map((c) => c.getAttribute('id')));
    const edges = all.filter((c) => c.getAttribute('edge') === '1');
    expect(edges).toHaveLength(lab.cables.length);
    for (const edge of edges) {
      expect(ids.has(edge.getAttribute('source'))).toBe(true);
      expect(ids.has(edge.getAttribute('target'))).toBe(true);
    }
    expect(edges.map((e) => e.getAttribute('value'))).toContain('switch1/port24 – switch2/port24');
  });

  it('keeps hostile names as text: the XML still parses and the names come back exactly', () => {
    const xml = drawioXml(hostile());
    expect(xml).not.toContain('<img');
    const values = cells(parseXml(xml)).map((c) => c.getAttribute('value'));
    expect(values).toContain(`HostA ${HOSTILE} (10.0.1.10)`);
    expect(values.some((v) => v?.startsWith(`Guest ${HOSTILE} `))).toBe(true);
    expect(values).toContain(`sw ${HOSTILE}\nAccess switch (24 ports)`);
  });

  it('lays a large estate out in rows without two hosts on top of each other', () => {
    const lab = fieldReport();
    for (let i = 0; i < 14; i++) lab.hosts.push({ ...lab.hosts[1], name: `Host${i}` });
    const boxes = cells(parseXml(drawioXml(lab)))
      .filter((c) => (c.getAttribute('style') ?? '').includes('container=1'))
      .map((c) => c.getElementsByTagName('mxGeometry')[0])
      .map((g) => ['x', 'y', 'width', 'height'].map((k) => Number(g.getAttribute(k))));
    expect(boxes).toHaveLength(16);
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1)) expect(a[0] + a[2] <= b[0] || b[0] + b[2] <= a[0] || a[1] + a[3] <= b[1] || b[1] + b[3] <= a[1]).toBe(true);
  });
});

describe('the Mermaid export', () => {
  it('is a flowchart with a subgraph per host and an edge per cable labelled with the port', () => {
    const text = mermaidGraph(fieldReport());
    expect(text.split('\n')[0]).toBe('graph TD');
    expect(text.match(/^ {2}subgraph /gm)).toHaveLength(2);
    expect(text).toMatch(/subgraph h1\["HostA \(10\.0\.1\.10\)"\]\n(?: {2}n\d+.*\n)+ {2}end/);
    expect(text.match(/---\|"port /g)).toHaveLength(6);
    expect(text).toContain('("Guest1<br/>1.1.1.1")');
  });

  it('turns quotes and markup in names into Mermaid entity codes, so no label ends early', () => {
    const text = mermaidGraph(hostile());
    expect(text).not.toMatch(/<img|onerror=alert\(1\)>|"&'/);
    expect(text).toContain('Guest #60;img src=x onerror=alert(1)#62;#34;#38;\'#124;#35;#59;');
    for (const line of text.split('\n').filter((l) => l.includes('"'))) expect((line.match(/"/g) ?? []).length % 2).toBe(0);
  });
});

describe('the SVG export', () => {
  it('is a standalone SVG document with its styles and every host', () => {
    const svg = svgDocument(fieldReport());
    const doc = parseXml(svg);
    expect(doc.documentElement.nodeName).toBe('svg');
    expect(doc.documentElement.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    expect(doc.getElementsByTagName('style')).toHaveLength(1);
    const texts = Array.from(doc.getElementsByTagName('text')).map((t) => t.textContent);
    expect(texts).toEqual(expect.arrayContaining(['HostA', 'HostB', 'switch1', 'Client1']));
  });

  it('escapes hostile names', () => {
    const svg = svgDocument(hostile());
    expect(svg).not.toContain('<img');
    const texts = Array.from(parseXml(svg).getElementsByTagName('text')).map((t) => t.textContent);
    expect(texts).toContain(`HostA ${HOSTILE}`);
  });
});
