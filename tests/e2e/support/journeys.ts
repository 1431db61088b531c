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
