// A what-if run of a large lab shows its progress and stops when cancelled, leaving no heatmap behind.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { menu, openApp } from './support/app.js';
import { generatedLab } from '../bench/matrix.js';

test('cancelling the matrix of the 256-VM lab stops it before the heatmap', async ({ page }) => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'lab-planner-cancel-')), 'cluster.lab.json');
  writeFileSync(file, JSON.stringify(generatedLab()));
  await openApp(page);
  const chooser = page.waitForEvent('filechooser');
  await menu(page, 'File', 'Import JSON…');
  await (await chooser).setFiles(file);
  await expect(page.getByTestId('title')).toContainText('256-VM');

  await menu(page, 'Drills', 'Run what-if matrix');
  const view = page.getByRole('region', { name: 'What-if matrix' });
  await expect(view.getByTestId('matrix-progress')).toHaveText(/^\d+\/\d{4,} /);
  await view.getByRole('button', { name: 'Cancel' }).click();
  await expect(view.getByRole('status')).toHaveText('The matrix run was cancelled.');
  await expect(view.getByRole('table', { name: 'Heatmap' })).toHaveCount(0);
  await expect(view.getByRole('button', { name: 'Run matrix' })).toBeEnabled();
});
