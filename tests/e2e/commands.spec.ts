// Commands and the window: the palette, the shortcut reference, Help, the status bar, resizable panels, asking once.
import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { inspector, leaveFields, menu, openApp, openFieldReportExample, selectOnCanvas } from './support/app.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const palette = (page: Page) => page.getByRole('dialog', { name: 'Command palette' });
const drillList = (page: Page) => page.getByRole('listbox', { name: 'Drill list' });

async function openPalette(page: Page): Promise<void> {
  await leaveFields(page);
  await page.keyboard.press('Control+Shift+P');
  await expect(palette(page).getByRole('combobox', { name: 'Command' })).toBeFocused();
}

async function inspectorWidth(page: Page): Promise<number> {
  const box = await inspector(page).boundingBox();
  if (!box) throw new Error('the inspector is not shown');
  return box.width;
}

test('the command palette runs "Run all drills": every drill is marked passed or failed', async ({ page }) => {
  await openApp(page);
  await openFieldReportExample(page);
  await openPalette(page);
  await page.keyboard.type('run all');
  const first = palette(page).getByRole('option').first();
  await expect(first).toContainText('Run all drills');
  await expect(first).toContainText('Ctrl+Shift+Enter');
  await expect(first).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(palette(page)).toBeHidden();
  await expect(drillList(page).getByRole('option', { name: /✗ migrate-then-restart/ })).toBeVisible();
  await expect(drillList(page).getByRole('option', { name: /✓ static-macs-survive/ })).toBeVisible();
  await expect(drillList(page).getByRole('option', { name: /· / })).toHaveCount(0);
});

test('the palette lists every command with its shortcut, shows unavailable ones as such, moves with the arrows and closes with Escape', async ({ page }) => {
  await openApp(page);
  await openFieldReportExample(page);
  await openPalette(page);
  const options = palette(page).getByRole('option');
  await expect(options.filter({ hasText: 'Save As…' })).toContainText('Ctrl+Shift+S');
  // Nothing to undo in a lab just opened: listed, but not runnable.
  const undo = options.filter({ hasText: /^Edit: Undo/ });
  await expect(undo).toHaveAttribute('aria-disabled', 'true');
  await expect(undo).toContainText('unavailable');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.type('zzzqqq');
  await expect(palette(page)).toContainText('No command matches');
  await page.keyboard.press('Escape');
  await expect(palette(page)).toBeHidden();
  // The View menu opens it too.
  await menu(page, 'View', /Command palette/);
  await expect(palette(page)).toBeVisible();
});

test('? shows the shortcut reference, generated from the commands, and Help → About shows the version', async ({ page }) => {
  await openApp(page);
  await openFieldReportExample(page);
  await leaveFields(page);
  await page.keyboard.press('?');
  const reference = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(reference.getByRole('row', { name: /Command palette/ })).toContainText('Ctrl+Shift+P');
  // The browser keeps Ctrl+N for a new window: the browser host uses Alt+N and says what the desktop app uses.
  await expect(reference.getByRole('row', { name: /New empty lab/ })).toContainText('Alt+N');
  await expect(reference.getByRole('row', { name: /New empty lab/ })).toContainText('Ctrl+N in the desktop app');
  await page.keyboard.press('Escape');
  await expect(reference).toBeHidden();

  await menu(page, 'Help', 'About Lab Planner');
  const about = page.getByRole('dialog', { name: 'About Lab Planner' });
  await expect(about.getByTestId('app-version')).toHaveText(VERSION);
  await expect(about).toContainText('DOMPurify');
  await about.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('menubar').getByRole('menuitem', { name: 'Help', exact: true }).click();
  await expect(page.getByRole('menu', { name: 'Help' }).getByRole('menuitem', { name: `Version ${VERSION}` })).toBeVisible();
});

test('Help → Documentation shows the docs, and a link between them turns the page', async ({ page }) => {
  await openApp(page);
  await menu(page, 'Help', 'Documentation');
  const docs = page.getByRole('dialog', { name: 'Documentation' });
  await expect(docs.getByRole('heading', { name: 'How a drill runs and how it is judged' })).toBeVisible();
  await docs.getByRole('navigation', { name: 'Documents' }).getByRole('button', { name: 'Simulation mode in the window' }).click();
  await expect(docs.getByRole('heading', { name: 'Simulation mode in the window', level: 1 })).toBeVisible();
  await expect(docs.locator('script, [onerror], [onclick]')).toHaveCount(0);
});

test('a shortcut the browser keeps for itself has an Alt alternative, shown in the menu and working', async ({ page }) => {
  await openApp(page);
  await openFieldReportExample(page);
  await page.getByRole('menubar').getByRole('menuitem', { name: 'File', exact: true }).click();
  await expect(page.getByRole('menu', { name: 'File' }).getByRole('menuitem', { name: /New empty lab/ })).toContainText('Alt+N');
  await expect(page.getByRole('menu', { name: 'File' }).getByRole('menuitem', { name: /Close lab/ })).toContainText('Alt+W');
  await page.keyboard.press('Escape');
  await leaveFields(page);
  await page.keyboard.press('Alt+N');
  await expect(page.getByTestId('title')).not.toContainText('Field report');
  await expect(page.getByRole('region', { name: 'Drills' }).getByRole('listbox', { name: 'Drill list' }).getByRole('option')).toHaveCount(0);
});

test('the status bar shows the selection, the zoom, the problems and the unsaved mark', async ({ page }) => {
  await openApp(page);
  await openFieldReportExample(page);
  const status = page.getByRole('contentinfo', { name: 'Status' });
  await expect(status.getByTestId('status-selection')).toHaveText('Nothing selected');
  await expect(status.getByTestId('status-zoom')).toHaveText(/^\d+ %$/);
  await expect(status.getByTestId('status-problems')).toHaveText(/^No problems · [1-9]\d* design checks?$/);
  await expect(status.getByTestId('status-unsaved')).toHaveCount(0);
  await selectOnCanvas(page, 'host:HostA');
  await expect(status.getByTestId('status-selection')).toHaveText('HostA selected');
  const zoom = await status.getByTestId('status-zoom').textContent();
  await leaveFields(page);
  await page.keyboard.press('+');
  await expect(status.getByTestId('status-zoom')).not.toHaveText(zoom!);

  await selectOnCanvas(page, 'vswitch:HostA/VM-Switch');
  await leaveFields(page);
  await page.keyboard.press('Delete');
  await expect(status.getByTestId('status-unsaved')).toHaveText('● Unsaved changes');
  await expect(status.getByTestId('status-problems')).toHaveText(/^[1-9]\d* problems?( · \d+ design checks?)?$/);
  await status.getByTestId('status-problems').click();
  await expect(page.getByRole('region', { name: 'Problems' }).getByRole('button').first()).toBeFocused();
});

test('the status bar shows the drill clock while a result is shown', async ({ page }) => {
  await openApp(page);
  await openFieldReportExample(page);
  await drillList(page).getByRole('option', { name: /migrate-then-restart/ }).click();
  await page.getByRole('region', { name: 'Drills' }).getByRole('button', { name: 'Run drill' }).click();
  await expect(page.getByTestId('status-clock')).toContainText(/migrate-then-restart at \d\d:\d\d:\d\d\.\d/);
});

test('dragging the inspector splitter widens the inspector, and the width survives a reload', async ({ page }) => {
  await openApp(page);
  await openFieldReportExample(page);
  const splitter = page.getByRole('separator', { name: 'Inspector width' });
  const before = await inspectorWidth(page);
  const box = (await splitter.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x - 60, box.y + box.height / 2, { steps: 4 });
  await page.mouse.move(box.x - 120, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect.poll(() => inspectorWidth(page)).toBeGreaterThan(before + 100);
  const widened = await inspectorWidth(page);
  await expect(splitter).toHaveAttribute('aria-valuenow', String(Math.round(widened)));

  // The keyboard on a focused splitter: ← widens the panel to its right by a step.
  await splitter.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(splitter).toHaveAttribute('aria-valuenow', String(Math.round(widened) + 16));
  const kept = await inspectorWidth(page);

  await page.reload();
  await expect(page.getByRole('menubar')).toBeVisible();
  await openFieldReportExample(page);
  await expect.poll(() => inspectorWidth(page)).toBeCloseTo(kept, 0);
});

test('the bottom panel and the problems column resize from the keyboard too', async ({ page }) => {
  await openApp(page);
  await openFieldReportExample(page);
  const bottom = page.getByRole('separator', { name: 'Bottom panel height' });
  const height = Number(await bottom.getAttribute('aria-valuenow'));
  await bottom.focus();
  await page.keyboard.press('Shift+ArrowUp');
  await expect(bottom).toHaveAttribute('aria-valuenow', String(height + 64));
  const problems = page.getByRole('separator', { name: 'Problems width' });
  const width = Number(await problems.getAttribute('aria-valuenow'));
  await problems.focus();
  await page.keyboard.press('ArrowRight');
  await expect(problems).toHaveAttribute('aria-valuenow', String(width - 16));
});

test('New from template asks once, not twice, before dropping unsaved changes', async ({ page }) => {
  await openApp(page);
  await openFieldReportExample(page);
  await selectOnCanvas(page, 'vm:Guest2');
  await leaveFields(page);
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('status-unsaved')).toBeVisible();
  await menu(page, 'File', 'New from template…');
  await page.getByRole('button', { name: 'Discard changes' }).click();
  const templates = page.getByRole('list', { name: 'Templates' });
  await templates.getByRole('form', { name: 'Two-host VMware ESXi cluster' }).getByRole('button', { name: 'Create' }).click();
  await expect(page.getByTestId('title')).toContainText('VMware ESXi');
  await expect(page.getByRole('button', { name: 'Discard changes' })).toHaveCount(0);
  await expect(page.getByTestId('status-unsaved')).toHaveCount(0);
});

test("the drill editor says which client pings when the drill names none", async ({ page }) => {
  await openApp(page);
  await openFieldReportExample(page);
  await drillList(page).getByRole('option', { name: /migrate-then-restart/ }).click();
  await page.getByRole('region', { name: 'Drills' }).getByRole('tab', { name: 'Steps & expectations' }).click();
  const client = page.getByRole('region', { name: 'Drills' }).getByLabel('Client that pings', { exact: true });
  await expect(client.locator('option[value=""]')).toHaveText('default: Client1');
});

test('a note goes away by itself; it is in words', async ({ page }) => {
  await openApp(page);
  await openFieldReportExample(page);
  const download = page.waitForEvent('download');
  await menu(page, 'File', 'Export canvas as PNG');
  await download;
  const toast = page.getByTestId('export-status');
  await expect(toast).toContainText('Downloaded');
  await expect(toast).toBeHidden({ timeout: 20_000 });
});

test('File → Open… asks once, not again when the file is picked', async ({ page }) => {
  const file = `open-once-${Date.now().toString(36)}.lab`;
  await openApp(page);
  await openFieldReportExample(page);
  await menu(page, 'File', 'Save As…');
  await page.getByRole('dialog').getByLabel('File name').fill(file);
  await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('title')).toHaveText(`${file} — Lab Planner`);
  await openFieldReportExample(page);
  await selectOnCanvas(page, 'vm:Guest2');
  await leaveFields(page);
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('status-unsaved')).toBeVisible();

  await menu(page, 'File', 'Open…');
  await page.getByRole('button', { name: 'Discard changes' }).click();
  await page.getByRole('dialog', { name: 'open' }).getByRole('button', { name: file }).click();
  await expect(page.getByTestId('title')).toHaveText(`${file} — Lab Planner`);
  await expect(page.getByRole('button', { name: 'Discard changes' })).toHaveCount(0);
});
