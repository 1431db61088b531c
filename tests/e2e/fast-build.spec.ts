// Journey 1 of the fast editor: the field report's lab built from empty with the cable tool and copy/paste (HostB is a
// copy of HostA), in fewer than half the UI actions of the build-from-empty journey; its drill gives the example's results.
import { test, expect, type Page } from '@playwright/test';
import {
  appUrl, dragOnCanvas, drillsPanel, dropFromPalette, inspector, menu, newEmptyLab, openApp, pointOf, runDrill, selectOnCanvas,
  setField, waitForCanvas,
} from './support/app.js';
import { HostApi } from './support/api.js';
import { BUILD_FROM_EMPTY_UI_ACTIONS, choose, click, clickAt, countUiActions, fill, key, press, uncheck } from './support/uiActions.js';

const FILE = 'fast-built-field-report.lab';
const DRILL = 'migrate-then-restart';
const drawn = (page: Page, id: string) => pointOf(page, id).then(() => true, () => false);

/** HostA as the field report has it: its NICs numbered from one MAC, NIC3 and NIC4 teamed, the team under VM-Switch. */
async function buildFirstHost(page: Page): Promise<void> {
  // The dropped host is selected: its fields are in the inspector.
  await expect(inspector(page).getByRole('heading', { name: 'Host Host1' })).toBeVisible();
  await setField(page, 'Name', 'HostA');
  await expect(inspector(page).getByRole('heading', { name: 'Host HostA' })).toBeVisible();
  // Typing into the next field commits the one left, as in any form.
  await fill(inspector(page).getByLabel('Management IP', { exact: true }), '10.0.1.10');
  await setField(page, 'First NIC MAC', '00-24-E8-0A-00-01');
  await expect(inspector(page)).toContainText('NIC1–NIC4: 00-24-E8-0A-00-01 to 00-24-E8-0A-00-04');
  await click(inspector(page).getByRole('button', { name: 'Add team' }));
  await click(inspector(page).getByRole('link', { name: 'Team Team1' }));
  await setField(page, 'Name', 'VM-Team');
  await expect(inspector(page).getByLabel('Primary', { exact: true })).toHaveValue('NIC3');
  await selectOnCanvas(page, 'host:HostA');
  await click(inspector(page).getByRole('button', { name: 'Add virtual switch' }));
  await click(inspector(page).getByRole('link', { name: 'Virtual switch vSwitch1' }));
  await setField(page, 'Name', 'VM-Switch');
  await expect(inspector(page).getByLabel('Uplink', { exact: true })).toHaveValue('team:VM-Team');
}

async function buildDrill(page: Page): Promise<void> {
  const drills = drillsPanel(page);
  await click(drills.getByRole('button', { name: 'New drill' }));
  await fill(drills.getByLabel('Drill name', { exact: true }), DRILL);
  await press(drills.getByLabel('Drill name', { exact: true }), 'Enter');
  await fill(drills.getByLabel('Description', { exact: true }), 'S4: after the live migration Guest1 is restarted on HostB and receives a MAC from HostB\'s pool.');
  await uncheck(drills.getByRole('group', { name: 'VMs pinged' }).getByLabel('Guest2'));
  await click(drills.getByRole('button', { name: 'Add step' }));
  await choose(drills.getByTestId('step-0').getByLabel('Action', { exact: true }), 'live-migrate');
  await expect(drills.getByTestId('step-0').getByLabel('To host', { exact: true })).toHaveValue('HostB');
  await click(drills.getByRole('button', { name: 'Add step' }));
  await expect(drills.getByTestId('step-1').getByLabel('Action', { exact: true })).toHaveValue('restart');
  await expect(drills.getByTestId('step-1').getByLabel('VM', { exact: true })).toHaveValue('Guest1');
}

test('the field-report lab built with the cable tool and copy/paste in under half the actions drills like the example', async ({ page }) => {
  await openApp(page);
  const actions = countUiActions(page);
  await newEmptyLab(page);

  await dropFromPalette(page, 'switch', { x: 100, y: 100 });
  await dropFromPalette(page, 'switch', { x: 560, y: 100 });
  await dropFromPalette(page, 'r710', { x: 90, y: 260 });
  await buildFirstHost(page);

  // HostA's team members to one switch each, and the inter-switch link, by dragging from plug to port.
  for (const [from, to] of [
    ['nic:HostA/NIC3', 'port:switch1/1'],
    ['nic:HostA/NIC4', 'port:switch2/1'],
    ['port:switch1/24', 'port:switch2/24'],
  ]) {
    await dragOnCanvas(page, from, to);
    await waitForCanvas(page, `cable:${from}~${to}`);
  }
  // The client: dropped (and so selected), then the cable tool (C) from it to switch1's port 10.
  await dropFromPalette(page, 'client', { x: 330, y: 30 });
  await expect(inspector(page).getByRole('heading', { name: /Client1/ })).toBeVisible();
  await key(page, 'c');
  await expect(page.getByTestId('cable-tool-message')).toContainText('Cable from Client1');
  await clickAt(page, await pointOf(page, 'port:switch1/10'));
  await waitForCanvas(page, 'cable:client:Client1~port:switch1/10');
  await key(page, 'Escape');
  await expect(page.getByRole('region', { name: 'Cable tool' })).toHaveCount(0);

  // HostB is a copy of HostA: team, virtual switch and cables come along (to the next free ports), then its own IP and MACs.
  await selectOnCanvas(page, 'host:HostA');
  await key(page, 'Control+c');
  await expect(page.getByTestId('clipboard-status')).toContainText('Copied 1 host');
  await key(page, 'Control+v');
  await expect(inspector(page).getByRole('heading', { name: 'Host HostB' })).toBeVisible();
  await expect.poll(() => drawn(page, 'cable:nic:HostB/NIC3~port:switch1/2')).toBe(true);
  await expect.poll(() => drawn(page, 'cable:nic:HostB/NIC4~port:switch2/2')).toBe(true);
  await fill(inspector(page).getByLabel('Management IP', { exact: true }), '10.0.2.11');
  await setField(page, 'First NIC MAC', '00-24-E8-0B-00-01');
  await expect(inspector(page)).toContainText('NIC1–NIC4: 00-24-E8-0B-00-01 to 00-24-E8-0B-00-04');
  await expect(inspector(page).getByLabel('Management IP', { exact: true })).toHaveValue('10.0.2.11');

  // The VMs go on HostA, after the copy (HostB has none in the field report).
  await selectOnCanvas(page, 'host:HostA');
  await click(page.getByTestId('palette-vm'));
  await expect(inspector(page).getByRole('heading', { name: 'VM Guest1' })).toBeVisible();
  await expect(inspector(page).getByLabel('Virtual switch', { exact: true })).toHaveValue('VM-Switch');
  await click(page.getByTestId('palette-vm'));
  await expect(inspector(page).getByRole('heading', { name: 'VM Guest2' })).toBeVisible();
  await choose(inspector(page).getByLabel('MAC address mode', { exact: true }), 'static');
  await fill(inspector(page).getByLabel('Static MAC', { exact: true }), '00-15-5D-00-20-02');

  await buildDrill(page);
  await expect(page.getByRole('region', { name: 'Problems' })).toContainText('No problems');
  console.log(`built with the cable tool and copy/paste in ${actions} (build-from-empty: ${BUILD_FROM_EMPTY_UI_ACTIONS})`);
  expect(actions.total).toBeLessThan(BUILD_FROM_EMPTY_UI_ACTIONS / 2);
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await page.screenshot({ path: 'test-results/fast-build-lab.png' });

  // The drill in the window, then the example's through the host's API: every VM's outcome and diagnosis the same.
  await runDrill(page, DRILL);
  await page.screenshot({ path: 'test-results/fast-build-results.png' });
  const verdict = page.getByTestId('verdict');
  const rows = page.getByRole('list', { name: 'VM results' }).getByRole('listitem');
  await page.getByRole('radiogroup', { name: 'Show VMs' }).getByRole('radio', { name: /^all/ }).check();
  const shown = await rows.evaluateAll((els) =>
    els.map((el) => ({ name: el.getAttribute('data-vm'), passed: el.getAttribute('data-passed') === 'true', code: el.getAttribute('data-diagnosis-code') || null })),
  );

  await menu(page, 'File', 'Save As…');
  await page.getByRole('dialog').getByLabel('File name').fill(FILE);
  await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('title')).toHaveText(`${FILE} — Lab Planner`);

  const api = await HostApi.connect(appUrl());
  try {
    const example = await api.call('lab.new', { from: { kind: 'example', id: 'field-report' } });
    const built = await api.call('lab.open', { path: FILE });
    const run = async (docId: string) => (await api.call('drills.run', { docId, runId: `e2e-fast-${docId}`, drills: [DRILL] })).drills[0];
    const [fromExample, fromWindow] = [await run(example.docId), await run(built.docId)];
    // What the window showed: the verdict, and each VM's outcome and diagnosis code.
    await expect(verdict).toHaveClass(fromExample.passed ? /pass/ : /fail/);
    expect(shown).toEqual(fromExample.vms.map((vm) => ({ name: vm.name, passed: vm.passed, code: vm.diagnosis?.code ?? null })));
    // And the whole result of the saved lab, snapshots and MACs included.
    expect(fromWindow).toEqual(fromExample);
  } finally {
    api.close();
  }
});
