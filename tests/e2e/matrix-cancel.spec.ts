// A what-if run of a large lab fills its heatmap as cases finish, shows its progress and the time
// left, and stops when cancelled, leaving no heatmap behind.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { menu, openApp } from './support/app.js';
import { generatedLab } from '../bench/matrix.js';

test('the depth-2 matrix of the 1,000-VM lab fills its heatmap as it runs, and cancelling it leaves none', async ({ page }) => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'lab-planner-cancel-')), 'cluster.lab.json');
  // Its depth-2 matrix takes half a minute even on a fast machine, so Cancel always lands part way.
  writeFileSync(file, JSON.stringify(generatedLab(64, 16, 1000)));
  await openApp(page);
  const chooser = page.waitForEvent('filechooser');
  await menu(page, 'File', 'Import JSON…');
  await (await chooser).setFiles(file);
  await expect(page.getByTestId('title')).toContainText('1000-VM');

  await page.getByRole('tablist', { name: 'Bottom panel' }).getByRole('tab', { name: /What-if matrix/ }).click();
  const view = page.getByRole('region', { name: 'What-if matrix' });
  await view.getByLabel('Matrix depth').selectOption('2');
  await view.getByRole('button', { name: 'Run matrix' }).click();
  await expect(view.getByTestId('matrix-progress')).toHaveText(/^\d+\/\d{4,} .* left$/, { timeout: 60_000 });
  await expect(view.getByTestId('matrix-filling')).toHaveText(/^\d+ of \d{4,} cases so far/);
  await expect(view.getByRole('table', { name: 'Heatmap' })).toHaveCount(1);
  // Cancel sits with the progress bar, apart from the thousands of heatmap squares filling in beside it.
  await view.getByRole('group', { name: 'Matrix progress' }).getByRole('button', { name: 'Cancel' }).click();
  await expect(view.getByRole('status')).toHaveText('The matrix run was cancelled.', { timeout: 60_000 });
  await expect(view.getByRole('table', { name: 'Heatmap' })).toHaveCount(0);
  await expect(view.getByRole('button', { name: 'Run matrix' })).toBeEnabled();
});
