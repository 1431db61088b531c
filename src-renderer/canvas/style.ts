// How the canvas draws each kind of element, in the light or dark theme. Labels keep a backdrop to stay readable.
import type { StylesheetJson } from 'cytoscape';
import type { Theme } from '../stores/preferences.js';
import { COLLAPSED_HOST } from './routing.js';

const PALETTES = {
  light: { text: '#1d2330', backdrop: '#ffffff', host: '#eef3fb', hostBorder: '#6b87b8', switch: '#f3efe6', switchBorder: '#a48a55', nic: '#dbe7ff', team: '#d9f2e3', vswitch: '#fde9c8', vm: '#ffffff', port: '#ffffff', client: '#efe3fa', cable: '#55606e', member: '#2f9a5a', uplink: '#c98210', vnic: '#9aa4b1', select: '#0b63d6', problem: '#d32f2f', path: '#0b8f5a', dies: '#d32f2f', warning: '#c77700', info: '#0b63d6', event: '#7c3aed', changed: '#0e9aa7', frame: '#0b63d6', rewritten: '#e07b00', booting: '#fff4c2', disabled: '#c9ced6' },
  dark: { text: '#e6e9ef', backdrop: '#1b1f27', host: '#222c3c', hostBorder: '#6d8ccc', switch: '#2e2a22', switchBorder: '#b89a62', nic: '#2b3d63', team: '#23432f', vswitch: '#4a3a1c', vm: '#2a2f3a', port: '#323846', client: '#3b2d4b', cable: '#a9b3c1', member: '#52c682', uplink: '#e0a43a', vnic: '#6f7886', select: '#5aa2ff', problem: '#ff6b6b', path: '#3ddc97', dies: '#ff6b6b', warning: '#f5b041', info: '#5aa2ff', event: '#b794f6', changed: '#3fd0dc', frame: '#5aa2ff', rewritten: '#ffa53a', booting: '#4a4320', disabled: '#3a3f48' },
} as const;

/** How far out the view is: near shows every label, mid shortens and enlarges them, far names only the big boxes. */
export type ZoomBand = 'near' | 'mid' | 'far';

/** Below this zoom the parts of a host (NICs, teams, VMs) lose their names. */
export const PART_NAMES_ZOOM = 0.4;

export function zoomBand(zoom: number): ZoomBand {
  return zoom >= 0.8 ? 'near' : zoom >= PART_NAMES_ZOOM ? 'mid' : 'far';
}

export function canvasStyle(theme: Theme, band: ZoomBand): StylesheetJson {
  const c = PALETTES[theme];
  const scale = band === 'near' ? 1 : 1.5;
  const partLabel = band === 'near' ? 'data(label)' : band === 'mid' ? 'data(name)' : '';
  const boxLabel = band === 'far' ? 'data(name)' : 'data(label)';
  const boxFont = band === 'far' ? 40 : 13 * scale;
  const label = {
    label: partLabel,
    'font-size': 11 * scale,
    'font-family': 'system-ui, sans-serif',
    color: c.text,
    'text-wrap': 'wrap',
    'text-max-width': '90px',
    'text-valign': 'center',
    'text-halign': 'center',
    'min-zoomed-font-size': 6,
  } as const;
  return [
    { selector: 'node', style: { ...label, 'border-width': 1, 'border-color': c.hostBorder, 'background-color': c.vm, shape: 'round-rectangle', width: 84, height: 44 } },
    {
      selector: 'node[kind="host"], node[kind="switch"]',
      style: {
        label: boxLabel, 'text-valign': 'top', 'text-halign': 'center', 'text-margin-y': -4, 'font-size': boxFont, 'font-weight': 'bold',
        'text-background-color': c.backdrop, 'text-background-opacity': 0.85, 'text-background-padding': '2px',
        'background-color': c.host, 'border-color': c.hostBorder, 'border-width': 2, padding: '18px', 'text-max-width': '2000px',
        // The title above the box is its title bar: pressing it grabs the host (or switch) to drag it.
        'text-events': 'yes',
      },
    },
    // A collapsed host: one box with its name and VM count, cables ending on it. No padding: it has no parts to hold,
    // and the cables' routes (routing.ts) are drawn to the size given here.
    { selector: 'node[kind="host"].collapsed', style: { label: 'data(label)', 'text-valign': 'center', 'text-margin-y': 0, 'text-wrap': 'wrap', width: COLLAPSED_HOST.width, height: COLLAPSED_HOST.height, padding: '0px', 'border-style': 'double', 'border-width': COLLAPSED_HOST.border, 'font-size': band === 'far' ? 48 : 15 * scale, 'text-max-width': '270px' } },
    { selector: 'node[kind="switch"]', style: { 'background-color': c.switch, 'border-color': c.switchBorder, padding: '10px' } },
    { selector: 'node[kind="nic"]', style: { 'background-color': c.nic, width: 80, height: 40 } },
    { selector: 'node[kind="team"]', style: { 'background-color': c.team, width: 110, height: 38, 'border-color': c.member } },
    { selector: 'node[kind="vswitch"]', style: { 'background-color': c.vswitch, width: 110, height: 30, shape: 'rectangle', 'border-color': c.uplink } },
    { selector: 'node[kind="vm"]', style: { width: 96, height: 54 } },
    { selector: 'node[kind="vm"].off', style: { 'border-style': 'dashed', opacity: 0.7 } },
    { selector: 'node[kind="port"]', style: { 'background-color': c.port, width: 24, height: 24, shape: 'rectangle', 'font-size': 10 * scale, 'border-color': c.switchBorder } },
    { selector: 'node[kind="client"]', style: { 'background-color': c.client, shape: 'ellipse', width: 104, height: 56, label: band === 'far' ? boxLabel : 'data(label)', 'font-size': band === 'far' ? boxFont : 11 * scale } },
    { selector: 'node[kind="ghost"]', style: { width: 6, height: 6, 'background-color': c.select, label: '', events: 'no' } },
    { selector: 'edge', style: { width: 2, 'line-color': c.cable, 'curve-style': 'haystack', 'haystack-radius': 0 } },
    // Cables: routed round the boxes (routing.ts), the port number at each end, a used port filled in.
    {
      selector: 'edge[kind="cable"]',
      style: {
        'curve-style': 'straight', 'source-label': 'data(sourceLabel)', 'target-label': 'data(targetLabel)', 'source-text-offset': 20, 'target-text-offset': 20,
        'font-size': 10, 'font-weight': 'bold', color: c.text, 'text-background-color': c.backdrop, 'text-background-opacity': 0.9, 'text-background-padding': '1px', 'min-zoomed-font-size': 7,
      },
    },
    { selector: 'edge[kind="cable"][segmentWeights]', style: { 'curve-style': 'round-segments', 'edge-distances': 'node-position', 'segment-weights': 'data(segmentWeights)', 'segment-distances': 'data(segmentDistances)', 'segment-radii': [6] } },
    { selector: 'edge[kind="cable"][sourceEndpoint]', style: { 'source-endpoint': 'data(sourceEndpoint)' } },
    { selector: 'edge[kind="cable"][targetEndpoint]', style: { 'target-endpoint': 'data(targetEndpoint)' } },
    { selector: 'node[kind="port"].used', style: { 'background-color': c.cable, color: c.backdrop, 'font-weight': 'bold', 'border-color': c.cable } },
    { selector: 'edge[kind="member"]', style: { 'line-color': c.member, 'line-style': 'dashed', width: 1.5 } },
    { selector: 'edge[kind="member"].primary', style: { 'line-style': 'solid' } },
    { selector: 'edge[kind="uplink"]', style: { 'line-color': c.uplink, width: 3 } },
    { selector: 'node[kind="vswitch"].teams-uplinks', style: { 'border-color': c.member, 'border-width': 3, 'background-color': c.team, width: 150, height: 38 } },
    { selector: 'edge[kind="uplink"].own-uplink', style: { 'line-color': c.member, width: 2 } },
    { selector: 'edge[kind="uplink"].own-uplink.standby', style: { 'line-style': 'dashed', width: 1.5 } },
    { selector: 'edge[kind="vnic"]', style: { 'line-color': c.vnic, width: 1 } },
    { selector: 'edge[kind="draft"]', style: { 'line-color': c.select, 'line-style': 'dashed', width: 2, events: 'no' } },
    // The simulated lab at the drill clock's moment.
    { selector: 'node[kind="vm"].sim-running', style: { 'border-style': 'solid', opacity: 1 } },
    { selector: 'node[kind="vm"].sim-off', style: { 'border-style': 'dashed', opacity: 0.5 } },
    { selector: 'node[kind="vm"].sim-booting', style: { 'border-style': 'dotted', 'border-width': 3, 'border-color': c.rewritten, 'background-color': c.booting, opacity: 1 } },
    { selector: 'node[kind="vm"].sim-paused', style: { 'border-style': 'double', 'border-width': 4, opacity: 0.75 } },
    { selector: 'node.in-flight', style: { 'underlay-color': c.event, 'underlay-opacity': 0.3, 'underlay-padding': 6, 'underlay-shape': 'round-rectangle', 'border-color': c.event, 'border-style': 'dashed', 'border-width': 3 } },
    { selector: 'node.failed', style: { 'border-color': c.problem, 'border-width': 3, 'border-style': 'dashed', 'background-color': c.problem, 'background-opacity': 0.2 } },
    { selector: 'edge.failed', style: { 'line-color': c.problem, 'line-style': 'dashed', width: 3 } },
    { selector: 'node.team-disabled', style: { 'background-color': c.disabled, 'border-style': 'dashed', opacity: 0.6 } },
    { selector: 'node.active-member', style: { 'border-color': c.member, 'border-width': 3 } },
    { selector: 'edge.active-member', style: { 'line-style': 'solid', width: 3 } },
    { selector: 'node.stale', style: { 'border-color': c.problem, 'border-width': 4 } },
    { selector: 'node[kind="badge"]', style: { display: 'none' } },
    { selector: 'node[kind="badge"].shown', style: { display: 'element', shape: 'ellipse', width: 20, height: 20, 'background-color': c.problem, 'border-width': 2, 'border-color': c.backdrop, label: 'data(label)', color: '#ffffff', 'font-weight': 'bold', 'font-size': 13, 'z-index': 30, 'z-compound-depth': 'top', 'min-zoomed-font-size': 0 } },
    { selector: 'node[kind="frame"]', style: { shape: 'ellipse', width: 18, height: 18, 'background-color': c.frame, 'border-width': 2, 'border-color': c.backdrop, label: '', 'z-index': 40, 'z-compound-depth': 'top', 'overlay-opacity': 0 } },
    { selector: 'node[kind="frame"].frame-rewritten', style: { 'background-color': c.rewritten } },
    { selector: 'node[kind="frame"].frame-delivered', style: { 'background-color': c.path } },
    { selector: 'node[kind="frame"].frame-dropped', style: { 'background-color': c.dies, width: 24, height: 24, 'border-color': c.dies, 'border-width': 3 } },
    { selector: '.problem', style: { 'border-color': c.problem, 'border-width': 3 } },
    { selector: 'edge.problem', style: { 'line-color': c.problem } },
    { selector: 'node.path', style: { 'border-color': c.path, 'border-width': 4 } },
    { selector: 'edge.path', style: { 'line-color': c.path, width: 5, 'z-index': 10 } },
    { selector: 'node.dies', style: { 'border-color': c.dies, 'border-width': 6, 'border-style': 'double', 'background-color': c.dies, 'background-opacity': 0.25 } },
    { selector: ':selected', style: { 'border-color': c.select, 'border-width': 3, 'overlay-color': c.select, 'overlay-opacity': 0.08 } },
    { selector: 'edge:selected', style: { 'line-color': c.select, width: 4 } },
    // "Compare with…": what differs from the other lab, until its panel closes.
    { selector: 'node.changed', style: { 'border-color': c.changed, 'border-width': 4, 'border-style': 'dashed', 'underlay-color': c.changed, 'underlay-opacity': 0.3, 'underlay-padding': 6, 'underlay-shape': 'round-rectangle' } },
    { selector: 'edge.changed', style: { 'line-color': c.changed, 'line-style': 'dashed', width: 5, 'z-index': 10 } },
    // A selected cable shows both of its ends.
    { selector: 'node.cable-end', style: { 'border-color': c.select, 'border-width': 4, 'underlay-color': c.select, 'underlay-opacity': 0.3, 'underlay-padding': 5, 'underlay-shape': 'round-rectangle' } },
    // After the selection: a check's or a case's elements are selected too, and their tone must still show.
    ...(['error', 'warning', 'info', 'event'] as const).flatMap((tone): StylesheetJson => {
      const colour = tone === 'error' ? c.problem : c[tone];
      return [
        { selector: `node.focus-${tone}`, style: { 'border-color': colour, 'border-width': 4, 'underlay-color': colour, 'underlay-opacity': 0.35, 'underlay-padding': 8, 'underlay-shape': 'round-rectangle' } },
        { selector: `edge.focus-${tone}`, style: { 'line-color': colour, width: 6, 'z-index': 11, 'underlay-color': colour, 'underlay-opacity': 0.25, 'underlay-padding': 4 } },
      ];
    }),
  ];
}
