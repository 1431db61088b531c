// Journey 3: twenty edits undone to the start and redone to the end give the exported JSON of before and after.
import { test, expect, type Page } from '@playwright/test';
import { chooseField, exportedJson, fit, inspector, leaveFields, openApp, openFieldReportExample, selectOnCanvas, setField, dragOnCanvas, pointOf } from './support/app.js';

/** Twenty edits of every kind: inspector fields, renames, palette, a move on the canvas, a delete. */
async function twentyEdits(page: Page): Promise<number> {
  const on = (id: string, edit: () => Promise<unknown>) => async () => {
    await selectOnCanvas(page, id);
    await edit();
  };
  const edits: (() => Promise<unknown>)[] = [
    on('vm:Guest2', () => setField(page, 'IP address', '1.1.1.20')),
    () => chooseField(page, 'Guest OS', 'linux'),
    () => chooseField(page, 'State at start', 'off'),
    () => setField(page, 'Name', 'Guest2b'),
    on('vm:Guest1', () => chooseField(page, 'MAC address mode', 'static')),
    () => setField(page, 'Static MAC', '00-15-5D-01-0A-77'),
    on('client:Client1', () => setField(page, 'IP address', '1.1.1.200')),
    () => chooseField(page, 'ARP cache', 'linux'),
    on('switch:switch2', () => setField(page, 'MAC ageing (s)', '120')),
    () => setField(page, 'Model', 'Catalyst 2960'),
    on('nic:HostB/NIC4', () => chooseField(page, 'Driver profile (alone)', 'intel-ans-aft')),
    () => inspector(page).getByLabel('TCP offload (TOE)').check(),
    on('team:HostB/VM-Team', () => chooseField(page, 'Driver profile', 'broadcom-basp-corrected')),
    () => inspector(page).getByLabel('Link monitoring (LiveLink / probes)').check(),
    on('host:HostA', () => setField(page, 'Model', 'Dell PowerEdge R720')),
    () => inspector(page).getByRole('button', { name: 'Add NIC' }).click(),
    () => page.getByTestId('palette-client').click(),
    () => page.getByTestId('palette-switch').click(),
    // A move on the canvas and a delete are edits too.
    async () => {
      await fit(page);
      const from = await pointOf(page, 'client:Client1');
      await dragOnCanvas(page, 'client:Client1', { x: from.x + 60, y: from.y + 30 });
    },
    on('client:Client2', async () => {
      await leaveFields(page);
      await page.keyboard.press('Delete');
    }),
  ];
  for (const edit of edits) await edit();
  return edits.length;
}

test('twenty edits undone to the start and redone to the end give the same exported JSON', async ({ page }) => {
  await openApp(page);
  await openFieldReportExample(page);
  const before = await exportedJson(page);
  const edits = await twentyEdits(page);
  expect(edits).toBe(20);
  const after = await exportedJson(page);
  expect(after).not.toEqual(before);

  await leaveFields(page);
  for (let i = 0; i < edits; i++) await page.keyboard.press('Control+z');
  await expect(page.getByRole('button', { name: '↶ Undo' })).toBeDisabled();
  expect(await exportedJson(page)).toEqual(before);

  await leaveFields(page);
  for (let i = 0; i < edits; i++) await page.keyboard.press('Control+Shift+z');
  await expect(page.getByRole('button', { name: '↷ Redo' })).toBeDisabled();
  expect(await exportedJson(page)).toEqual(after);
});
