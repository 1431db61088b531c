// Journey 1 and 5: the field report's failing drill, its diagnosis, the static-MAC remedy, and a screenshot of the failure.
import { test, expect } from '@playwright/test';
import { openApp, openFieldReportExample, runDrill } from './support/app.js';
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
