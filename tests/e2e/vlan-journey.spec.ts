// A VM's VLAN the trunk does not carry: the design check says so before any drill, then the drill
// loses the VM and the diagnosis names the switch port.
import { test, expect } from '@playwright/test';
import { inspector, menu, openApp, runDrill, selectOnCanvas, setField, waitForCanvas } from './support/app.js';

test("setting a VM's VLAN that the trunk does not carry shows the design check, then the drill failure", async ({ page }, info) => {
  await openApp(page);
  await menu(page, 'File', /New from example: VLAN 20 missing on the standby/);
  await waitForCanvas(page, 'vm:Guest1');

  await selectOnCanvas(page, 'vm:Guest1');
  await expect(inspector(page).getByRole('heading', { name: 'VM Guest1' })).toBeVisible();
  await setField(page, 'VLAN ID', '30');

  const check = page.getByRole('list', { name: 'Design checks' }).getByRole('button', { name: /Guest1 on HostA\/VM-Switch sends VLAN 30, which switch1\/port1 .* do not carry/ });
  await expect(check).toBeVisible();
  await page.screenshot({ path: info.outputPath('vlan-design-check.png') });

  await runDrill(page, 'live-migrate');
  await expect(page.getByTestId('verdict')).toContainText('Failed');
  const diagnosis = page.getByTestId('diagnosis').first();
  await expect(diagnosis).toContainText('does not carry VLAN 30');
  await expect(diagnosis).toContainText('switch1/port2');
});
