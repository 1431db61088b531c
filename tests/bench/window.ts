// The window's performance in headless Debian Chromium against the real browser host: opening a 64-host,
// 1,000-VM lab and the field-report lab until the canvas is drawn and answers, and pan/zoom frame times.
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import type { Lab, LabInput } from '../../shared/lab.js';
import { readLab } from '../../src-main/core/lab.js';
import { labElements } from '../../src-renderer/canvas/elements.js';
import { HostApi } from '../e2e/support/api.js';
import { ROOT, buildApp, buildRenderer, serve } from '../e2e/support/serve.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hex = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');

/** A lab of `hosts` R710s with a BASP team each on two switches and `vms` VMs spread over them. */
export function largeLab(hosts: number, vms: number): LabInput {
  const ports = hosts + 2;
  return {
    meta: { title: `Bench: ${hosts} hosts, ${vms} VMs`, description: '', author: 'bench' },
    hosts: Array.from({ length: hosts }, (_, h) => ({
      name: `Host${h + 1}`,
      managementIp: `10.1.${h + 1}.10`,
      nics: [1, 2, 3, 4].map((n) => ({ name: `NIC${n}`, mac: `00-24-E8-${hex(h >> 8)}-${hex(h & 255)}-0${n}` })),
      teams: [{ name: 'VM-Team', members: ['NIC3', 'NIC4'], primary: 'NIC3', driverProfile: 'broadcom-basp-2009-12-15' }],
      virtualSwitches: [{ name: 'VM-Switch', uplink: { team: 'VM-Team' } }],
    })),
    switches: [{ name: 'switch1', ports }, { name: 'switch2', ports }],
    clients: [{ name: 'Client1', ip: '10.9.0.100', mac: '00-1C-23-00-00-64' }],
    vms: Array.from({ length: vms }, (_, i) => ({ name: `VM${i + 1}`, ip: `10.8.${Math.floor(i / 250)}.${(i % 250) + 1}`, host: `Host${(i % hosts) + 1}` })),
    cables: [
      ...Array.from({ length: hosts }, (_, h) => [
        { a: { host: `Host${h + 1}`, nic: 'NIC3' }, b: { switch: 'switch1', port: h + 1 } },
        { a: { host: `Host${h + 1}`, nic: 'NIC4' }, b: { switch: 'switch2', port: h + 1 } },
      ]).flat(),
      { a: { switch: 'switch1', port: ports }, b: { switch: 'switch2', port: ports } },
      { a: { client: 'Client1' }, b: { switch: 'switch1', port: ports - 1 } },
    ],
  };
}

function parsed(input: unknown): Lab {
  const r = readLab(input);
  if (!r.ok) throw new Error(`bench lab does not parse: ${r.problems[0].path} ${r.problems[0].message}`);
  return r.lab;
}

/** Opens a workspace file from the window's Open dialog; ms from the click until the canvas is drawn and a frame went by. */
async function timeOpen(page: Page, file: string, elements: number): Promise<number> {
  await page.getByRole('menubar').getByRole('menuitem', { name: 'File', exact: true }).click();
  await page.getByRole('menu', { name: 'File' }).getByRole('menuitem', { name: 'Open…' }).click();
  const button = page.getByRole('dialog').getByRole('button', { name: file, exact: true });
  await button.waitFor();
  // In-page code goes as text: the TypeScript runner would otherwise wrap functions in helpers the page lacks.
  return page.evaluate(`(async () => {
    const probe = globalThis.labPlannerProbe;
    const button = [...document.querySelectorAll('[role=dialog] button')].find((b) => b.textContent === ${JSON.stringify(file)});
    const t0 = performance.now();
    button.click();
    await new Promise((resolve) => {
      const check = () => (probe.elementCount() >= ${elements} ? resolve() : requestAnimationFrame(check));
      check();
    });
    // Interactive: two frames painted and a task run after the drawing.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    await new Promise((r) => setTimeout(r, 0));
    return performance.now() - t0;
  })()`) as Promise<number>;
}

/** Drives wheel zooms and drags over the canvas while the page records frame times; answers the median frame in ms. */
async function panZoomMedianFrame(page: Page): Promise<{ median: number; p90: number; frames: number }> {
  const box = (await page.getByTestId('canvas').boundingBox())!;
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
  const times = (await page.evaluate(`(() => {
    globalThis.recording = false;
    return globalThis.frameTimes.slice(1);
  })()`)) as number[];
  const sorted = [...times].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], p90: sorted[Math.floor(sorted.length * 0.9)], frames: sorted.length };
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
    const big = largeLab(64, 1000);
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
    const bigMs = await timeOpen(page, 'bench-64x1000.lab', labElements(parsed(big)).length);
    const frames = await panZoomMedianFrame(page);
    const fieldMs = await timeOpen(page, 'field-report.lab', labElements(parsed(fieldReport)).length);
    await page.close();
    return {
      bench: 'window',
      largeLabOpenInteractiveMs: Math.round(bigMs),
      largeLabOpenTargetMs: 2000,
      largeLabOpenOk: bigMs < 2000,
      panZoomMedianFrameMs: Number(frames.median.toFixed(1)),
      panZoomP90FrameMs: Number(frames.p90.toFixed(1)),
      panZoomFrames: frames.frames,
      panZoomTargetMs: 33,
      panZoomOk: frames.median < 33,
      fieldReportOpenMs: Math.round(fieldMs),
      fieldReportOpenTargetMs: 300,
      fieldReportOpenOk: fieldMs < 300,
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
