// Export report and export capture from the File menu download files a browser and Wireshark can open.
import { test, expect, type Download, type Page } from '@playwright/test';
import { menu, openApp, openFieldReportExample, selectOnCanvas, setField, inspector } from './support/app.js';

async function bytesOf(download: Download): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function exportReport(page: Page): Promise<{ name: string; text: string }> {
  const download = page.waitForEvent('download');
  await menu(page, 'File', 'Export report (HTML)');
  const file = await download;
  return { name: file.suggestedFilename(), text: (await bytesOf(file)).toString('utf8') };
}

test('the report names the lab and shows a VM named like a script as text', async ({ page }) => {
  await openApp(page);
  await openFieldReportExample(page);
  await selectOnCanvas(page, 'vm:Guest2');
  await expect(inspector(page).getByRole('heading', { name: 'VM Guest2' })).toBeVisible();
  await setField(page, 'Name', '<script>alert(1)</script>');
  await expect(inspector(page).getByRole('heading', { name: 'VM <script>alert(1)</script>' })).toBeVisible();

  const report = await exportReport(page);
  expect(report.name).toMatch(/\.html$/);
  expect(report.text).toContain('Field report: Broadcom teaming under Hyper-V on Server 2008 R2');
  expect(report.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(report.text).not.toContain('<script>alert(1)');
  await expect(page.getByTestId('export-status')).toContainText('Downloaded');
});

test("a capture of migrate-then-restart at HostB/NIC3 downloads a classic pcap file", async ({ page }) => {
  await openApp(page);
  await openFieldReportExample(page);
  await menu(page, 'File', 'Export capture (pcap)…');
  const dialog = page.getByRole('dialog', { name: 'Export capture' });
  await dialog.getByLabel('Drill to capture').selectOption('drill:migrate-then-restart');
  for (const box of await dialog.getByRole('checkbox').all()) await box.uncheck();
  await dialog.getByRole('checkbox', { name: /^HostB\/NIC3/ }).check();
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Capture 1 point' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/migrate-then-restart.*HostB-NIC3\.pcap$/);
  const bytes = await bytesOf(file);
  expect([...bytes.subarray(0, 4)]).toEqual([0xd4, 0xc3, 0xb2, 0xa1]);
  expect(bytes.length).toBeGreaterThan(24 + 16);
});
