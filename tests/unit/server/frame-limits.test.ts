// The browser host's frame cap is derived from the largest lab the schema allows, not picked.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { fileURLToPath } from 'node:url';
import { labSchema, type Lab } from '../../../shared/lab.js';
import { DRIVER_CATALOGUE } from '../../../src-main/core/drivers/catalogue.js';
import { MAX_FRAME_BYTES } from '../../../src-main/server/frame-limits.js';

const fieldReport = JSON.parse(readFileSync(fileURLToPath(new URL('../../../examples/field-report.lab.json', import.meta.url)), 'utf8')) as Lab;
const limit = (collection: keyof typeof labSchema.shape) => {
  const maxItems = z.toJSONSchema(labSchema.shape[collection], { io: 'input', unrepresentable: 'any' }).maxItems;
  if (typeof maxItems !== 'number') throw new Error(`the schema sets no maximum for ${collection}`);
  return maxItems;
};

/** Every collection at the schema's maximum count, each element the size of the field report's largest. */
function largestLab(): Lab {
  const fill = <T extends { name?: string }>(examples: T[], count: number, key = 'name'): T[] => {
    const largest = examples.reduce((a, b) => (JSON.stringify(b).length > JSON.stringify(a).length ? b : a));
    return Array.from({ length: count }, (_, i) => ({ ...largest, [key]: `${String((largest as Record<string, unknown>)[key])}-${i}` }));
  };
  const lab: Lab = {
    ...fieldReport,
    meta: { ...fieldReport.meta, description: 'd'.repeat(100_000) },
    driverProfiles: fill(DRIVER_CATALOGUE as unknown as { name: string }[], limit('driverProfiles'), 'id') as unknown as Lab['driverProfiles'],
    hosts: fill(fieldReport.hosts, limit('hosts')),
    switches: fill(fieldReport.switches, limit('switches')),
    clients: fill(fieldReport.clients, limit('clients')),
    vms: fill(fieldReport.vms, limit('vms')),
    cables: Array.from({ length: limit('cables') }, (_, i) => fieldReport.cables[i % fieldReport.cables.length]),
    drills: fill(fieldReport.drills, limit('drills')),
  };
  const nodes = [...lab.hosts, ...lab.switches, ...lab.clients, ...lab.vms].map((n) => n.name);
  lab.layout = { ...lab.layout, positions: Object.fromEntries(nodes.map((name, i) => [`vm:${name}`, { x: i * 10.5, y: -i * 7.25 }])) };
  return lab;
}

describe('the largest frame the browser host reads', () => {
  it('carries the largest lab the schema allows, as an indented .lab.json sent to lab.importJson, with little to spare', () => {
    const lab = largestLab();
    expect(labSchema.safeParse(lab).success).toBe(true);
    const frame = JSON.stringify({ kind: 'request', id: 1, request: 'lab.importJson', params: { text: `${JSON.stringify(lab, null, 2)}\n`, fileName: 'largest.lab.json' } });
    const bytes = Buffer.byteLength(frame);
    expect(bytes).toBeLessThan(MAX_FRAME_BYTES);
    expect(bytes).toBeGreaterThan(MAX_FRAME_BYTES / 2);
  });
});
