// Journey steps shared by the browser and the Electron projects.
import { expect, type Page } from '@playwright/test';
import { chooseField, inspector, runDrill, selectOnCanvas } from './app.js';

/** Selects Guest1 on the canvas, switches it to a static MAC in the inspector and runs the drill again. */
export async function fixStaticMacAndRerun(page: Page): Promise<void> {
  await selectOnCanvas(page, 'vm:Guest1');
  await expect(inspector(page).getByRole('heading', { name: 'VM Guest1' })).toBeVisible();
  await chooseField(page, 'MAC address mode', 'static');
  await expect(inspector(page).getByLabel('Static MAC', { exact: true })).toHaveValue(/^00-15-5D-/);
  await runDrill(page, 'migrate-then-restart');
}

/** The field report's failure as the window tells it: team VM-Team on HostB, the old MAC and the new one. */
export async function expectStaleTeamDiagnosis(page: Page): Promise<void> {
  await expect(page.getByTestId('verdict')).toContainText('Failed');
  const diagnosis = page.getByTestId('diagnosis').first();
  await expect(diagnosis).toContainText('VM-Team');
  await expect(diagnosis).toContainText('HostB');
  // The MAC the team keeps (from HostA's pool) and the one Guest1 got on HostB.
  await expect(diagnosis).toContainText(/00-15-5D-01-0A-[0-9A-F]{2}/);
  await expect(diagnosis).toContainText(/00-15-5D-02-0B-[0-9A-F]{2}/);
}
