// Design checks in the problems panel bring the elements they concern to the eye on the canvas.
import { test, expect, type Page } from '@playwright/test';
import { openApp, openFieldReportExample } from './support/app.js';

async function classesOf(page: Page, id: string): Promise<string[]> {
  return page.evaluate((elementId) => {
    const probe = (globalThis as unknown as { labPlannerProbe?: { classesOf(id: string): string[] } }).labPlannerProbe;
    return probe?.classesOf(elementId) ?? [];
  }, id);
}

test("hovering and selecting a design check highlights its elements in the check's severity", async ({ page }, info) => {
  await openApp(page);
  await openFieldReportExample(page);
  const checks = page.getByRole('list', { name: 'Design checks' });
  const learnOnce = checks.getByRole('button', { name: /HostB\/VM-Team .*learns each VM's MAC once/ });
  const monitoring = checks.getByRole('button', { name: /HostA\/VM-Team only watches/ });
  await expect(learnOnce).toBeVisible();

  await monitoring.hover();
  await expect.poll(() => classesOf(page, 'switch:switch2')).toContain('focus-warning');
  await page.mouse.move(5, 5);
  await expect.poll(() => classesOf(page, 'switch:switch2')).not.toContain('focus');

  await learnOnce.click();
  await page.mouse.move(5, 5);
  for (const id of ['team:HostB/VM-Team', 'vswitch:HostB/VM-Switch', 'vm:Guest1']) await expect.poll(() => classesOf(page, id)).toContain('focus-error');
  expect(await classesOf(page, 'team:HostA/VM-Team')).not.toContain('focus');
  await expect(page.getByTestId('check-detail')).toContainText('HostB/VM-Team');
  await expect(learnOnce).toHaveAttribute('aria-pressed', 'true');
  await page.screenshot({ path: info.outputPath('check-highlight.png') });

  // A second click lets go.
  await learnOnce.click();
  await expect.poll(() => classesOf(page, 'team:HostB/VM-Team')).not.toContain('focus');
});
