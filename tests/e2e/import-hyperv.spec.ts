// File → Import from Hyper-V… in the window: an estate folder in the workspace becomes an unsaved lab, with what the
// import found and the defaults it took; a broken file is named and nothing is opened.
import { test, expect } from '@playwright/test';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { menu, openApp, waitForCanvas } from './support/app.js';

const fixtures = path.resolve('tests/fixtures/hyperv');

function estateInWorkspace(from: string): string {
  const workspace = process.env.LAB_PLANNER_WORKSPACE!;
  const dir = mkdtempSync(path.join(workspace, 'estate-'));
  cpSync(path.join(fixtures, from), dir, { recursive: true });
  return path.basename(dir);
}

test('the field report estate imported from the window shows its counts and defaults, and opens as unsaved work', async ({ page }) => {
  const folder = estateInWorkspace('field-report-ps7');
  await openApp(page);
  await menu(page, 'File', 'Import from Hyper-V…');
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Estate folder').fill(folder);
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog.getByTestId('import-counts')).toContainText('2 hosts, 8 NICs, 2 teams, 2 virtual switches, 2 VMs, 2 switches, 6 cables placed.');
  await expect(dialog.getByRole('list', { name: 'Defaults taken' }).getByRole('listitem')).toHaveCount(7);
  await expect(dialog.getByRole('list', { name: 'Defaults taken' })).toContainText('HostB/VM-Team: the import took members NIC3, NIC4 as a default');
  await page.keyboard.press('Escape');
  await waitForCanvas(page, 'host:HostB');
  await expect(page.getByTestId('title')).toContainText('● ');
});

test('a broken file in the estate is named with its field, and the open lab is left as it was', async ({ page }) => {
  const folder = estateInWorkspace('field-report-ps51');
  writeFileSync(path.join(process.env.LAB_PLANNER_WORKSPACE!, folder, 'HostA/Get-VM.json'), '[{"Name": "Guest1",');
  await openApp(page);
  await menu(page, 'File', 'Import from Hyper-V…');
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Estate folder').fill(folder);
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog.getByRole('alert')).toContainText('HostA/Get-VM.json: is not JSON as ConvertTo-Json writes it');
  await expect(dialog.getByLabel('Estate folder')).toHaveValue(folder);
});
