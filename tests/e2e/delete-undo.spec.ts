// Deleting a host with VMs: the toast says what went with it and Undo brings it all back in one step; the drill steps
// that named what went are listed in the problems panel in the domain's words, open in the drill editor, and go.
import { test, expect } from '@playwright/test';
import { drillsPanel, leaveFields, openApp, openFieldReportExample, pointOf, selectOnCanvas } from './support/app.js';

test('a deleted host says what went with it, Undo brings it back, and the drill steps that named it can be removed', async ({ page }) => {
  await openApp(page);
  await openFieldReportExample(page);

  await selectOnCanvas(page, 'host:HostA');
  await leaveFields(page);
  await page.keyboard.press('Delete');
  const toast = page.getByTestId('delete-status');
  await expect(toast).toContainText('Deleted host HostA with 2 VMs, 4 NICs, 1 team, 1 virtual switch and 2 cables');
  await expect(pointOf(page, 'vm:Guest1')).rejects.toThrow(/not drawn/);

  // One undo step brings the host, its VMs and its cables back.
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(toast).toHaveCount(0);
  await expect.poll(() => pointOf(page, 'vm:Guest1').then(() => true, () => false)).toBe(true);
  await expect.poll(() => pointOf(page, 'cable:nic:HostA/NIC3~port:switch1/1').then(() => true, () => false)).toBe(true);
  await expect(page.getByRole('button', { name: '↶ Undo' })).toBeDisabled();
  await expect(page.getByTestId('drill-step-problem')).toHaveCount(0);

  // Deleted again: each drill step naming HostA or its VMs is a problem in the domain's words.
  await selectOnCanvas(page, 'host:HostA');
  await leaveFields(page);
  await page.keyboard.press('Delete');
  const problems = page.getByRole('region', { name: 'Problems' });
  const migrate = problems.getByRole('button', { name: 'drill migrate-then-restart, step 1: VM Guest1 no longer exists' });
  await expect(migrate).toBeVisible();
  await expect(problems.getByRole('button', { name: 'drill active-nic-failover, step 1: host HostA no longer exists' })).toBeVisible();
  await page.screenshot({ path: '/tmp/editor-placing-delete-problems.png' });

  // A click opens the drill editor on the step.
  await migrate.click();
  await expect(drillsPanel(page).getByLabel('Drill name')).toHaveValue('migrate-then-restart');
  await expect(drillsPanel(page).getByTestId('step-0')).toHaveClass(/step-shown/);

  // "Remove the step" (or "Stop pinging it" for a drill's list of VMs) until no drill names what is gone.
  const remove = problems.getByTestId('drill-step-problem').first().getByRole('button', { name: /Remove the step|Stop pinging it|Drop the expectation/ });
  for (let i = 0; i < 40 && (await problems.getByTestId('drill-step-problem').count()) > 0; i++) {
    const before = await problems.getByTestId('drill-step-problem').count();
    await remove.click();
    await expect(problems.getByTestId('drill-step-problem')).not.toHaveCount(before);
  }
  await expect(problems.getByTestId('drill-step-problem')).toHaveCount(0);
  // Each removal was its own edit: undo brings the last removed step's problem back.
  await leaveFields(page);
  await page.keyboard.press('Control+z');
  await expect(problems.getByTestId('drill-step-problem')).toHaveCount(1);
});
