// The minimap: the whole lab in a small picture, the view as a rectangle on it, a click on it centring the view there.
import { describe, it, expect } from 'vitest';
import { minimapTransform, toMinimap, toModel, viewportRect, panCentring, isBigLab, canvasNodeCount } from '../../../src-renderer/canvas/minimapView.js';
import { readLab } from '../../../src-main/core/lab.js';
import { largeLab } from '../../fixtures/large-lab.js';
import { fieldReportLab } from './fake-api.js';

describe('the minimap', () => {
  it('fits a wide lab into its width, centred top to bottom, keeping proportions', () => {
    const t = minimapTransform({ x1: 0, y1: 0, x2: 2000, y2: 500 }, 212, 160, 6);
    expect(t.scale).toBeCloseTo(0.1);
    expect(toMinimap(t, { x: 0, y: 0 })).toEqual({ x: 6, y: 55 });
    expect(toMinimap(t, { x: 2000, y: 500 }).x).toBeCloseTo(206);
    expect(toMinimap(t, { x: 2000, y: 500 }).y).toBeCloseTo(105);
  });

  it('takes a point on the picture back to the model point drawn there', () => {
    const t = minimapTransform({ x1: -300, y1: 100, x2: 900, y2: 1300 }, 200, 200);
    const p = toModel(t, toMinimap(t, { x: 123, y: 456 }));
    expect(p.x).toBeCloseTo(123);
    expect(p.y).toBeCloseTo(456);
  });

  it('draws the view as a rectangle the size of its extent, cut where it leaves the picture', () => {
    const t = minimapTransform({ x1: 0, y1: 0, x2: 1000, y2: 1000 }, 100, 100, 0);
    expect(viewportRect(t, { x1: 200, y1: 300, x2: 400, y2: 450 }, 100, 100)).toEqual({ x: 20, y: 30, w: 20, h: 15 });
    expect(viewportRect(t, { x1: -500, y1: 900, x2: 300, y2: 1500 }, 100, 100)).toEqual({ x: 0, y: 90, w: 30, h: 10 });
  });

  it('pans the canvas so the clicked model point comes to the centre of the view', () => {
    const pan = panCentring({ x: 1000, y: 400 }, 0.5, 800, 600);
    expect(pan).toEqual({ x: -100, y: 100 });
    // The centre of the view in model terms is then the point clicked.
    expect({ x: (400 - pan.x) / 0.5, y: (300 - pan.y) / 0.5 }).toEqual({ x: 1000, y: 400 });
  });

  it('shows itself on big labs only: the 1,000-VM lab, not the field report', () => {
    expect(isBigLab(fieldReportLab())).toBe(false);
    const big = readLab(largeLab(16, 256));
    if (!big.ok) throw new Error('the large lab does not parse');
    expect(canvasNodeCount(big.lab)).toBeGreaterThan(300);
    expect(isBigLab(big.lab)).toBe(true);
  });
});
