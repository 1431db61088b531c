// Journeys of simulation mode: the field report's drill drawn at a moment after the restart, its event list
// and PDU view, the frame animation to the drop, and a 1,000-VM lab's first failure brought onto the canvas.
import { test, expect, type Page } from '@playwright/test';
import { openApp, openFieldReportExample, runDrill, waitForCanvas } from './support/app.js';
import { largeLabWithDrill } from '../fixtures/large-lab.js';

/** Reads the renderer's read-only canvas probe (parentOf, classesOf, badges, frameAt, clientPoint). */
const probe = <T>(page: Page, f: string, arg?: string) =>
  page.evaluate(([name, a]) => {
    const p = (globalThis as unknown as { labPlannerProbe: Record<string, (x?: string) => unknown> }).labPlannerProbe;
    return p[name](a);
  }, [f, arg] as const) as Promise<T>;

/** The field report's migrate-then-restart, with the drill clock at its end: Guest1 has booted on HostB with a new MAC. */
async function afterTheRestart(page: Page): Promise<void> {
  await openApp(page);
  await openFieldReportExample(page);
  await runDrill(page, 'migrate-then-restart');
  const clock = page.getByRole('slider', { name: 'Drill clock' });
  await clock.focus();
  await page.keyboard.press('End');
  await expect(page.getByTestId('moment')).toContainText('step 2: restart Guest1');
}

/** The event list of Guest1 around the moment, echo requests and replies only. */
async function guest1Echoes(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Event list' }).click();
  const list = page.getByRole('region', { name: 'Event list' });
  await list.getByLabel('Events of VM').selectOption('Guest1');
  await list.getByLabel('Frame kind').selectOption('icmp');
  await expect(list.getByRole('listbox', { name: 'Events' }).getByRole('option').first()).toBeVisible();
}

test('after the restart the canvas draws Guest1 in HostB and flags HostB\u2019s stale team entry; the event list shows the rewrite and the drop', async ({ page }, testInfo) => {
  await afterTheRestart(page);

  await expect.poll(() => probe<string | null>(page, 'parentOf', 'vm:Guest1')).toBe('host:HostB');
  await expect.poll(() => probe<string[]>(page, 'badges')).toContain('team:HostB/VM-Team');
  // At the baseline Guest1 is still in HostA and nothing is stale.
  await page.getByRole('button', { name: 'Baseline' }).click();
  await expect.poll(() => probe<string | null>(page, 'parentOf', 'vm:Guest1')).toBe('host:HostA');
  expect(await probe<string[]>(page, 'badges')).toEqual([]);
  expect(await probe<string[]>(page, 'classesOf', 'vswitch:HostB/VM-Switch')).not.toContain('dies');
  await page.getByRole('slider', { name: 'Drill clock' }).focus();
  await page.keyboard.press('End');
  await expect.poll(() => probe<string | null>(page, 'parentOf', 'vm:Guest1')).toBe('host:HostB');
  expect(await probe<string[]>(page, 'classesOf', 'team:HostB/VM-Team')).toContain('stale');

  // The badge opens the entry: the tables at the moment, its row marked.
  const badge = (await probe<{ x: number; y: number } | null>(page, 'clientPoint', 'badge:team:HostB/VM-Team'))!;
  await page.mouse.click(badge.x, badge.y);
  await expect(page.getByRole('tab', { name: 'Tables at the moment' })).toHaveAttribute('aria-selected', 'true');
  const teamB = page.getByRole('region', { name: 'VM table of team VM-Team on HostB' });
  const staleRow = teamB.locator('tr.stale');
  await expect(staleRow).toHaveCount(1);
  await expect(staleRow).toContainText(/entry 00-15-5D-01-0A-[0-9A-F]{2} · Guest1 now has 00-15-5D-02-0B-[0-9A-F]{2}/);
  await expect(staleRow).toHaveClass(/opened/);

  await guest1Echoes(page);
  const list = page.getByRole('region', { name: 'Event list' });
  await list.getByRole('listbox', { name: 'Events' }).getByRole('option').filter({ hasText: 'rewritten' }).filter({ hasText: 'echo request' }).first().click();
  const pdu = page.getByRole('region', { name: 'PDU details' });
  await expect(pdu.getByTestId('rewrite')).toContainText(/team VM-Team on HostB: destination MAC 00-24-E8-[0-9A-F-]+ → 00-15-5D-01-0A-[0-9A-F]{2}/);
  await expect(pdu.getByLabel('Frame as it arrived')).toContainText(/00-24-E8-/);
  await expect(pdu.getByLabel('Frame as it left')).toContainText(/00-15-5D-01-0A-/);
  // The rewritten frame's next stop: dropped at HostB's virtual switch.
  await list.getByLabel('drops only').check();
  await expect(list.getByRole('listbox', { name: 'Events' }).getByRole('option').first()).toContainText('HostB/VM-Switch');
  await expect(list.getByRole('listbox', { name: 'Events' }).getByRole('option').first()).toContainText('dropped');

  await testInfo.attach('simulation-after-restart', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });

  // Leaving the results draws the design again: Guest1 back in HostA, no badge.
  await page.getByRole('tab', { name: 'Steps & expectations' }).click();
  await expect.poll(() => probe<string | null>(page, 'parentOf', 'vm:Guest1')).toBe('host:HostA');
  expect(await probe<string[]>(page, 'badges')).toEqual([]);
  expect(await probe<string[]>(page, 'classesOf', 'team:HostB/VM-Team')).not.toContain('stale');
});

test('playing the animation takes the echo request through HostB\u2019s team and stops it red at HostB/VM-Switch', async ({ page }) => {
  await afterTheRestart(page);
  await guest1Echoes(page);
  const list = page.getByRole('region', { name: 'Event list' });
  await list.getByRole('listbox', { name: 'Events' }).getByRole('option').filter({ hasText: 'echo request' }).first().click();
  await page.getByLabel('Speed').selectOption('10');
  await page.getByRole('toolbar', { name: 'Animation' }).getByRole('button', { name: 'Play' }).click();

  await expect.poll(() => probe<{ at: string; tone: string } | null>(page, 'frameAt'), { timeout: 20_000 }).toMatchObject({ at: 'vswitch:HostB/VM-Switch', tone: 'dropped' });
  await expect(page.getByRole('toolbar', { name: 'Animation' }).getByRole('button', { name: 'Play' })).toBeVisible();
  await expect(page.getByTestId('hop')).toContainText('HostB/VM-Switch — dropped');
});

test('in a 1,000-VM lab the first failure\u2019s diagnosis shows without scrolling, "show on canvas" brings that VM into view, and the camera follows its frames', async ({ page }, testInfo) => {
  await openApp(page);
  await page.locator('input[type=file]').setInputFiles({ name: 'big.lab.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(largeLabWithDrill(64, 1000))) });
  await waitForCanvas(page, 'vm:VM1000');
  await runDrill(page, 'migrate-then-restart-vm1');

  const diagnosis = page.getByTestId('diagnosis');
  await expect(diagnosis).toContainText('VM1');
  await expect(diagnosis).toBeInViewport();
  await expect(page.getByRole('list', { name: 'VM results' }).getByRole('listitem').first()).toContainText('VM1');

  await diagnosis.getByRole('button', { name: 'Show VM1 on canvas' }).click();
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  await expect.poll(async () => {
    const p = await probe<{ x: number; y: number } | null>(page, 'clientPoint', 'vm:VM1');
    return !!p && p.x > canvas.x && p.x < canvas.x + canvas.width && p.y > canvas.y && p.y < canvas.y + canvas.height;
  }).toBe(true);
  await testInfo.attach('1000-vm-lab-first-failure', { body: await page.screenshot(), contentType: 'image/png' });
  // Its path is lit up to where its frames die: Host2's virtual switch, holding no port with the old MAC.
  expect(await probe<string[]>(page, 'classesOf', 'team:Host2/VM-Team')).toContain('path');
  expect(await probe<string[]>(page, 'classesOf', 'vswitch:Host2/VM-Switch')).toContain('dies');

  // The camera follows VM1's frames: from Client1, far from VM1 at this zoom, hop by hop.
  const inView = async (id: string) => {
    const p = await probe<{ x: number; y: number } | null>(page, 'clientPoint', id);
    return !!p && p.x > canvas.x && p.x < canvas.x + canvas.width && p.y > canvas.y && p.y < canvas.y + canvas.height;
  };
  await diagnosis.getByRole('button', { name: 'Events of VM1' }).click();
  const events = page.getByRole('region', { name: 'Event list' }).getByRole('listbox', { name: 'Events' });
  await events.getByRole('option').filter({ hasText: 'Client1' }).first().click();
  await expect.poll(() => inView('sim:frame')).toBe(true);
  const player = page.getByRole('toolbar', { name: 'Animation' });
  for (let i = 0; i < 3; i++) {
    await player.getByRole('button', { name: 'Step forward' }).click();
    await expect.poll(() => inView('sim:frame')).toBe(true);
  }
});
