// Port security in the window: a host port's settings in the inspector, the design check that
// follows them, and the switch's own log lines in the drill result.
import { test, expect } from '@playwright/test';
import { chooseField, inspector, menu, openApp, runDrill, selectOnCanvas, waitForCanvas } from './support/app.js';

test("setting a host port's violation mode shows the design check, then the switch's log in the drill result", async ({ page }, info) => {
  await openApp(page);
  await menu(page, 'File', /New from example: Sticky port security on the host ports/);
  await waitForCanvas(page, 'port:switch1/2');
  const checks = page.getByRole('list', { name: 'Design checks' });
  await expect(checks.getByRole('button', { name: /switch1\/port1 and switch1\/port2 to the VM uplinks of HostA and HostB have sticky port security \(at most 2 MACs, violation shutdown\)/ })).toBeVisible();

  await selectOnCanvas(page, 'port:switch1/2');
  await expect(inspector(page).getByRole('heading', { name: 'Port switch1/port2' })).toBeVisible();
  await expect(inspector(page).getByLabel('Port security', { exact: true })).toBeChecked();
  await expect(inspector(page).getByLabel('Maximum MACs', { exact: true })).toHaveValue('2');
  await chooseField(page, 'Violation mode', 'restrict');

  await expect(checks.getByRole('button', { name: /switch1\/port2 to the VM uplinks of HostB has sticky port security \(at most 2 MACs, violation restrict\).* drops the migrated VM's frames/ })).toBeVisible();
  await page.screenshot({ path: info.outputPath('port-security-check.png') });

  await runDrill(page, 'live-migrate');
  await expect(page.getByTestId('verdict')).toContainText('Failed');
  const log = page.getByTestId('switch-log');
  await log.getByText(/Switch log \(\d+ lines?\)/).click();
  await expect(log.getByRole('list', { name: 'Switch log' })).toContainText('%PORT_SECURITY-2-PSECURE_VIOLATION: Security violation occurred, caused by MAC address 0015.5d01.0a00 on port switch1/port2');
  await expect(log).not.toContainText('ERR_DISABLE: psecure-violation error detected on switch1/port2');
});
