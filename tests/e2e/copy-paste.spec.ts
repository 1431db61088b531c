// Copy and paste of a host (and of a VM): fresh names, IPs and MACs, cables on free ports, a drill that runs on the
// copy; the right-click menus; F2 to rename and Escape to put a field back.
import { test, expect, type Page } from '@playwright/test';
import { drillsPanel, fit, inspector, leaveFields, openApp, openFieldReportExample, pointOf, selectOnCanvas, waitForCanvas } from './support/app.js';

const drawn = (page: Page, id: string) => pointOf(page, id).then(() => true, () => false);

async function rightClick(page: Page, id: string): Promise<void> {
  await waitForCanvas(page, id);
  const p = await pointOf(page, id);
  await page.mouse.click(p.x, p.y, { button: 'right' });
}

test('a pasted host has fresh names, IPs and MACs, is cabled to free ports and a drill runs on it', async ({ page }) => {
  await openApp(page);
  await openFieldReportExample(page);
  await selectOnCanvas(page, 'host:HostA');
  await leaveFields(page);
  await page.keyboard.press('Control+c');
  await expect(page.getByTestId('clipboard-status')).toContainText('Copied 1 host');
  await page.keyboard.press('Control+v');

  // The copy follows the lab's naming (HostA, HostB → HostC) and is selected.
  await expect(inspector(page).getByRole('heading', { name: 'Host HostC' })).toBeVisible();
  const ip = inspector(page).getByLabel('Management IP', { exact: true });
  await expect(ip).toHaveValue(/^10\.0\.1\.\d+$/);
  expect(await ip.inputValue()).not.toBe('10.0.1.10');
  await expect.poll(() => drawn(page, 'vm:Guest3')).toBe(true);
  await expect.poll(() => drawn(page, 'cable:nic:HostC/NIC3~port:switch1/3')).toBe(true);
  await expect.poll(() => drawn(page, 'cable:nic:HostC/NIC4~port:switch2/3')).toBe(true);
  await fit(page);
  await page.screenshot({ path: '/tmp/editor-placing-pasted-host.png' });

  await selectOnCanvas(page, 'nic:HostC/NIC3');
  expect(await inspector(page).getByLabel('MAC address', { exact: true }).inputValue()).not.toBe('00-24-E8-0A-00-03');
  await selectOnCanvas(page, 'vm:Guest4');
  await expect(inspector(page).getByLabel('IP address', { exact: true })).toHaveValue('1.1.1.4');
  const staticMac = await inspector(page).getByLabel('Static MAC', { exact: true }).inputValue();
  expect(staticMac).toMatch(/^00-15-5D-/);
  expect(staticMac).not.toBe('00-15-5D-00-20-02');
  // No design check complains about the copy's MACs or pool.
  await expect(page.getByRole('list', { name: 'Design checks' }).locator('[data-check-code="static-mac-in-dynamic-pool"], [data-check-code="mac-pools-overlap"]')).toHaveCount(0);

  // A drill runs on the copy: live-migrate Guest1 to HostC.
  await drillsPanel(page).getByRole('listbox', { name: 'Drill list' }).getByRole('option', { name: /^\S live-migrate$/ }).click();
  await drillsPanel(page).getByRole('tab', { name: 'Steps & expectations' }).click();
  await drillsPanel(page).getByTestId('step-0').getByLabel('To host').selectOption('HostC');
  await drillsPanel(page).getByRole('button', { name: 'Run drill' }).click();
  await expect(page.getByTestId('verdict')).toContainText('live-migrate');
  await expect(page.getByTestId('verdict')).toHaveClass(/pass/);

  // The paste was one edit.
  await leaveFields(page);
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect.poll(() => drawn(page, 'host:HostC')).toBe(false);
  await expect.poll(() => drawn(page, 'vm:Guest3')).toBe(false);
});

test('right-click menus, duplicate, F2 to rename and Escape to put a field back', async ({ page }) => {
  await openApp(page);
  await openFieldReportExample(page);

  // A VM's menu duplicates it on its host with a fresh name.
  await rightClick(page, 'vm:Guest2');
  const menu = page.getByRole('menu', { name: 'VM Guest2' });
  await expect(menu.getByRole('menuitem')).toHaveText([/Copy/, /Duplicate/, /Rename/, /Delete/]);
  await page.screenshot({ path: '/tmp/editor-placing-context-menu.png' });
  await menu.getByRole('menuitem', { name: /Duplicate/ }).click();
  await expect(menu).toHaveCount(0);
  await expect(inspector(page).getByRole('heading', { name: 'VM Guest3' })).toBeVisible();

  // F2 renames the selected element; Escape in the field puts the name back.
  await leaveFields(page);
  await page.keyboard.press('F2');
  const name = inspector(page).getByLabel('Name', { exact: true });
  await expect(name).toBeFocused();
  await page.keyboard.type('scratch');
  await page.keyboard.press('Escape');
  await expect(name).toHaveValue('Guest3');
  await leaveFields(page);
  await page.keyboard.press('F2');
  await page.keyboard.type('web01');
  await page.keyboard.press('Enter');
  await expect.poll(() => drawn(page, 'vm:web01')).toBe(true);

  // A host's menu offers the bulk additions; five VMs go on HostB in one edit.
  await rightClick(page, 'nic:HostB/NIC1');
  await page.getByRole('menu', { name: 'NIC HostB/NIC1' }).getByRole('menuitem', { name: /Copy/ }).click();
  await selectOnCanvas(page, 'host:HostB');
  await rightClick(page, 'host:HostB');
  await page.getByRole('menu', { name: 'Host HostB' }).getByRole('menuitem', { name: 'Add N VMs to this host…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add VMs to HostB' });
  await dialog.getByLabel('How many').fill('5');
  await dialog.getByRole('button', { name: 'Add' }).click();
  await expect(dialog).toHaveCount(0);
  // Copies of the lab's last VM, numbered on from its name.
  await expect.poll(() => drawn(page, 'vm:web06')).toBe(true);

  // The empty canvas' menu pastes what was copied (HostB, from its NIC) and adds elements where clicked.
  const box = (await page.getByTestId('canvas').boundingBox())!;
  await fit(page);
  await page.mouse.click(box.x + 12, box.y + 12, { button: 'right' });
  const canvasMenu = page.getByRole('menu', { name: 'Canvas' });
  await canvasMenu.getByRole('menuitem', { name: /Paste/ }).click();
  await expect(inspector(page).getByRole('heading', { name: 'Host HostC' })).toBeVisible();
  await page.keyboard.press('Escape');

  // Ctrl+D duplicates the selected host.
  await leaveFields(page);
  await page.keyboard.press('Control+d');
  await expect(inspector(page).getByRole('heading', { name: 'Host HostD' })).toBeVisible();
});
