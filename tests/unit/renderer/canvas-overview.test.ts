// Which hosts the canvas draws collapsed: a way of looking at the lab, kept for the lab while the window is open.
import { describe, it, expect } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { useLabStore } from '../../../src-renderer/stores/lab.js';
import { useCanvasOverviewStore } from '../../../src-renderer/stores/canvasOverview.js';
import { useApi } from '../../../src-renderer/api/client.js';
import { labElements } from '../../../src-renderer/canvas/elements.js';
import { collapseHosts } from '../../../src-renderer/canvas/collapsedHosts.js';
import { FakeService } from './fake-api.js';

async function openedExample() {
  useApi(new FakeService());
  setActivePinia(createPinia());
  const lab = useLabStore();
  await lab.newLab({ kind: 'example', id: 'field-report' });
  return { lab, overview: useCanvasOverviewStore() };
}

describe('collapsed hosts in the window', () => {
  it('collapses a host once however often asked, and opens it with one expand', async () => {
    const { overview } = await openedExample();
    overview.collapse(['HostA']);
    overview.collapse(['HostA']);
    expect([...overview.collapsed]).toEqual(['HostA']);
    overview.expand(['HostA']);
    expect(overview.isCollapsed('HostA')).toBe(false);
  });

  it('keeps a host collapsed over a reload of the lab, its cables drawn from the box', async () => {
    const { lab, overview } = await openedExample();
    overview.collapse(['HostA']);
    expect(await lab.reload()).toBe(true);
    expect(overview.isCollapsed('HostA')).toBe(true);
    const drawn = collapseHosts(labElements(lab.doc!), lab.doc!, overview.collapsed);
    const cables = drawn.filter((e) => e.data.kind === 'cable' && e.data.source === 'host:HostA');
    expect(cables).toHaveLength(2);
    for (const c of cables) expect(c.data.sourceEndpoint, c.data.id).toMatch(/^-?\d+(\.\d+)? \d+(\.\d+)?$/);
  });

  it('is no edit of the lab: nothing to undo, the document unchanged', async () => {
    const { lab, overview } = await openedExample();
    const before = JSON.stringify(lab.doc);
    overview.collapseAll();
    overview.expandAll();
    expect(lab.canUndo).toBe(false);
    expect(JSON.stringify(lab.doc)).toBe(before);
  });
});
