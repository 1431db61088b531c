// The window's performance in headless Debian Chromium against the real browser host: opening a 64-host,
// 1,000-VM lab and the field-report lab until the canvas is drawn and answers (three times each, the median),
// pan/zoom frame times, moving the drill clock on the big lab (each move until drawn), pasting a copied host with
// 16 VMs into it, and the frame animation's frame times on the field report.
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import type { Lab } from '../../shared/lab.js';
import { readLab } from '../../src-main/core/lab.js';
import { labElements } from '../../src-renderer/canvas/elements.js';
import { HostApi } from '../e2e/support/api.js';
import { largeLabWithDrill } from '../fixtures/large-lab.js';
import { ROOT, buildApp, buildRenderer, serve } from '../e2e/support/serve.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
function parsed(input: unknown): Lab {
  const r = readLab(input);
  if (!r.ok) throw new Error(`bench lab does not parse: ${r.problems[0].path} ${r.problems[0].message}`);
  return r.lab;
}

/** Opens a workspace file from the window's Open dialog; ms from the click until the canvas is drawn and a frame went by. */
async function timeOpen(page: Page, file: string, elements: number): Promise<number> {
  await page.getByRole('menubar').getByRole('menuitem', { name: 'File', exact: true }).click();
  await page.getByRole('menu', { name: 'File' }).getByRole('menuitem', { name: 'Open…' }).click();
  // The paste left the big lab with unsaved changes: the window asks first.
  const discard = page.getByRole('button', { name: 'Discard changes' });
  if (await discard.isVisible({ timeout: 500 }).catch(() => false)) await discard.click();
  const button = page.getByRole('dialog').getByRole('button', { name: file, exact: true });
  await button.waitFor();
  // In-page code goes as text: the TypeScript runner would otherwise wrap functions in helpers the page lacks.
  return page.evaluate(`(async () => {
    const probe = globalThis.labPlannerProbe;
    const button = [...document.querySelectorAll('[role=dialog] button')].find((b) => b.textContent === ${JSON.stringify(file)});
    // The lab shown before may have more elements than this one: the count must first change.
    const before = probe.elementCount();
    const t0 = performance.now();
    button.click();
    await new Promise((resolve) => {
      const check = () => (probe.elementCount() !== before && probe.elementCount() >= ${elements} ? resolve() : requestAnimationFrame(check));
      check();
    });
    // Interactive: two frames painted and a task run after the drawing.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    await new Promise((r) => setTimeout(r, 0));
    return performance.now() - t0;
  })()`) as Promise<number>;
}

/** The page records the time between frames until stopFrameRecording. */
async function startFrameRecording(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    globalThis.frameTimes = [];
    globalThis.recording = true;
    let last = performance.now();
    const tick = (now) => {
      globalThis.frameTimes.push(now - last);
      last = now;
      if (globalThis.recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
}

/** Frame times (ms) since startFrameRecording, the first (partial) one left out. */
async function stopFrameRecording(page: Page): Promise<number[]> {
  return (await page.evaluate(`(() => {
    globalThis.recording = false;
    return globalThis.frameTimes.slice(1);
  })()`)) as number[];
}

/** Drives wheel zooms and drags over the canvas while the page records frame times; answers the median frame in ms. */
async function panZoomMedianFrame(page: Page): Promise<{ median: number; p90: number; frames: number }> {
  const box = (await page.getByTestId('canvas').boundingBox())!;
  await startFrameRecording(page);
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  for (let i = 0; i < 20; i++) await page.mouse.wheel(0, i < 10 ? -120 : 120);
  // Pan by dragging the background: the fit leaves an empty margin in the canvas' corner.
  for (let round = 0; round < 4; round++) {
    const sign = round % 2 ? -1 : 1;
    const start = { x: box.x + (sign > 0 ? 10 : box.width - 10), y: box.y + 10 };
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    for (let s = 1; s <= 20; s++) await page.mouse.move(start.x + sign * s * 12, start.y + s * 6);
    await page.mouse.up();
  }
  const times = await stopFrameRecording(page);
  const f = figures(times);
  return { median: f.median, p90: f.p90, frames: f.count };
}

/** Runs a drill from the drill panel and waits for its verdict. */
async function runDrillIn(page: Page, name: string): Promise<void> {
  await page.getByRole('listbox', { name: 'Drill list' }).getByRole('option', { name }).click();
  await page.getByRole('region', { name: 'Drills' }).getByRole('button', { name: 'Run drill' }).click();
  // The verdict of this drill, not of a drill whose name starts the same ("Failed: NAME · 1 of 1 VMs failed").
  await page.getByTestId('verdict').filter({ hasText: new RegExp(`: ${name} ·`) }).waitFor({ timeout: 120_000 });
  await page.getByRole('button', { name: 'Run drill' }).and(page.locator(':enabled')).waitFor();
}

/**
 * Moves the drill clock by keys (a second, a step, the ends) and times each move: until the window has updated the
 * canvas' elements (the state folded, classes and parents applied; Vue's flush is a microtask) and until drawn.
 */
async function scrubRedraws(page: Page): Promise<{ update: Figures; redraw: Figures }> {
  const times = (await page.evaluate(`(async () => {
    const clock = document.querySelector('input[aria-label="Drill clock"]');
    const keys = ['Home', 'PageDown', 'PageDown', 'ArrowRight', 'PageDown', 'ArrowRight', 'End', 'PageUp', 'ArrowLeft', 'PageUp', 'Home'];
    const update = [];
    const redraw = [];
    for (let round = 0; round < 4; round++) {
      for (const key of keys) {
        const t0 = performance.now();
        clock.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
        for (let i = 0; i < 4; i++) await Promise.resolve();
        update.push(performance.now() - t0);
        // Drawn: the frame after the change has run its rendering, and the task after it.
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        redraw.push(performance.now() - t0);
      }
    }
    return { update, redraw };
  })()`)) as { update: number[]; redraw: number[] };
  return { update: figures(times.update), redraw: figures(times.redraw) };
}

/**
 * Copies a host of the big lab (16 VMs) and times Ctrl+V: from the key press until the pasted host and its VMs are on
 * the canvas and a frame has been drawn. Five pastes, each undone before the next: the first (the paste code not yet
 * compiled by the page's engine) and the median.
 */
async function timePaste(page: Page, host: string, added: number): Promise<{ first: number; median: number }> {
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  // A NIC of the host is selected: copying a part of a host copies the host.
  const nic = `nic:${host.slice(5)}/NIC1`;
  const p = (await page.evaluate(`globalThis.labPlannerProbe.clientPoint(${JSON.stringify(nic)})`)) as { x: number; y: number };
  await page.mouse.click(p.x, p.y);
  await page.getByRole('heading', { name: `NIC ${host.slice(5)}/NIC1` }).waitFor();
  await page.keyboard.press('Control+c');
  const times = (await page.evaluate(`(async () => {
    const probe = globalThis.labPlannerProbe;
    const key = (k) => window.dispatchEvent(new KeyboardEvent('keydown', { key: k, code: 'Key' + k.toUpperCase(), ctrlKey: true, bubbles: true, cancelable: true }));
    const until = (done, what) => new Promise((resolve, reject) => {
      const began = performance.now();
      const check = () => {
        if (done()) resolve();
        else if (performance.now() - began > 10000) reject(new Error(what + ': the canvas holds ' + probe.elementCount() + ' elements; new ' + probe.elementIds().filter((x) => !globalThis.__ids.has(x)).join(' ') + '; gone ' + [...globalThis.__ids].filter((x) => !probe.elementIds().includes(x)).join(' ')));
        else requestAnimationFrame(check);
      };
      check();
    });
    const times = [];
    for (let i = 0; i < 5; i++) {
      const before = probe.elementCount();
      globalThis.__ids = new Set(probe.elementIds());
      const t0 = performance.now();
      key('v');
      await until(() => probe.elementCount() >= before + ${added}, 'paste ' + (i + 1) + ' of ' + before + ' + ${added}');
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      times.push(performance.now() - t0);
      if (i === 4) break;
      key('z');
      await until(() => probe.elementCount() === before, 'undo of paste ' + (i + 1) + ' back to ' + before);
      await new Promise((r) => setTimeout(r, 300));
    }
    return times;
  })()`)) as number[];
  return { first: times[0], median: figures(times).median };
}

type Figures = { median: number; p90: number; max: number; count: number };
function figures(times: number[]): Figures {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => Number(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))].toFixed(1));
  return { median: at(0.5), p90: at(0.9), max: at(1), count: sorted.length };
}

/** Plays the frame animation over Guest1's events at 10x, through drops, and records frame times meanwhile. */
async function animationFrames(page: Page): Promise<{ median: number; p90: number; frames: number; hops: number }> {
  await page.getByRole('tab', { name: 'Event list' }).click();
  const list = page.getByRole('region', { name: 'Event list' });
  await list.getByLabel('Events of VM').selectOption('Guest1');
  await list.getByRole('listbox', { name: 'Events' }).getByRole('option').first().waitFor();
  await list.getByLabel('stop at drops').uncheck();
  await page.getByLabel('Speed').selectOption('10');
  await startFrameRecording(page);
  await page.getByRole('toolbar', { name: 'Animation' }).getByRole('button', { name: 'Play' }).click();
  await page.waitForTimeout(4000);
  const hop = await page.getByTestId('hop').textContent();
  const times = await stopFrameRecording(page);
  await page.getByRole('toolbar', { name: 'Animation' }).getByRole('button', { name: /Pause|Play/ }).click();
  const f = figures(times);
  return { median: f.median, p90: f.p90, frames: f.count, hops: Number(/hop (\d+)\//.exec(hop ?? '')?.[1] ?? 0) };
}

export async function bench(): Promise<Record<string, number | string | boolean>> {
  // `npm run bench` compiles the main side; the renderer is built here so the figures are of the current code.
  if (process.env.LAB_PLANNER_BENCH_NO_BUILD !== '1') buildRenderer();
  if (!existsSync(path.join(ROOT, 'dist/src-main/cli/main.js'))) buildApp();
  const workspace = mkdtempSync(path.join(tmpdir(), 'lab-planner-bench-'));
  const host = await serve(workspace);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
  try {
    const big = largeLabWithDrill(64, 1000);
    const fieldReport = JSON.parse(readFileSync(path.join(ROOT, 'examples/field-report.lab.json'), 'utf8')) as unknown;
    const api = await HostApi.connect(host.url);
    for (const [file, input] of [['bench-64x1000.lab', big], ['field-report.lab', fieldReport]] as const) {
      const doc = await api.call('lab.importJson', { text: JSON.stringify(input), fileName: `${file}.json` });
      await api.call('lab.saveAs', { docId: doc.docId, path: file });
      await api.call('lab.close', { docId: doc.docId, discard: true });
    }
    api.close();

    const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
    await page.goto(host.url);
    await page.getByRole('region', { name: 'Start' }).waitFor();
    // What each lab draws, counted once: an open is done when the canvas holds it.
    const bigCount = labElements(parsed(big)).length;
    const fieldCount = labElements(parsed(fieldReport)).length;
    const bigMs = await timeOpen(page, 'bench-64x1000.lab', bigCount);
    const frames = await panZoomMedianFrame(page);
    await runDrillIn(page, 'migrate-then-restart-vm1');
    const scrub = await scrubRedraws(page);
    // Host1 of the big lab carries 16 VMs: the pasted copy adds the host, its 4 NICs, team, virtual switch, 16 VMs and edges.
    const paste = await timePaste(page, 'host:Host1', 1 + 4 + 1 + 1 + 16);
    const fieldMs = await timeOpen(page, 'field-report.lab', fieldCount);
    await runDrillIn(page, 'migrate-then-restart');
    const animation = await animationFrames(page);
    // Two more opens of each, one after the other: one open alone varies by a third on a shared machine.
    const bigOpens = [bigMs];
    const fieldOpens = [fieldMs];
    for (let i = 0; i < 2; i++) {
      bigOpens.push(await timeOpen(page, 'bench-64x1000.lab', bigCount));
      fieldOpens.push(await timeOpen(page, 'field-report.lab', fieldCount));
    }
    const bigOpen = figures(bigOpens).median;
    const fieldOpen = figures(fieldOpens).median;
    await page.close();
    return {
      bench: 'window',
      largeLabOpenInteractiveMs: Math.round(bigOpen),
      largeLabOpenFirstMs: Math.round(bigMs),
      largeLabOpenTargetMs: 1000,
      largeLabOpenOk: bigOpen < 1000,
      panZoomMedianFrameMs: Number(frames.median.toFixed(1)),
      panZoomP90FrameMs: Number(frames.p90.toFixed(1)),
      panZoomFrames: frames.frames,
      panZoomTargetMs: 33,
      // The editor issue's target is the ninth frame in ten, not the typical one.
      panZoomOk: frames.p90 < 33,
      pasteHost16VmsMs: Math.round(paste.median),
      pasteHost16VmsFirstMs: Math.round(paste.first),
      pasteHost16VmsTargetMs: 100,
      pasteHost16VmsOk: paste.median < 100,
      fieldReportOpenMs: Math.round(fieldOpen),
      fieldReportOpenTargetMs: 300,
      fieldReportOpenOk: fieldOpen < 300,
      scrubUpdateMedianMs: scrub.update.median,
      scrubUpdateMaxMs: scrub.update.max,
      scrubRedrawMedianMs: scrub.redraw.median,
      scrubRedrawP90Ms: scrub.redraw.p90,
      scrubRedrawMaxMs: scrub.redraw.max,
      scrubMoves: scrub.redraw.count,
      scrubRedrawTargetMs: 100,
      // Nine moves in ten: one slow frame on a machine shared with other work is not the redraw's cost.
      scrubRedrawOk: scrub.redraw.p90 < 100,
      animationMedianFrameMs: Number(animation.median.toFixed(1)),
      animationP90FrameMs: Number(animation.p90.toFixed(1)),
      animationFrames: animation.frames,
      animationHops: animation.hops,
      animationTargetMs: 20,
      animationOk: animation.median < 20,
    };
  } finally {
    await browser.close();
    await host.stop();
    rmSync(workspace, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  bench().then((figures) => process.stdout.write(`${JSON.stringify(figures)}\n`));
}
