// The what-if view: the matrix of the field-report lab, a lost cell that opens its drill, the grouped outcomes.
import { test, expect, type Page } from '@playwright/test';
import { drillsPanel, openApp, openFieldReportExample } from './support/app.js';

async function classesOf(page: Page, id: string): Promise<string[]> {
  return page.evaluate((elementId) => {
    const probe = (globalThis as unknown as { labPlannerProbe?: { classesOf(id: string): string[] } }).labPlannerProbe;
    return probe?.classesOf(elementId) ?? [];
  }, id);
}

/** Opens the field-report example, runs its matrix from the What-if tab; the view and its heatmap. */
async function runFieldReportMatrix(page: Page) {
  await openApp(page);
  await openFieldReportExample(page);
  await page.getByRole('tablist', { name: 'Bottom panel' }).getByRole('tab', { name: /What-if matrix/ }).click();
  const view = page.getByRole('region', { name: 'What-if matrix' });
  await view.getByRole('button', { name: 'Run matrix' }).click();
  return { view, heatmap: view.getByRole('table', { name: 'Heatmap' }) };
}

test("the matrix shows Guest1 lost after migration then restart, and that cell opens its drill", async ({ page }, info) => {
  const { view, heatmap } = await runFieldReportMatrix(page);
  const lost = heatmap.getByRole('button', { name: /^Guest1 · live-migrate to HostB, then restart: lost for \d+ s \(stale-team-vm-mac\)$/ });
  await expect(lost).toHaveAttribute('data-status', 'lost');
  await expect(heatmap.getByRole('button', { name: /^Guest1 · restart on HostA: keeps connectivity/ })).toHaveAttribute('data-status', 'ok');
  await expect(view.getByTestId('matrix-verdict')).toContainText('cases lose a VM');
  const outcomes = view.getByRole('list', { name: 'Grouped outcomes' });
  await expect(outcomes.getByRole('button', { name: /^Guest1 \(dynamic MAC behind a Broadcom .* team\): stale-team-vm-mac after migration to a host behind .*, then restart$/ })).toBeVisible();

  // Losses only: the VMs that lose connectivity and the cases that lose them, under their group headers.
  await expect(heatmap.getByRole('columnheader', { name: 'VM events' })).toBeVisible();
  const allColumns = await heatmap.locator('th.heat-column').count();
  await view.getByRole('checkbox', { name: /Losses only/ }).check();
  await expect(heatmap.locator('th.heat-column')).not.toHaveCount(allColumns);
  await expect(lost).toBeVisible();
  await expect(heatmap.getByRole('columnheader', { name: 'VM events' })).toBeVisible();
  await expect(heatmap.getByRole('button', { name: /^Guest1 · restart on HostA: keeps connectivity/ })).toHaveCount(0);
  await view.getByRole('checkbox', { name: /Losses only/ }).uncheck();
  await expect(heatmap.locator('th.heat-column')).toHaveCount(allColumns);

  await page.screenshot({ path: info.outputPath('matrix-light.png') });
  await lost.click();
  const opened = page.getByRole('region', { name: 'Drill results' });
  await expect(opened.getByTestId('verdict')).toContainText('Failed');
  await expect(opened.getByTestId('verdict')).toContainText('what-if: Guest1: live-migrate to HostB, then restart');
  await expect(view.getByTestId('opened-outcome')).toHaveText(/^Loses Guest1 for \d+ s \(stale-team-vm-mac\)\.$/);
  await expect(opened.getByTestId('diagnosis').first()).toContainText(/learn|stale|MAC/i);
  await expect.poll(() => classesOf(page, 'vm:Guest1')).toContain('focus-event');

  await page.getByRole('button', { name: '☾' }).click();
  await page.screenshot({ path: info.outputPath('matrix-dark.png') });

  // The opened case can be captured as it is, without adding it as a drill first.
  await view.getByRole('button', { name: 'Export capture…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export capture' });
  await expect(dialog.getByLabel('Drill to capture')).toHaveValue('cell:vm:Guest1/migrate-restart:HostB');
  for (const box of await dialog.getByRole('checkbox').all()) await box.uncheck();
  await dialog.getByRole('checkbox', { name: /^HostB\/NIC3/ }).check();
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Capture 1 point' }).click();
  expect((await download).suggestedFilename()).toMatch(/HostB-NIC3\.pcap$/);

  await view.getByRole('button', { name: 'Add as drill' }).click();
  await page.getByRole('tablist', { name: 'Bottom panel' }).getByRole('tab', { name: 'Drills' }).click();
  await expect(drillsPanel(page).getByRole('listbox', { name: 'Drill list' }).getByRole('option', { name: /what-if: .*Guest1/ })).toBeVisible();
});

test('the heatmap is one Tab stop: the arrow keys move between squares and Enter opens a case', async ({ page }, info) => {
  const { view, heatmap } = await runFieldReportMatrix(page);
  await expect(view.getByTestId('matrix-verdict')).toContainText('cases lose a VM');
  const squares = heatmap.locator('button.sq');
  expect(await squares.count()).toBeGreaterThan(20);
  await expect(heatmap.locator('button.sq[tabindex="0"]')).toHaveCount(1);
  await expect(heatmap).toHaveAccessibleDescription(/Arrow keys move between squares/);

  // Tab from the losses-only filter lands on the first square; one more Tab leaves the heatmap.
  await view.getByRole('checkbox', { name: /Losses only/ }).focus();
  await page.keyboard.press('Tab');
  const first = squares.first();
  await expect(first).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(heatmap.locator('button.sq[data-square="0:1"]')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.screenshot({ path: info.outputPath('heatmap-keyboard.png') });
  await expect(heatmap.locator('button.sq:focus')).toHaveAttribute('data-square', /^[1-9]\d*:1$/);
  await page.keyboard.press('Control+End');
  const last = squares.last();
  await expect(last).toBeFocused();
  await page.keyboard.press('Control+Home');
  await expect(first).toBeFocused();
  await page.keyboard.press('End');
  await expect(heatmap.locator('button.sq:focus')).toHaveAttribute('data-square', /^0:\d+$/);
  await page.keyboard.press('Home');
  await expect(first).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(heatmap.locator('button.sq:focus')).toHaveCount(0);

  // Back into the heatmap with Shift+Tab: the square the keyboard was on, which Enter opens.
  await first.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+Tab');
  const onSquare = heatmap.locator('button.sq:focus');
  await expect(onSquare).toHaveAttribute('data-square', '0:1');
  const name = (await onSquare.getAttribute('aria-label'))!;
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Drill results' }).getByTestId('verdict')).toContainText(`what-if: ${name.split(': ')[0].replace(' · ', ': ')}`);
});
