// An inspector field says what is wrong while the engineer types, in the domain's words, before anything is
// committed; the message goes as soon as the draft is valid, and Escape puts the document's value back.
import { test, expect } from '@playwright/test';
import { exportedJson, inspector, openApp, openFieldReportExample, selectOnCanvas } from './support/app.js';

test('a switch’s port count is checked as it is typed, and only typing never changes the lab', async ({ page }, info) => {
  await openApp(page);
  await openFieldReportExample(page);
  await page.getByTestId('palette-switch').click();
  await selectOnCanvas(page, 'switch:switch3');
  await expect(inspector(page).getByRole('heading', { name: 'Switch switch3' })).toBeVisible();
  const before = await exportedJson(page);
  const undo = page.getByRole('button', { name: '↶ Undo' });
  const lastEdit = await undo.getAttribute('title');
  const title = await page.getByTestId('title').textContent();

  const ports = inspector(page).getByLabel('Ports', { exact: true });
  const message = inspector(page).getByRole('alert');
  await expect(ports).toHaveValue('24');

  await ports.fill('0');
  await expect(message).toHaveText('switch3: a switch needs at least 1 port');
  await expect(ports).toHaveAttribute('aria-invalid', 'true');
  await expect(ports).toHaveAccessibleDescription('switch3: a switch needs at least 1 port');
  const box = await message.boundingBox();
  const panel = await inspector(page).boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(panel!.x + panel!.width);
  await inspector(page).screenshot({ path: info.outputPath('ports-message.png') });

  await ports.fill('4');
  await expect(message).toHaveCount(0);
  await expect(ports).not.toHaveAttribute('aria-invalid', 'true');

  await ports.fill('0');
  await expect(message).toHaveText('switch3: a switch needs at least 1 port');
  await ports.press('Escape');
  await expect(ports).toHaveValue('24');
  await expect(message).toHaveCount(0);
  await expect(inspector(page).getByRole('heading', { name: 'Switch switch3' })).toBeVisible();

  // Typing alone was no edit: the same last undo step, the same unsaved mark, the same document.
  await expect(undo).toHaveAttribute('title', lastEdit!);
  await expect(page.getByTestId('title')).toHaveText(title!);
  expect(await exportedJson(page)).toEqual(before);
});

test('a number field says “abc” is not a number as it is typed, a long message wraps in full, and Enter still commits a valid value', async ({ page }, info) => {
  await openApp(page);
  await openFieldReportExample(page);
  await selectOnCanvas(page, 'switch:switch2');
  const ports = inspector(page).getByLabel('Ports', { exact: true });
  await ports.fill('5');
  const long = inspector(page).getByRole('alert');
  await expect(long).toHaveText('switch2: port 24 carries the cable switch1/port24–switch2/port24: keep at least 24 ports');
  const fits = await long.evaluate((p) => p.scrollWidth <= p.clientWidth && p.getBoundingClientRect().right <= p.closest('aside')!.getBoundingClientRect().right);
  expect(fits).toBe(true);
  await inspector(page).screenshot({ path: info.outputPath('long-message.png') });
  await ports.press('Escape');
  await expect(long).toHaveCount(0);

  const ageing = inspector(page).getByLabel('MAC ageing (s)', { exact: true });
  const message = inspector(page).getByRole('alert');

  await ageing.fill('abc');
  await expect(message).toHaveText('“abc” is not a number');
  await expect(ageing).toHaveAccessibleDescription('“abc” is not a number');

  await ageing.fill('120');
  await expect(message).toHaveCount(0);
  await ageing.press('Enter');
  await expect(page.getByRole('button', { name: '↶ Undo' })).toHaveAttribute('title', 'Undo Change MAC ageing (Ctrl+Z)');
  await expect(ageing).toHaveValue('120');
});
