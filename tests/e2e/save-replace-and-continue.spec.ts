// Save-as onto another lab asks "Replace …?" first; unsaved changes can be saved on the way to another lab.
import { test, expect } from '@playwright/test';
import { menu, newEmptyLab, openApp, openFieldReportExample, selectOnCanvas, setField, waitForCanvas } from './support/app.js';

const stamp = Date.now().toString(36);
const FIRST = `replace-target-${stamp}.lab`;
const SAVED_ON_THE_WAY = `saved-on-the-way-${stamp}.lab`;

test('save-as onto an existing lab asks before replacing it', async ({ page }) => {
  await openApp(page);
  await newEmptyLab(page);
  await menu(page, 'File', 'Save As…');
  await page.getByRole('dialog').getByLabel('File name').fill(FIRST);
  await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('title')).toHaveText(`${FIRST} — Lab Planner`);

  await newEmptyLab(page);
  await expect(page.getByTestId('title')).not.toContainText(FIRST);
  await menu(page, 'File', 'Save As…');
  await page.getByRole('dialog').getByLabel('File name').fill(FIRST);
  await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
  const ask = page.getByRole('dialog');
  await expect(ask.getByRole('heading', { name: `Replace ${FIRST}?` })).toBeVisible();
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('title')).not.toContainText(FIRST);

  await menu(page, 'File', 'Save As…');
  await page.getByRole('dialog').getByLabel('File name').fill(FIRST);
  await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Replace' }).click();
  await expect(page.getByTestId('title')).toHaveText(`${FIRST} — Lab Planner`);
});

test('unsaved changes can be saved, then the next lab opens', async ({ page }) => {
  await openApp(page);
  await openFieldReportExample(page);
  await selectOnCanvas(page, 'host:HostA');
  await setField(page, 'Name', 'HostZ');
  await expect(page.getByTestId('title')).toContainText('● ');

  await menu(page, 'File', 'New empty lab');
  await page.getByRole('dialog').getByRole('button', { name: 'Save and continue' }).click();
  // Never saved: the name is asked first, and the new lab comes only once it is saved.
  await page.getByRole('dialog').getByLabel('File name').fill(SAVED_ON_THE_WAY);
  await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('region', { name: 'Problems' })).toBeVisible();
  await expect(page.getByTestId('title')).not.toContainText('Field report');

  await menu(page, 'File', 'Open…');
  await page.getByRole('dialog').getByRole('button', { name: SAVED_ON_THE_WAY }).click();
  await expect(page.getByTestId('title')).toHaveText(`${SAVED_ON_THE_WAY} — Lab Planner`);
  await waitForCanvas(page, 'host:HostZ');
});
