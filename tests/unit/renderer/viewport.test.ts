import { describe, it, expect } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { join } from 'node:path';
import { fitZoom, estimatedFitZoom, savedViewport, READABLE_ZOOM, FIT_MAX_ZOOM } from '../../../src-renderer/canvas/viewport.js';
import { fitLabel, boxLabel } from '../../../src-renderer/canvas/labels.js';
import { labElements } from '../../../src-renderer/canvas/elements.js';
import { useLabStore } from '../../../src-renderer/stores/lab.js';
import { useApi } from '../../../src-renderer/api/client.js';
import { createLabFile, openLabFile } from '../../../src-main/store/index.js';
import { tempDir, valid } from '../store/helpers.js';
import { FakeService, fieldReportLab } from './fake-api.js';

describe('fitting the view', () => {
  it('keeps a small lab in the readable band and fits a big one whole', () => {
    expect(fitZoom(0.3, 200)).toBe(READABLE_ZOOM);
    expect(fitZoom(0.3, 12_000)).toBe(0.3);
    expect(fitZoom(0.9, 200)).toBe(0.9);
    expect(fitZoom(4, 3)).toBe(FIT_MAX_ZOOM);
  });

  it('knows the zoom a fit comes to from the parts\' centres, before anything is drawn', () => {
    // 1,000 model units wide plus the parts' reach on each side, in a 1,000 × 600 view with 40 px padding.
    const zoom = estimatedFitZoom([{ x: 0, y: 0 }, { x: 1000, y: 100 }], 1000, 600, 40);
    expect(zoom).toBeCloseTo(920 / 1220, 3);
    expect(estimatedFitZoom([], 1000, 600, 40)).toBe(1);
    expect(estimatedFitZoom([{ x: 0, y: 0 }], 0, 0, 40)).toBe(1);
  });
});

describe('the viewport saved in the lab', () => {
  it('is written into the document when the lab is saved, without an undo step', async () => {
    const service = new FakeService();
    useApi(service);
    setActivePinia(createPinia());
    const lab = useLabStore();
    await lab.newLab({ kind: 'example', id: 'field-report' });
    const off = lab.onBeforeSave(() => lab.setViewState(['layout', 'viewport'], savedViewport({ x: 120.4, y: -33.6 }, 0.66666)));
    await lab.save();
    expect(lab.doc!.layout.viewport).toEqual({ x: 120, y: -34, zoom: 0.667 });
    expect((service.document as { layout: unknown }).layout).toMatchObject({ viewport: { x: 120, y: -34, zoom: 0.667 } });
    expect(lab.canUndo).toBe(false);
    off();
  });

  it('comes back from the .lab file as it was saved', () => {
    const input = fieldReportLab();
    input.layout.viewport = { x: 120, y: -34, zoom: 0.667 };
    const path = join(tempDir(), 'viewport.lab');
    createLabFile(path, valid(input));
    expect(openLabFile(path).lab.layout.viewport).toEqual({ x: 120, y: -34, zoom: 0.667 });
  });
});

describe('labels on the canvas', () => {
  it('cuts each line that does not fit its box with an ellipsis and keeps the whole text for the tooltip', () => {
    expect(fitLabel('web-frontend-production-01\n10.20.30.40', 14)).toBe('web-frontend-…\n10.20.30.40');
    expect(boxLabel('Guest1\n1.1.1.1', 14)).toEqual({ label: 'Guest1\n1.1.1.1' });
    expect(boxLabel('a-very-long-vm-name-indeed', 14).full).toBe('a-very-long-vm-name-indeed');
  });

  it('never draws a VM name wider than its box', () => {
    const lab = fieldReportLab();
    lab.vms[0].name = 'Guest1-with-a-name-much-longer-than-its-box';
    lab.drills = [];
    const vm = labElements(lab).find((e) => e.data.kind === 'vm' && e.data.full?.startsWith('Guest1-with'))!;
    expect(vm.data.label!.split('\n')[0]).toBe('Guest1-with-a…');
    expect(vm.data.name).toBe('Guest1-with-a…');
    expect(vm.data.full!.split('\n')[0]).toBe('Guest1-with-a-name-much-longer-than-its-box');
  });
});
