// Journey 3 of issue 12 (without Ctrl+F, built elsewhere): the palette runs every drill, an edit in the
// inspector, "Compare with…" the bundled example in lab-planner diff's words, and the run history.
import { test, expect, type Page } from '@playwright/test';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chooseField, drillsPanel, inspector, menu, openApp, openFieldReportExample, selectOnCanvas } from './support/app.js';

const palette = (page: Page) => page.getByRole('dialog', { name: 'Command palette' });
const drillList = (page: Page) => page.getByRole('listbox', { name: 'Drill list' });
const classesOf = (page: Page, id: string) =>
  page.evaluate((elementId) => (globalThis as unknown as { labPlannerProbe: { classesOf(id: string): string[] } }).labPlannerProbe.classesOf(elementId), id);

async function runAllFromPalette(page: Page): Promise<void> {
  await page.keyboard.press('Control+Shift+P');
  await expect(palette(page).getByRole('combobox', { name: 'Command' })).toBeFocused();
  await page.keyboard.type('run all drills');
  await expect(palette(page).getByRole('option').first()).toContainText('Run all drills');
  await page.keyboard.press('Enter');
  await expect(palette(page)).toBeHidden();
  await expect(drillsPanel(page).getByRole('button', { name: 'Run all' })).toBeEnabled();
}

test('palette runs every drill, Compare with… the example names the MAC mode edit, and the run history compares two runs', async ({ page }) => {
  await openApp(page);
  await openFieldReportExample(page);

  await runAllFromPalette(page);
  await expect(drillList(page).getByRole('option', { name: /✗ migrate-then-restart/ })).toBeVisible();
  await expect(page.getByTestId('verdict')).toBeVisible();

  await selectOnCanvas(page, 'vm:Guest1');
  await expect(inspector(page).getByRole('heading', { name: 'VM Guest1' })).toBeVisible();
  await chooseField(page, 'MAC address mode', 'static');

  await menu(page, 'File', 'Compare with…');
  const chooser = page.getByRole('dialog', { name: 'Compare with' });
  await chooser.getByRole('list', { name: 'Examples' }).getByRole('button', { name: /Field report: Broadcom/ }).click();
  await expect(chooser).toBeHidden();
  const differences = page.getByRole('region', { name: 'Differences' });
  const macMode = differences.getByRole('button', { name: 'VM Guest1: MAC mode dynamic → static' });
  await expect(macMode).toBeVisible();
  await expect(differences).toContainText('From field-report.lab.json to');
  expect(await classesOf(page, 'vm:Guest1')).toContain('changed');
  await page.screenshot({ path: '/tmp/editor-compare-differences.png' });

  await selectOnCanvas(page, 'switch:switch1');
  await macMode.click();
  await expect(inspector(page).getByRole('heading', { name: 'VM Guest1' })).toBeVisible();
  await differences.getByRole('button', { name: 'Close the differences' }).click();
  await expect(differences).toBeHidden();
  expect(await classesOf(page, 'vm:Guest1')).not.toContain('changed');

  await runAllFromPalette(page);
  await expect(drillList(page).getByRole('option', { name: /✓ migrate-then-restart/ })).toBeVisible();

  await menu(page, 'Drills', 'Run history…');
  const history = page.getByRole('dialog', { name: 'Run history' });
  const runs = history.getByRole('table', { name: 'Recorded runs' });
  await expect(runs.getByRole('row', { name: 'Run #1' })).toContainText('7 drills: 4 passed, 3 failed');
  await expect(runs.getByRole('row', { name: 'Run #2' })).toContainText('not saved yet');
  await history.getByRole('button', { name: 'Compare', exact: true }).click();
  const comparison = history.getByRole('region', { name: 'Run comparison' });
  await expect(comparison).toContainText('From run #1 to run #2');
  await expect(comparison.getByRole('heading', { name: 'drill migrate-then-restart: failed → passed' })).toBeVisible();
  await expect(comparison).toContainText(/VM Guest1 regained the network \(/);
  await page.screenshot({ path: '/tmp/editor-compare-history.png' });

  await history.getByRole('button', { name: 'Open run #1' }).click();
  await expect(history).toBeHidden();
  await expect(page.getByTestId('recorded-run')).toContainText('recorded run #1');
  await expect(drillList(page).getByRole('option', { name: /✗ migrate-then-restart/ })).toBeVisible();
});

test('File → Export all captures downloads one pcapng file whose interfaces are named after the capture points', async ({ page }) => {
  await openApp(page);
  await openFieldReportExample(page);
  await menu(page, 'File', 'Export all captures (pcapng)…');
  const dialog = page.getByRole('dialog', { name: 'Export capture' });
  await expect(dialog.getByRole('radio', { name: /all points in one pcapng file/ })).toBeChecked();
  const submit = dialog.getByRole('button', { name: /^Export \d+ captures in one pcapng file$/ });
  const count = Number((await submit.textContent())!.match(/\d+/)![0]);
  const download = page.waitForEvent('download');
  await submit.click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('static-to-dynamic-restart--all-points.pcapng');
  const saved = path.join(mkdtempSync(path.join(tmpdir(), 'lab-planner-pcapng-')), file.suggestedFilename());
  await file.saveAs(saved);
  expect(readFileSync(saved).readUInt32LE(0)).toBe(0x0a0d0d0a);
  if (spawnSync('tshark', ['--version'], { stdio: 'ignore' }).status !== 0) return; // the bytes were checked; tshark reads them where present
  const names = execFileSync('tshark', ['-r', saved, '-T', 'fields', '-e', 'frame.interface_name'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, HOME: path.dirname(saved) } });
  // Each frame is named by the point that saw it; points that saw nothing in this drill name no frame.
  const points = new Set(names.trim().split('\n'));
  expect(points.size).toBeGreaterThan(2);
  expect(points.size).toBeLessThanOrEqual(count);
  expect(points).toContain('HostA/NIC3');
  expect(points).toContain('Client1');
  for (const name of points) expect(name).toMatch(/^(Host[AB]\/NIC\d|switch\d\/port\d+|Client1|Guest\d \(virtual switch port\))$/);
});
