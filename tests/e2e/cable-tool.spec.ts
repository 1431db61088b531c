// The cable tool: a NIC cabled to a free switch port with the mouse and with the keyboard, a used port refused
// with the cable that holds it, Escape putting the tool away, and Undo taking the cable out again.
import { test, expect, type Page } from '@playwright/test';
import { openApp, openFieldReportExample, pointOf, selectOnCanvas, waitForCanvas, menu } from './support/app.js';

const tool = (page: Page) => page.getByRole('region', { name: 'Cable tool' });

async function clickOnCanvas(page: Page, id: string): Promise<void> {
  const p = await pointOf(page, id);
  await page.mouse.click(p.x, p.y);
}

async function drawn(page: Page, id: string): Promise<boolean> {
  return pointOf(page, id).then(() => true).catch(() => false);
}

test('cables NICs to free ports with the mouse and the keyboard, refuses a used port, and undoes a cable', async ({ page }) => {
  await openApp(page);
  await openFieldReportExample(page);

  // The mouse: the toolbar's Cable button, a NIC, a free port.
  await page.getByTestId('cable-tool-button').click();
  await expect(tool(page)).toBeVisible();
  await expect(page.getByTestId('cable-tool-button')).toHaveAttribute('aria-pressed', 'true');
  await clickOnCanvas(page, 'nic:HostA/NIC1');
  await expect(page.getByTestId('cable-tool-message')).toContainText('Cable from HostA/NIC1');
  // The picker lists the switch's ports, the used ones with the cable that holds them.
  const ports = tool(page).getByRole('listbox', { name: 'Ports of switch1' });
  await expect(ports.getByRole('option', { name: 'Port 1 · used by HostA/NIC3' })).toHaveAttribute('aria-disabled', 'true');
  await expect(ports.getByRole('option', { name: 'Port 5 · free' })).toHaveAttribute('aria-disabled', 'false');
  await clickOnCanvas(page, 'port:switch1/5');
  await waitForCanvas(page, 'cable:nic:HostA/NIC1~port:switch1/5');
  await expect(page.getByTestId('cable-tool-message')).toContainText('Cabled HostA/NIC1 to switch1/port5');
  await expect(ports).toHaveCount(0);
  await page.screenshot({ path: 'test-results/cable-tool-mouse.png' });

  // A used port is refused, naming the cable on it; nothing is cabled.
  await clickOnCanvas(page, 'nic:HostA/NIC2');
  await clickOnCanvas(page, 'port:switch1/1');
  await expect(tool(page).getByRole('alert')).toHaveText('switch1/port1 is used by the cable from HostA/NIC3: pick a free port.');
  expect(await drawn(page, 'cable:nic:HostA/NIC2~port:switch1/1')).toBe(false);
  // Escape puts the tool away.
  await page.keyboard.press('Escape');
  await expect(tool(page)).toHaveCount(0);

  // The keyboard: a selected NIC, C, the picker's arrows and Enter.
  await selectOnCanvas(page, 'nic:HostB/NIC1');
  await page.keyboard.press('c');
  await expect(page.getByTestId('cable-tool-message')).toContainText('Cable from HostB/NIC1');
  await expect(ports).toBeFocused();
  // The keyboard starts on the first free port (3); Home goes to port 1, which is used and refused.
  await expect(ports.getByRole('option', { selected: true })).toHaveText('Port 3 · free');
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await expect(tool(page).getByRole('alert')).toContainText('switch1/port1 is used by the cable from HostA/NIC3');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(ports.getByRole('option', { selected: true })).toHaveText('Port 4 · free');
  await page.keyboard.press('Enter');
  await waitForCanvas(page, 'cable:nic:HostB/NIC1~port:switch1/4');
  await page.screenshot({ path: 'test-results/cable-tool-keyboard.png' });

  // One cable, one undo step.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: '↶ Undo' })).toHaveAttribute('title', /Undo Connect HostB\/NIC1 to switch1\/port4/);
  await page.keyboard.press('Control+z');
  await expect.poll(() => drawn(page, 'cable:nic:HostB/NIC1~port:switch1/4')).toBe(false);
  expect(await drawn(page, 'cable:nic:HostA/NIC1~port:switch1/5')).toBe(true);

  // The Edit menu has the tool too, with its shortcut.
  await menu(page, 'Edit', /Cable tool/);
  await expect(tool(page)).toBeVisible();
  await page.keyboard.press('Escape');
});

test('the cable tool docks beside the canvas: every NIC and port of the lab stays in view and can be clicked', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await openApp(page);
  await openFieldReportExample(page);
  await page.keyboard.press('c');
  await expect(tool(page)).toBeVisible();
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  const panel = (await tool(page).boundingBox())!;
  // The panel sits beside the canvas, not over it.
  expect(panel.x).toBeGreaterThanOrEqual(canvas.x + canvas.width - 1);
  for (const id of ['nic:HostA/NIC1', 'nic:HostB/NIC4', 'port:switch1/1', 'port:switch2/24', 'client:Client1']) {
    const p = await pointOf(page, id);
    expect(p.x, `${id} is in view`).toBeGreaterThan(canvas.x);
    expect(p.x, `${id} is in view`).toBeLessThan(canvas.x + canvas.width);
    expect(p.y, `${id} is in view`).toBeGreaterThan(canvas.y);
    expect(p.y, `${id} is in view`).toBeLessThan(canvas.y + canvas.height);
  }
  // The view is still one where the NICs are named, and a cable to the far switch goes in with two clicks.
  expect(Number((await page.getByTestId('status-zoom').textContent())?.replace(/\D/g, ''))).toBeGreaterThanOrEqual(40);
  await clickOnCanvas(page, 'nic:HostB/NIC1');
  await clickOnCanvas(page, 'port:switch2/20');
  await waitForCanvas(page, 'cable:nic:HostB/NIC1~port:switch2/20');
  // Closing the tool gives the canvas its room back, the lab still wholly in view.
  await page.keyboard.press('Escape');
  await expect(tool(page)).toHaveCount(0);
  const wide = (await page.getByTestId('canvas').boundingBox())!;
  expect(wide.width).toBeGreaterThan(canvas.width);
  const far = await pointOf(page, 'port:switch2/24');
  expect(far.x).toBeLessThan(wide.x + wide.width);
});
