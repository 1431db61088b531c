// Journey 1 and 5: the field report's failing drill, its diagnosis, the static-MAC remedy, and a screenshot of the failure.
import { test, expect } from '@playwright/test';
import { drillsPanel, openApp, openFieldReportExample, runDrill } from './support/app.js';
import { expectStaleTeamDiagnosis, fixStaticMacAndRerun } from './support/journeys.js';

test('migrate-then-restart fails on the stale team entry, and passes once Guest1 has a static MAC', async ({ page }) => {
  await openApp(page);
  await openFieldReportExample(page);
  await runDrill(page, 'migrate-then-restart');
  await expectStaleTeamDiagnosis(page);

  await fixStaticMacAndRerun(page);
  await expect(page.getByTestId('verdict')).toContainText('Passed');
});

test('a full-window screenshot of the field-report lab with a failed drill goes into the report', async ({ page }, testInfo) => {
  await openApp(page);
  await openFieldReportExample(page);
  await runDrill(page, 'migrate-then-restart');
  await expect(page.getByTestId('verdict')).toContainText('Failed');
  const shot = await page.screenshot({ fullPage: true });
  await testInfo.attach('field-report-failed-drill', { body: shot, contentType: 'image/png' });
});

test('the step editor offers the reboot, ARP, monitoring, VLAN, re-patch, flap and one-way steps with targets from the lab', async ({ page }) => {
  await openApp(page);
  await openFieldReportExample(page);
  const drills = drillsPanel(page);
  await page.getByRole('listbox', { name: 'Drill list' }).getByRole('option', { name: '· live-migrate', exact: true }).click();
  await drills.getByRole('tab', { name: 'Steps & expectations' }).click();
  await drills.getByRole('button', { name: 'Add step' }).click();
  const step = drills.getByTestId('step-1');
  const field = (label: string) => step.getByLabel(label, { exact: true });

  await field('Action').selectOption('clear-arp');
  await expect(field('Client')).toHaveValue('Client1');
  await field('Action').selectOption('set-monitoring');
  await expect(field('Team')).toHaveValue('VM-Team');
  await expect(field('Path monitoring on')).toBeChecked();
  await field('Action').selectOption('reboot-host');
  await expect(field('Host')).toHaveValue('HostA');
  await field('Action').selectOption('move-cable');
  await expect(field('Cable at')).toHaveValue('nic:HostA/NIC3');
  await expect(field('Move to').locator('option', { hasText: /^switch1\/port3$/ })).toHaveCount(1);
  await expect(field('Move to').locator('option', { hasText: /^switch1\/port1$/ })).toHaveCount(0);
  await field('Action').selectOption('fail-cable-one-way');
  await expect(field('Frames lost').locator('option')).toHaveText(['from HostA/NIC3 to switch1/port1', 'from switch1/port1 to HostA/NIC3']);
  await field('Action').selectOption('flap-link');
  await expect(field('Times')).toHaveValue('3');
  await field('Flap').selectOption('port');
  await expect(field('Switch')).toHaveValue('switch1');
  await expect(field('Port')).toHaveValue('1');
  await field('Action').selectOption('set-vlan');
  await field('VLAN ID').fill('20');
  await field('VLAN ID').press('Enter');
  await expect(step).toBeVisible();
  await expect(drills.getByRole('alert')).toHaveCount(0);
});
