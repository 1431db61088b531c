// The lab's topology for other tools: a draw.io file (hosts as containers), a Mermaid graph, and
// the report's SVG picture as a file of its own. Every name is escaped for the format it lands in.
import { endpointLabel, type Endpoint, type Lab } from '../../../shared/lab.js';
import { escapeHtml, h, raw } from './html.js';
import { topologySvg } from './topology-svg.js';

export const DIAGRAM_FORMATS = ['drawio', 'mermaid', 'svg'] as const;
export type DiagramFormat = (typeof DIAGRAM_FORMATS)[number];

export function diagram(lab: Lab, format: DiagramFormat): string {
  if (format === 'drawio') return drawioXml(lab);
  if (format === 'mermaid') return mermaidGraph(lab);
  return svgDocument(lab);
}

/** The SVG the HTML report draws, standalone: the report's topology styles travel inside it. */
export function svgDocument(lab: Lab): string {
  const picture = topologySvg(lab).html;
  const style = h('style', null, raw(SVG_STYLE)).html;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${picture.replace(/^(<svg[^>]*>)/, `$1${style}`)}\n`;
}

const SVG_STYLE = [
  'text { font: 11px sans-serif; fill: #222; } .title { font-weight: 600; } .subtitle { fill: #666; }',
  'rect { fill: #f7f7f7; stroke: #888; } .client rect { fill: #e3f2fd; } .switch rect { fill: #ede7f6; }',
  '.nic rect { fill: #fff8e1; } .cable { stroke: #555; } .link { stroke: #7b1fa2; stroke-width: 2; fill: none; stroke-dasharray: 4 2; }',
].join(' ');

// draw.io ------------------------------------------------------------------------------------

const HOST_W = 260;
const HOST_GAP = 40;
const NIC_W = 70;
const ROW_H = 24;
const HOSTS_PER_ROW = 6;

interface Cell {
  id: string;
  value: string;
  style: string;
  parent: string;
  geometry?: { x: number; y: number; width: number; height: number };
  edge?: { source: string; target: string };
}

/**
 * An uncompressed draw.io (mxGraph) file: each host a container holding its NICs, teams, virtual
 * switches and VMs; switches and clients as shapes; each cable an edge labelled with its port.
 */
export function drawioXml(lab: Lab): string {
  const cells: Cell[] = [];
  const endpointCell = new Map<string, string>();
  const perRow = Math.max(1, Math.min(lab.hosts.length, HOSTS_PER_ROW));
  const rowWidth = perRow * (HOST_W + HOST_GAP);
  const lineUp = (count: number, width: number, gap: number, y: number) =>
    Array.from({ length: count }, (_, i) => ({ x: (rowWidth - count * (width + gap)) / 2 + i * (width + gap), y }));

  lab.clients.forEach((client, i) => {
    const id = `client-${i}`;
    endpointCell.set(`client:${client.name}`, id);
    const at = lineUp(lab.clients.length, 160, 40, 0)[i];
    cells.push({ id, value: `${client.name}\n${client.ip}`, style: 'rounded=1;whiteSpace=wrap;html=0;fillColor=#e3f2fd;', parent: '1', geometry: { ...at, width: 160, height: 50 } });
  });
  lab.switches.forEach((sw, i) => {
    const id = `switch-${i}`;
    const at = lineUp(lab.switches.length, 200, 60, 110)[i];
    cells.push({ id, value: `${sw.name}\n${sw.model} (${sw.ports} ports)`, style: 'rounded=0;whiteSpace=wrap;html=0;fillColor=#ede7f6;', parent: '1', geometry: { ...at, width: 200, height: 50 } });
    endpointCell.set(`switch:${sw.name}`, id);
  });

  let rowTop = 260;
  let rowHeight = 0;
  lab.hosts.forEach((host, i) => {
    if (i > 0 && i % perRow === 0) {
      rowTop += rowHeight + HOST_GAP;
      rowHeight = 0;
    }
    const id = `host-${i}`;
    const vms = lab.vms.filter((vm) => vm.host === host.name);
    const inner = [
      ...host.teams.map((team) => `team ${team.name} (${team.mode}, ${team.members.join(' + ')})`),
      ...host.virtualSwitches.map((vs) => `virtual switch ${vs.name}`),
      ...vms.map((vm) => `${vm.name} ${vm.ip} (${vm.macMode} MAC)`),
    ];
    const nicRows = Math.ceil(host.nics.length / 3);
    const height = 40 + nicRows * (ROW_H + 6) + inner.length * ROW_H + 10;
    rowHeight = Math.max(rowHeight, height);
    cells.push({
      id,
      value: `${host.name} (${host.managementIp})`,
      style: 'swimlane;container=1;collapsible=1;childLayout=;html=0;fillColor=#f7f7f7;startSize=26;',
      parent: '1',
      geometry: { x: (i % perRow) * (HOST_W + HOST_GAP), y: rowTop, width: HOST_W, height },
    });
    host.nics.forEach((nic, k) => {
      const nicId = `${id}-nic-${k}`;
      endpointCell.set(`nic:${host.name}/${nic.name}`, nicId);
      cells.push({ id: nicId, value: nic.name, style: 'rounded=1;html=0;fillColor=#fff8e1;', parent: id, geometry: { x: 10 + (k % 3) * (NIC_W + 10), y: 32 + Math.floor(k / 3) * (ROW_H + 6), width: NIC_W, height: ROW_H } });
    });
    inner.forEach((text, k) => {
      cells.push({ id: `${id}-item-${k}`, value: text, style: 'text;html=0;align=left;verticalAlign=middle;', parent: id, geometry: { x: 10, y: 36 + nicRows * (ROW_H + 6) + k * ROW_H, width: HOST_W - 20, height: ROW_H } });
    });
  });

  const endpointId = (e: Endpoint) => endpointCell.get('nic' in e ? `nic:${e.host}/${e.nic}` : 'port' in e ? `switch:${e.switch}` : `client:${e.client}`);
  lab.cables.forEach((cable, i) => {
    const source = endpointId(cable.a);
    const target = endpointId(cable.b);
    if (!source || !target) return;
    const ports = [cable.a, cable.b].filter((e) => 'port' in e).map(endpointLabel).join(' – ');
    cells.push({ id: `cable-${i}`, value: ports, style: 'endArrow=none;html=0;edgeStyle=orthogonalEdgeStyle;', parent: '1', edge: { source, target } });
  });

  const body = cells.map(cellXml).join('\n        ');
  const title = lab.meta.title || 'Lab';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<mxfile host="Lab Planner" type="device">`,
    `  <diagram id="topology" name="${attr(title)}">`,
    '    <mxGraphModel grid="1" gridSize="10" guides="1" page="0">',
    '      <root>',
    '        <mxCell id="0"/>',
    '        <mxCell id="1" parent="0"/>',
    `        ${body}`,
    '      </root>',
    '    </mxGraphModel>',
    '  </diagram>',
    '</mxfile>',
    '',
  ].join('\n');
}

function cellXml(cell: Cell): string {
  const kind = cell.edge ? `edge="1" source="${cell.edge.source}" target="${cell.edge.target}"` : 'vertex="1"';
  const geometry = cell.geometry
    ? `<mxGeometry x="${cell.geometry.x}" y="${cell.geometry.y}" width="${cell.geometry.width}" height="${cell.geometry.height}" as="geometry"/>`
    : '<mxGeometry relative="1" as="geometry"/>';
  return `<mxCell id="${cell.id}" value="${attr(cell.value)}" style="${attr(cell.style)}" ${kind} parent="${cell.parent}">${geometry}</mxCell>`;
}

/** XML attribute text; a line break stays a line break in draw.io's label. */
function attr(text: string): string {
  return escapeHtml(text).replace(/\n/g, '&#10;');
}

// Mermaid ------------------------------------------------------------------------------------

/** A Mermaid flowchart: a subgraph per host with its NICs and VMs, cables as edges labelled by port. */
export function mermaidGraph(lab: Lab): string {
  const lines = ['graph TD'];
  const ids = new Map<string, string>();
  const node = (key: string, label: string[], shape: 'box' | 'round' = 'box') => {
    const id = `n${ids.size + 1}`;
    ids.set(key, id);
    const text = label.map(mermaidText).join('<br/>');
    lines.push(`  ${id}${shape === 'round' ? `("${text}")` : `["${text}"]`}`);
  };
  lab.clients.forEach((client) => node(`client:${client.name}`, [client.name, client.ip], 'round'));
  lab.switches.forEach((sw) => node(`switch:${sw.name}`, [sw.name, sw.model]));
  lab.hosts.forEach((host, i) => {
    lines.push(`  subgraph h${i + 1}["${mermaidText(`${host.name} (${host.managementIp})`)}"]`);
    host.nics.forEach((nic) => node(`nic:${host.name}/${nic.name}`, [nic.name]));
    host.teams.forEach((team) => node(`team:${host.name}/${team.name}`, [`team ${team.name}`]));
    host.virtualSwitches.forEach((vs) => node(`vswitch:${host.name}/${vs.name}`, [`virtual switch ${vs.name}`]));
    lab.vms.filter((vm) => vm.host === host.name).forEach((vm) => node(`vm:${vm.name}`, [vm.name, vm.ip], 'round'));
    lines.push('  end');
  });
  const key = (e: Endpoint) => ('nic' in e ? `nic:${e.host}/${e.nic}` : 'port' in e ? `switch:${e.switch}` : `client:${e.client}`);
  for (const cable of lab.cables) {
    const a = ids.get(key(cable.a));
    const b = ids.get(key(cable.b));
    if (!a || !b) continue;
    const ports = [cable.a, cable.b].filter((e) => 'port' in e).map((e) => ('port' in e ? `port ${e.port}` : '')).join(' – ');
    lines.push(ports ? `  ${a} ---|"${mermaidText(ports)}"| ${b}` : `  ${a} --- ${b}`);
  }
  // What is inside a host, as the canvas shows it: team members, the switch's uplink, VMs on their switch.
  for (const host of lab.hosts) {
    for (const team of host.teams) for (const member of team.members) link(ids, lines, `team:${host.name}/${team.name}`, `nic:${host.name}/${member}`);
    for (const vs of host.virtualSwitches) {
      const up = vs.uplink;
      if (!up) continue;
      if ('team' in up) link(ids, lines, `vswitch:${host.name}/${vs.name}`, `team:${host.name}/${up.team}`);
      else if ('nic' in up) link(ids, lines, `vswitch:${host.name}/${vs.name}`, `nic:${host.name}/${up.nic}`);
      else for (const nic of up.nics) link(ids, lines, `vswitch:${host.name}/${vs.name}`, `nic:${host.name}/${nic}`);
    }
    for (const vm of lab.vms.filter((v) => v.host === host.name)) {
      const vs = vm.virtualSwitch ?? host.virtualSwitches[0]?.name;
      if (vs) link(ids, lines, `vm:${vm.name}`, `vswitch:${host.name}/${vs}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function link(ids: Map<string, string>, lines: string[], from: string, to: string): void {
  const a = ids.get(from);
  const b = ids.get(to);
  if (a && b) lines.push(`  ${a} -.- ${b}`);
}

/** Text inside a quoted Mermaid label: quotes and markup characters become Mermaid entity codes. */
function mermaidText(text: string): string {
  return text.replace(/[&"<>#|;]/g, (c) => `#${c.charCodeAt(0)};`);
}
