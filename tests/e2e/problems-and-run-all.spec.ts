// The problems panel selects what a problem is about; Run all marks every drill of the lab.
import { test, expect } from '@playwright/test';
import { inspector, leaveFields, openApp, openFieldReportExample, selectOnCanvas } from './support/app.js';

test('a problem in the panel selects the element it is about', async ({ page }) => {
  await openApp(page);
  await openFieldReportExample(page);
  await selectOnCanvas(page, 'vswitch:HostA/VM-Switch');
  await leaveFields(page);
  await page.keyboard.press('Delete');
  const problems = page.getByRole('region', { name: 'Problems' });
  const problem = problems.getByRole('button', { name: /vms\[0\]\.host/ });
  await expect(problem).toContainText('has no virtual switch');
  await problem.click();
  await expect(inspector(page).getByRole('heading', { name: 'VM Guest1' })).toBeVisible();
});

test('Run all runs every drill of the lab and marks each one passed or failed', async ({ page }) => {
  await openApp(page);
  await openFieldReportExample(page);
  await page.getByRole('region', { name: 'Drills' }).getByRole('button', { name: 'Run all' }).click();
  const list = page.getByRole('listbox', { name: 'Drill list' });
  await expect(list.getByRole('option', { name: /✗ migrate-then-restart/ })).toBeVisible();
  await expect(list.getByRole('option', { name: /✓ static-macs-survive/ })).toBeVisible();
  await expect(list.getByRole('option', { name: /· / })).toHaveCount(0);
});
