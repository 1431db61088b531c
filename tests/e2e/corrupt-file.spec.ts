// Journey 4: a damaged file is refused with a message in the window, and the window goes on working.
import { test, expect } from '@playwright/test';
import { menu, openApp, openFieldReportExample, runDrill } from './support/app.js';

test('opening a corrupt file shows the error in the window and the app stays usable', async ({ page }) => {
  await openApp(page);
  await menu(page, 'File', 'Open…');
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'corrupt.lab' }).click();
  const banner = page.getByTestId('error-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(/corrupt\.lab|not a lab|damaged|lab file/i);

  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(banner).toBeHidden();
  await openFieldReportExample(page);
  await runDrill(page, 'live-migrate');
  await expect(page.getByTestId('verdict')).toContainText('Passed');
});
