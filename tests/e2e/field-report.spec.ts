// Journey 1 and 5: the field report's failing drill, its diagnosis, the static-MAC remedy, and a screenshot of the failure.
import { test, expect } from '@playwright/test';
import { openApp, openFieldReportExample, runDrill } from './support/app.js';
import { fixStaticMacAndRerun } from './support/journeys.js';

test('migrate-then-restart fails on the stale team entry, and passes once Guest1 has a static MAC', async ({ page }) => {
  await openApp(page);
  await openFieldReportExample(page);
  await runDrill(page, 'migrate-then-restart');
  await expect(page.getByTestId('verdict')).toContainText('Failed');
  const diagnosis = page.getByTestId('diagnosis').first();
  await expect(diagnosis).toContainText('VM-Team');
  await expect(diagnosis).toContainText('HostB');
  // The MAC the team keeps (from HostA's pool) and the one Guest1 got on HostB.
  await expect(diagnosis).toContainText(/00-15-5D-01-0A-[0-9A-F]{2}/);
  await expect(diagnosis).toContainText(/00-15-5D-02-0B-[0-9A-F]{2}/);

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
