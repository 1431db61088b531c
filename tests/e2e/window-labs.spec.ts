// Labs in and out of the window: new from a template, the diagram out as draw.io, another engineer's copy merged in.
import { test, expect, type Download, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { menu, openApp, waitForCanvas, pointOf, drillsPanel, selectOnCanvas, setField, inspector, leaveFields } from './support/app.js';
import { buildTemplate } from '../../src-main/core/templates/index.js';
import { readLab } from '../../src-main/core/lab.js';
import { createLabFile, exportLabJson } from '../../src-main/store/index.js';

const FIELD_REPORT = 'Two R710s with Broadcom BASP (the field report)';

async function textOf(download: Download): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function fieldReportAt(page: Page, hosts: string): Promise<void> {
  const form = page.getByRole('region', { name: 'Start' }).getByRole('form', { name: FIELD_REPORT });
  await form.getByLabel('Hosts').fill(hosts);
  await form.getByRole('button', { name: 'Create' }).click();
}

test('the field report from its template at three hosts shows three hosts and the seven drills', async ({ page }) => {
  await openApp(page);
  await fieldReportAt(page, '1');
  await expect(page.getByRole('region', { name: 'Start' }).getByRole('form', { name: FIELD_REPORT }).getByRole('alert')).toContainText('takes 2 to 64 hosts, not 1');
  await fieldReportAt(page, '3');
  await waitForCanvas(page, 'host:HostC');
  await expect(pointOf(page, 'host:HostD')).rejects.toThrow();
  await expect(drillsPanel(page).getByRole('listbox', { name: 'Drill list' }).getByRole('option')).toHaveCount(7);

  const download = page.waitForEvent('download');
  await menu(page, 'File', 'Export diagram…');
  await page.getByRole('dialog').getByRole('button', { name: 'draw.io' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.drawio$/);
  const xml = new DOMParser().parseFromString(await textOf(file), 'text/xml');
  const containers = Array.from(xml.getElementsByTagName('mxCell')).filter((c) => /container=1/.test(c.getAttribute('style') ?? ''));
  expect(containers).toHaveLength(3);

  const png = page.waitForEvent('download');
  await menu(page, 'File', 'Export canvas as PNG');
  expect((await png).suggestedFilename()).toMatch(/\.png$/);
});

test('a conflicting merge is resolved in the window, one conflict taken from theirs, and Undo restores ours', async ({ page }) => {
  const workspace = process.env.LAB_PLANNER_WORKSPACE!;
  const parsed = readLab(buildTemplate('field-report-basp'));
  if (!parsed.ok) throw new Error('the template does not build a lab');
  createLabFile(path.join(workspace, 'merge-ours.lab'), parsed.lab, { overwrite: true });
  const theirs = structuredClone(parsed.lab);
  theirs.vms[0].ip = '1.1.1.31';
  theirs.vms[1].ip = '1.1.1.32';
  theirs.vms[3].ip = '1.1.1.44';
  writeFileSync(path.join(workspace, 'merge-theirs.lab.json'), exportLabJson(theirs));

  await openApp(page);
  await page.getByRole('region', { name: 'Start' }).getByRole('button', { name: 'Open…' }).click();
  await page.getByRole('dialog').getByLabel('File to open').fill('merge-ours.lab');
  await page.getByRole('dialog').getByRole('button', { name: 'Open', exact: true }).click();
  await waitForCanvas(page, 'vm:Guest1');
  for (const [vm, ip] of [['Guest1', '1.1.1.21'], ['Guest2', '1.1.1.22']]) {
    await selectOnCanvas(page, `vm:${vm}`);
    await setField(page, 'IP address', ip);
    await expect(inspector(page).getByLabel('IP address', { exact: true })).toHaveValue(ip);
  }
  await leaveFields(page);

  await menu(page, 'File', 'Merge another copy…');
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Their copy').selectOption('merge-theirs.lab.json');
  await dialog.getByRole('button', { name: 'Compare' }).click();
  await expect(dialog.getByTestId('merge-summary')).toContainText('1 change of theirs merge cleanly; 2 conflicts');
  const guest1 = dialog.getByRole('group', { name: /VM Guest1/ });
  await expect(guest1).toContainText('ours: 1.1.1.21');
  await expect(guest1).toContainText('theirs: 1.1.1.31');
  await expect(dialog.getByRole('button', { name: 'Choose 2 more' })).toBeDisabled();
  // Keyboard: focus the first choice of Guest1 and move to theirs with the arrow key.
  await guest1.getByRole('radio', { name: /^ours/ }).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  await expect(guest1.getByRole('radio', { name: /^theirs/ })).toBeChecked();
  await dialog.getByRole('group', { name: /VM Guest2/ }).getByRole('radio', { name: /^ours/ }).check();
  await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
  await expect(dialog).toBeHidden();

  const ipOf = async (vm: string) => {
    await selectOnCanvas(page, `vm:${vm}`);
    return inspector(page).getByLabel('IP address', { exact: true });
  };
  await expect(await ipOf('Guest1')).toHaveValue('1.1.1.31');
  await expect(await ipOf('Guest2')).toHaveValue('1.1.1.22');
  await expect(await ipOf('Guest4')).toHaveValue('1.1.1.44');

  await leaveFields(page);
  await menu(page, 'Edit', /^Undo Merge merge-theirs\.lab\.json/);
  await expect(await ipOf('Guest1')).toHaveValue('1.1.1.21');
  await expect(await ipOf('Guest4')).toHaveValue('1.1.1.4');
});
