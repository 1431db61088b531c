// Hypervisors in the window: an ESXi host whose vSwitch hashes by IP over ordinary switch ports, the lab's
// own driver profiles, and a Linux/KVM host from the palette.
import { test, expect, type Page } from '@playwright/test';
import { chooseField, dropFromPalette, inspector, menu, newEmptyLab, openApp, selectOnCanvas, waitForCanvas } from './support/app.js';

async function cable(page: Page, nicId: string, nicName: string, port: string): Promise<void> {
  await selectOnCanvas(page, nicId);
  await expect(inspector(page).getByRole('heading', { name: new RegExp(`^NIC .*/${nicName}$`) })).toBeVisible();
  await inspector(page).getByLabel('Connect to', { exact: true }).selectOption({ label: port });
  await inspector(page).getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(inspector(page).getByText(`Connected to ${port}`)).toBeVisible();
}

test('an ESXi host whose vSwitch hashes by IP over ordinary switch ports shows the missing EtherChannel until the ports are one static port-channel', async ({ page }, info) => {
  await openApp(page);
  await newEmptyLab(page);
  await dropFromPalette(page, 'switch', { x: 120, y: 80 });
  await dropFromPalette(page, 'esxi', { x: 160, y: 330 });
  await waitForCanvas(page, 'host:ESXi1');
  await expect(inspector(page).getByLabel('Hypervisor', { exact: true })).toHaveValue('esxi');

  await cable(page, 'nic:ESXi1/vmnic0', 'vmnic0', 'switch1/port1');
  await cable(page, 'nic:ESXi1/vmnic1', 'vmnic1', 'switch1/port2');

  await selectOnCanvas(page, 'vswitch:ESXi1/vSwitch0');
  const vswitch = inspector(page);
  await expect(vswitch.getByRole('heading', { name: 'Virtual switch ESXi1/vSwitch0' })).toBeVisible();
  await expect(vswitch.getByLabel('Uplink', { exact: true })).toHaveValue('own-uplinks');
  const order = vswitch.getByRole('table', { name: 'Failover order' });
  await expect(order.getByRole('row')).toHaveCount(3);
  await expect(vswitch.getByLabel('Notify switches', { exact: true })).toBeChecked();

  // The failover order: vmnic1 first and vmnic0 standby, then back, one undoable edit each.
  await vswitch.getByRole('button', { name: 'Move vmnic1 up' }).click();
  await vswitch.getByLabel('Role of vmnic0', { exact: true }).selectOption('standby');
  await expect(order.getByRole('row').nth(1)).toContainText('vmnic1');
  await menu(page, 'Edit', /^Undo Make vmnic0 standby/);
  await expect(vswitch.getByLabel('Role of vmnic0', { exact: true })).toHaveValue('active');

  // Needs the ESXi policy records of the catalogue (esxi-ip-hash) and the design check ip-hash-without-etherchannel.
  await chooseField(page, 'Teaming policy', 'esxi-ip-hash');
  await expect(vswitch.getByLabel('Teaming policy', { exact: true })).toHaveValue('esxi-ip-hash');
  const check = page.getByRole('list', { name: 'Design checks' }).locator('[data-check-code="ip-hash-without-etherchannel"]');
  await expect(check).toBeVisible();
  await expect(check).toContainText('ESXi1');
  await page.screenshot({ path: info.outputPath('esxi-ip-hash-check.png') });

  // The remedy, in the window: switch1/port1 and port2 in one static EtherChannel.
  await selectOnCanvas(page, 'port:switch1/1');
  await inspector(page).getByRole('link', { name: 'Edit switch switch1' }).click();
  await inspector(page).getByRole('button', { name: 'Add port-channel' }).click();
  const channel = inspector(page).getByRole('group', { name: 'Port-channel 1' });
  await expect(channel.getByLabel('Member ports', { exact: true })).toHaveValue('1, 2');
  await channel.getByLabel('Channel mode', { exact: true }).selectOption('static');
  await expect(check).toHaveCount(0);
  await selectOnCanvas(page, 'port:switch1/2');
  await expect(inspector(page).getByTestId('port-channel-membership')).toHaveText('Member of port-channel 1 (static, ports 1, 2)');
});

test("a catalogue profile cloned into the lab, a flag edited and undone, and a used profile's delete refused", async ({ page }, info) => {
  await openApp(page);
  await menu(page, 'File', /New from example: Field report: Broadcom/);
  await waitForCanvas(page, 'vm:Guest1');

  await inspector(page).getByRole('button', { name: 'Driver profiles…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Driver profiles' });
  await dialog.getByRole('button', { name: 'Clone broadcom-basp-2009-12-15' }).click();
  const editor = dialog.getByRole('region', { name: 'Profile broadcom-basp-2009-12-15-custom' });
  await expect(editor.getByLabel('Id', { exact: true })).toHaveValue('broadcom-basp-2009-12-15-custom');
  await expect(editor.getByTestId('profile-users')).toContainText('No team or virtual switch');

  // The corrected driver: the VM table tracks MAC changes.
  await editor.getByLabel('VM table (IP → VM MAC)', { exact: true }).selectOption('track');
  await expect(editor.getByLabel('VM table (IP → VM MAC)', { exact: true })).toHaveValue('track');
  const detect = editor.getByLabel('Failover detection (ms)', { exact: true });
  await detect.fill('900000');
  await detect.press('Enter');
  await expect(editor.getByRole('alert')).toContainText('must be at most 600000');
  await detect.fill('300');
  await detect.press('Enter');
  await expect(editor.getByRole('alert')).toHaveCount(0);
  await page.screenshot({ path: info.outputPath('driver-profiles.png') });
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();

  await menu(page, 'Edit', /^Undo Change failover detection/);
  await selectOnCanvas(page, 'team:HostB/VM-Team');
  await chooseField(page, 'Driver profile', 'broadcom-basp-2009-12-15-custom');
  await inspector(page).getByRole('button', { name: 'Driver profiles…' }).click();
  await expect(editor.getByTestId('profile-users')).toContainText('Used by team HostB/VM-Team');
  await expect(editor.getByLabel('VM table (IP → VM MAC)', { exact: true })).toHaveValue('track');
  await expect(editor.getByLabel('Failover detection (ms)', { exact: true })).toHaveValue('500');
  await editor.getByRole('button', { name: 'Delete profile' }).click();
  await expect(editor.getByRole('alert')).toContainText('broadcom-basp-2009-12-15-custom is used by team HostB/VM-Team');
  // Keys pressed in the dialog stay in it: Delete does not delete the team selected behind it.
  await editor.getByRole('button', { name: 'Delete profile' }).press('Delete');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(inspector(page).getByRole('heading', { name: 'Team HostB/VM-Team' })).toBeVisible();
});

test('a Linux/KVM host from the palette: a bridge over an active-backup bond, and what a hypervisor change means', async ({ page }, info) => {
  await openApp(page);
  await newEmptyLab(page);
  await page.getByTestId('palette-linux-kvm').click();
  for (const id of ['host:KVM1', 'team:KVM1/bond0', 'vswitch:KVM1/br0', 'nic:KVM1/eno1']) await waitForCanvas(page, id);
  await expect(inspector(page).getByRole('heading', { name: 'Host KVM1' })).toBeVisible();
  await expect(inspector(page).getByLabel('Hypervisor', { exact: true })).toHaveValue('linux-kvm');
  await expect(inspector(page).getByText('Guests keep their MAC; a bridge runs over a bond')).toBeVisible();

  await selectOnCanvas(page, 'team:KVM1/bond0');
  await expect(inspector(page).getByLabel('Driver profile', { exact: true })).toHaveValue('linux-bonding-active-backup');
  await expect(inspector(page).getByLabel('Mode', { exact: true })).toHaveValue('active-passive');

  await selectOnCanvas(page, 'host:KVM1');
  await chooseField(page, 'Hypervisor', 'esxi');
  await expect(inspector(page).getByRole('status', { name: 'What the hypervisor changes' })).toContainText('KVM1 was Linux/KVM and is now VMware ESXi');
  await expect(inspector(page).getByRole('status', { name: 'What the hypervisor changes' })).toContainText('Virtual switch br0 is bound to team bond0');
  await page.screenshot({ path: info.outputPath('linux-kvm-host.png') });
  await menu(page, 'Edit', /^Undo Change hypervisor/);
  await expect(inspector(page).getByLabel('Hypervisor', { exact: true })).toHaveValue('linux-kvm');
});
