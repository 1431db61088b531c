// What an engineer does in the window, as steps the journeys share (menus, canvas gestures, inspector).
import { expect, type Page } from '@playwright/test';
import { uiAction } from './uiActions.js';

export function appUrl(): string {
  const url = process.env.LAB_PLANNER_URL;
  if (!url) throw new Error('LAB_PLANNER_URL is not set: the global setup starts lab-planner serve');
  return url;
}

export async function openApp(page: Page): Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(appUrl());
  await expect(page.getByRole('menubar')).toBeVisible();
}

export async function menu(page: Page, menuName: string, item: string | RegExp): Promise<void> {
  uiAction(page, 'click');
  await page.getByRole('menubar').getByRole('menuitem', { name: menuName, exact: true }).click();
  uiAction(page, 'click');
  await page.getByRole('menu', { name: menuName }).getByRole('menuitem', { name: item }).click();
}

export async function openFieldReportExample(page: Page): Promise<void> {
  await menu(page, 'File', /New from example: Field report: Broadcom/);
  await discardIfAsked(page);
  await expect(page.getByTestId('title')).toContainText('Field report');
  await waitForCanvas(page, 'vm:Guest1');
}

export async function newEmptyLab(page: Page): Promise<void> {
  await menu(page, 'File', 'New empty lab');
  await discardIfAsked(page);
  await expect(page.getByRole('region', { name: 'Problems' })).toBeVisible();
}

async function discardIfAsked(page: Page): Promise<void> {
  const discard = page.getByRole('button', { name: 'Discard changes' });
  if (await discard.isVisible({ timeout: 300 }).catch(() => false)) {
    uiAction(page, 'click');
    await discard.click();
  }
}

type Point = { x: number; y: number };

/** Where the canvas draws an element (page pixels), through the renderer's read-only probe. */
export async function pointOf(page: Page, id: string): Promise<Point> {
  const p = await page.evaluate((elementId) => {
    const probe = (globalThis as unknown as { labPlannerProbe?: { clientPoint(id: string): Point | null } }).labPlannerProbe;
    return probe?.clientPoint(elementId) ?? null;
  }, id);
  if (!p) throw new Error(`${id} is not drawn on the canvas`);
  return p;
}

export async function waitForCanvas(page: Page, id: string): Promise<void> {
  await expect.poll(() => pointOf(page, id).then(() => true).catch(() => false)).toBe(true);
}

export async function fit(page: Page): Promise<void> {
  uiAction(page, 'click');
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
}

/** Clicks an element on the canvas, which selects it and shows it in the inspector. */
export async function selectOnCanvas(page: Page, id: string): Promise<void> {
  await waitForCanvas(page, id);
  await revealOnCanvas(page, id);
  const p = await pointOf(page, id);
  uiAction(page, 'click');
  await page.mouse.click(p.x, p.y);
}

/** Brings an element into the canvas's view first when it lies past an edge (as scrolling to it would). */
export async function revealOnCanvas(page: Page, id: string): Promise<void> {
  const box = await page.getByTestId('canvas').boundingBox();
  const p = await pointOf(page, id);
  if (!box || (p.x > box.x + 20 && p.x < box.x + box.width - 20 && p.y > box.y + 20 && p.y < box.y + box.height - 20)) return;
  await page.evaluate((elementId) => {
    (globalThis as unknown as { labPlannerProbe?: { reveal(id: string): void } }).labPlannerProbe?.reveal(elementId);
  }, id);
}

/** Presses on one element and releases on another: a cable from a NIC to a port, or a move. */
export async function dragOnCanvas(page: Page, fromId: string, to: string | Point): Promise<void> {
  const a = await pointOf(page, fromId);
  const b = typeof to === 'string' ? await pointOf(page, to) : to;
  uiAction(page, 'drag');
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 6 });
  await page.mouse.move(b.x, b.y, { steps: 6 });
  await page.mouse.up();
}

export function inspector(page: Page) {
  return page.getByRole('complementary', { name: 'Inspector' });
}

/** Types a value into an inspector field and commits it (Enter), as an engineer would. */
export async function setField(page: Page, label: string, value: string): Promise<void> {
  const field = inspector(page).getByLabel(label, { exact: true });
  uiAction(page, 'type');
  await field.fill(value);
  uiAction(page, 'key');
  await field.press('Enter');
}

export async function chooseField(page: Page, label: string, value: string): Promise<void> {
  uiAction(page, 'choose');
  await inspector(page).getByLabel(label, { exact: true }).selectOption(value);
}

export async function runDrill(page: Page, name: string): Promise<void> {
  uiAction(page, 'click');
  uiAction(page, 'click');
  await page.getByRole('listbox', { name: 'Drill list' }).getByRole('option', { name }).click();
  await page.getByRole('region', { name: 'Drills' }).getByRole('button', { name: 'Run drill' }).click();
  await expect(page.getByTestId('verdict')).toContainText(name);
  await expect(page.getByRole('button', { name: 'Run drill' })).toBeEnabled();
}

/** The JSON export of the open lab, through the Export JSON menu item (a download in the browser). */
export async function exportedJson(page: Page): Promise<string> {
  const download = page.waitForEvent('download');
  await menu(page, 'File', 'Export JSON');
  const file = await download;
  const stream = await file.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Moves keyboard focus out of any field so the window's shortcuts apply. */
export async function leaveFields(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

/** Drags a palette item onto the canvas and drops it at a point given relative to the canvas' top-left corner. */
export async function dropFromPalette(page: Page, item: string, at: Point): Promise<void> {
  uiAction(page, 'drag');
  await page.getByTestId(`palette-${item}`).dragTo(page.getByTestId('canvas'), { targetPosition: at });
}

export function drillsPanel(page: Page) {
  return page.getByRole('region', { name: 'Drills' });
}
