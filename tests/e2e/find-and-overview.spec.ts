// Finding your way in a lab: find by name, IP or MAC, the minimap of a big lab, collapsed hosts, design checks by kind.
import { test, expect, type Page } from '@playwright/test';
import { inspector, leaveFields, menu, openApp, openFieldReportExample, pointOf, runDrill, selectOnCanvas, waitForCanvas } from './support/app.js';
import { largeLab } from '../fixtures/large-lab.js';

type Point = { x: number; y: number };

async function probe<T>(page: Page, name: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(({ name, args }) => {
    const p = (globalThis as unknown as { labPlannerProbe: Record<string, (...a: unknown[]) => unknown> }).labPlannerProbe;
    return p[name](...args) as T;
  }, { name, args });
}

const findBox = (page: Page) => page.getByRole('search', { name: 'Find' });
const findField = (page: Page) => findBox(page).getByRole('combobox', { name: 'Find element' });

/** Whether the element is drawn within a few pixels of the canvas' middle. */
async function centred(page: Page, id: string): Promise<boolean> {
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  const p = await probe<Point | null>(page, 'clientPoint', id);
  return !!p && Math.abs(p.x - (canvas.x + canvas.width / 2)) < 30 && Math.abs(p.y - (canvas.y + canvas.height / 2)) < 30;
}

async function inCanvas(page: Page, id: string): Promise<boolean> {
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  const p = await probe<Point | null>(page, 'clientPoint', id);
  return !!p && p.x > canvas.x && p.x < canvas.x + canvas.width && p.y > canvas.y && p.y < canvas.y + canvas.height;
}

async function openBigLab(page: Page, hosts: number, vms: number): Promise<void> {
  await openApp(page);
  await page.locator('input[type=file]').setInputFiles({ name: 'big.lab.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(largeLab(hosts, vms))) });
  await waitForCanvas(page, `vm:VM${vms}`);
}

test('Ctrl+F finds Guest1 by its IP and, after a drill run, by its MAC in colon notation; the canvas selects and centres it', async ({ page }, info) => {
  await openApp(page);
  await openFieldReportExample(page);
  await leaveFields(page);
  await page.keyboard.press('Control+F');
  await expect(findField(page)).toBeFocused();
  await page.keyboard.type('1.1.1.1');
  await expect(findBox(page).getByRole('option').first()).toContainText('VM Guest1');
  await expect(findBox(page).getByRole('option').first()).toContainText('IP 1.1.1.1');
  await page.keyboard.press('Enter');
  await expect(inspector(page).getByRole('heading', { name: 'VM Guest1' })).toBeVisible();
  expect(await probe<string[]>(page, 'selected')).toEqual(['vm:Guest1']);
  await expect.poll(() => centred(page, 'vm:Guest1')).toBe(true);
  // Client1's 1.1.1.100 starts the same: the exact address comes first.
  await expect(page.getByTestId('find-count')).toHaveText('1 of 2');
  await page.screenshot({ path: info.outputPath('find-by-ip.png') });
  await page.screenshot({ path: '/tmp/editor-find-ip.png' });
  await page.keyboard.press('Escape');
  await expect(findBox(page)).toBeHidden();

  // Guest1's MAC is dynamic: the simulation hands it out, so it is known once a drill has run.
  await runDrill(page, 'migrate-then-restart');
  await selectOnCanvas(page, 'switch:switch1');
  await leaveFields(page);
  await page.keyboard.press('/');
  await expect(findField(page)).toBeFocused();
  await page.keyboard.type('00:15:5d:01:0a:00');
  await expect(findBox(page).getByRole('option').first()).toContainText('VM Guest1');
  await expect(findBox(page).getByRole('option').first()).toContainText('MAC 00-15-5D-01-0A-00');
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => probe<string[]>(page, 'selected')).toEqual(['vm:Guest1']);
  await expect(inspector(page).getByRole('heading', { name: 'VM Guest1' })).toBeVisible();
});

test('find steps through several matches with Enter and the arrows, and says when nothing matches', async ({ page }) => {
  await openApp(page);
  await openFieldReportExample(page);
  await menu(page, 'Edit', /Find…/);
  await findField(page).fill('nic3');
  await expect(page.getByTestId('find-count')).toHaveText('2 matches');
  await findField(page).press('Enter');
  await expect.poll(() => probe<string[]>(page, 'selected')).toEqual(['nic:HostA/NIC3']);
  await findField(page).press('Enter');
  await expect.poll(() => probe<string[]>(page, 'selected')).toEqual(['nic:HostB/NIC3']);
  await expect(page.getByTestId('find-count')).toHaveText('2 of 2');
  await findField(page).press('ArrowUp');
  await expect.poll(() => probe<string[]>(page, 'selected')).toEqual(['nic:HostA/NIC3']);
  // A MAC pasted without separators, upper case.
  await findField(page).fill('0024E80B0004');
  await findField(page).press('Enter');
  await expect.poll(() => probe<string[]>(page, 'selected')).toEqual(['nic:HostB/NIC4']);
  await findField(page).fill('web99');
  await expect(page.getByTestId('find-count')).toHaveText('No element matches');
  // Typing "/" in the find field types it; Escape closes.
  await findField(page).press('Escape');
  await expect(findBox(page)).toBeHidden();
});

test('a big lab shows the minimap; a click in it pans the canvas there, and the View menu hides it', async ({ page }, info) => {
  await openBigLab(page, 16, 256);
  const minimap = page.getByTestId('minimap');
  await expect(minimap).toBeVisible();
  await page.screenshot({ path: info.outputPath('minimap.png') });
  await page.screenshot({ path: '/tmp/editor-find-minimap.png' });
  // Close in on Host1 (top left): Host16 (bottom right) is out of view until the minimap is clicked there.
  await leaveFields(page);
  await page.keyboard.press('Control+F');
  await findField(page).fill('Host1/VM-Team');
  await findField(page).press('Enter');
  await findField(page).press('Escape');
  expect(await inCanvas(page, 'team:Host16/VM-Team')).toBe(false);
  const box = (await minimap.boundingBox())!;
  await page.mouse.click(box.x + box.width * 0.93, box.y + box.height * 0.6);
  await expect.poll(() => inCanvas(page, 'team:Host16/VM-Team')).toBe(true);
  expect(await inCanvas(page, 'team:Host1/VM-Team')).toBe(false);
  const afterClick = await probe<Point>(page, 'pan');
  // Dragging along the minimap keeps panning.
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.3);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => (await probe<Point>(page, 'pan')).x).not.toBe(afterClick.x);
  await page.screenshot({ path: '/tmp/editor-find-minimap-panned.png' });

  await menu(page, 'View', 'Hide minimap');
  await expect(minimap).toBeHidden();
  await menu(page, 'View', 'Show minimap');
  await expect(minimap).toBeVisible();
});

test('the field report has no minimap until asked for', async ({ page }) => {
  await openApp(page);
  await openFieldReportExample(page);
  await expect(page.getByTestId('minimap')).toBeHidden();
  await menu(page, 'View', 'Show minimap');
  await expect(page.getByTestId('minimap')).toBeVisible();
});

test('a host collapses to one box with its VM count, its cables ending on the box, and expands again', async ({ page }, info) => {
  await openBigLab(page, 16, 256);
  const cable = 'cable:nic:Host1/NIC3~port:switch1/1';
  expect(await probe<string[]>(page, 'endsOf', cable)).toEqual(['nic:Host1/NIC3', 'port:switch1/1']);
  await selectOnCanvas(page, 'vm:VM1');
  await menu(page, 'View', 'Collapse selected hosts');
  await expect.poll(() => probe<string | null>(page, 'labelOf', 'host:Host1')).toBe('Host1 — 16 VMs');
  expect(await probe<string[]>(page, 'classesOf', 'host:Host1')).toContain('collapsed');
  expect(await probe<Point | null>(page, 'clientPoint', 'vm:VM1')).toBeNull();
  expect(await probe<string[]>(page, 'endsOf', cable)).toEqual(['host:Host1', 'port:switch1/1']);
  await page.screenshot({ path: info.outputPath('collapsed-host.png') });

  // A double click on the box opens it again.
  const at = await pointOf(page, 'host:Host1');
  await page.mouse.dblclick(at.x, at.y);
  await expect.poll(() => probe<Point | null>(page, 'clientPoint', 'vm:VM1')).not.toBeNull();
  expect(await probe<string[]>(page, 'endsOf', cable)).toEqual(['nic:Host1/NIC3', 'port:switch1/1']);
  // Collapsing and expanding is a way of looking, not an edit of the lab.
  await expect(page.getByRole('button', { name: '↶ Undo' })).toBeDisabled();
  expect(await probe<string[]>(page, 'classesOf', 'host:Host1')).not.toContain('collapsed');

  // All at once, from the View menu; find opens the box of what it finds.
  await menu(page, 'View', 'Collapse all hosts');
  await expect.poll(() => probe<string | null>(page, 'labelOf', 'host:Host16')).toBe('Host16 — 16 VMs');
  await page.screenshot({ path: '/tmp/editor-find-collapsed-all.png' });
  await leaveFields(page);
  await page.keyboard.press('Control+F');
  await findField(page).fill('VM100');
  await findField(page).press('Enter');
  await expect.poll(() => probe<string[]>(page, 'selected')).toEqual(['vm:VM100']);
  expect(await probe<string | null>(page, 'labelOf', 'host:Host4')).not.toContain('VMs');
  await findField(page).press('Escape');
  await menu(page, 'View', 'Expand all hosts');
  await expect.poll(() => probe<Point | null>(page, 'clientPoint', 'vm:VM1')).not.toBeNull();
});

type Box = { x1: number; y1: number; x2: number; y2: number };
type EdgeGeometry = { source: Point; target: Point; bends: Point[] };

const finite = (p: Point) => Number.isFinite(p.x) && Number.isFinite(p.y);
/** How far a point is from a box's border (0 on it). */
function offBorder(p: Point, b: Box): number {
  const dx = Math.max(b.x1 - p.x, 0, p.x - b.x2);
  const dy = Math.max(b.y1 - p.y, 0, p.y - b.y2);
  if (dx > 0 || dy > 0) return Math.hypot(dx, dy);
  return Math.min(p.x - b.x1, b.x2 - p.x, p.y - b.y1, b.y2 - p.y);
}
/** Whether the straight run from p to q passes through the inside of a box (touching is not crossing). */
function crosses(p: Point, q: Point, b: Box): boolean {
  for (let i = 1; i < 50; i++) {
    const x = p.x + ((q.x - p.x) * i) / 50;
    const y = p.y + ((q.y - p.y) * i) / 50;
    if (x > b.x1 + 2 && x < b.x2 - 2 && y > b.y1 + 2 && y < b.y2 - 2) return true;
  }
  return false;
}

/** Every cable drawn with both ends on the border of the nodes it joins, bending round the host boxes it does not join. */
async function expectCablesDrawn(page: Page, cables: readonly string[], hosts: readonly string[]): Promise<void> {
  for (const id of cables) {
    const g = (await probe<EdgeGeometry | null>(page, 'edgeGeometry', id))!;
    const [source, target] = (await probe<string[]>(page, 'endsOf', id))!;
    expect(g, id).not.toBeNull();
    // Cytoscape draws no line for an edge whose ends it could not place: the bug was a null source end.
    expect(finite(g.source) && finite(g.target), `${id} ends ${JSON.stringify(g)}`).toBe(true);
    expect(g.bends.length, `${id} is routed`).toBeGreaterThan(0);
    expect(g.bends.every(finite), id).toBe(true);
    expect(offBorder(g.source, (await probe<Box>(page, 'boxOf', source))!), `${id} starts on ${source}`).toBeLessThan(3);
    expect(offBorder(g.target, (await probe<Box>(page, 'boxOf', target))!), `${id} ends on ${target}`).toBeLessThan(3);
    const line = [g.source, ...g.bends, g.target];
    for (const host of hosts.filter((h) => h !== source && h !== target)) {
      const box = (await probe<Box>(page, 'boxOf', host))!;
      for (let i = 0; i < line.length - 1; i++) expect(crosses(line[i], line[i + 1], box), `${id} over ${host}`).toBe(false);
    }
  }
}

test("a collapsed host of the field report draws its cables from the box's edge round the other host, and from the NICs once open", async ({ page }, info) => {
  await openApp(page);
  await openFieldReportExample(page);
  const cablesOf = async (host: string) => (await probe<string[]>(page, 'edgesOf', host)).filter((id) => id.startsWith('cable:'));
  const hostA = ['cable:nic:HostA/NIC3~port:switch1/1', 'cable:nic:HostA/NIC4~port:switch2/1'];
  const hostB = ['cable:nic:HostB/NIC3~port:switch1/2', 'cable:nic:HostB/NIC4~port:switch2/2'];
  await selectOnCanvas(page, 'vm:Guest1');
  await menu(page, 'View', 'Collapse selected hosts');
  await expect.poll(() => probe<string | null>(page, 'labelOf', 'host:HostA')).toBe('HostA — 2 VMs');
  expect((await cablesOf('host:HostA')).sort()).toEqual(hostA);
  await expectCablesDrawn(page, hostA, ['host:HostA', 'host:HostB']);
  // Both leave by the bottom edge, apart.
  const box = (await probe<Box>(page, 'boxOf', 'host:HostA'))!;
  const starts = await Promise.all(hostA.map(async (id) => (await probe<EdgeGeometry>(page, 'edgeGeometry', id)).source));
  for (const p of starts) expect(Math.abs(p.y - box.y2)).toBeLessThan(3);
  expect(Math.abs(starts[0].x - starts[1].x)).toBeGreaterThan(40);
  await page.getByTestId('canvas').screenshot({ path: info.outputPath('field-report-collapsed-host.png') });
  await page.getByTestId('canvas').screenshot({ path: '/tmp/editor-collapsed-host.png' });

  // Opened again by a double click: the cables start at the NICs again.
  const at = await pointOf(page, 'host:HostA');
  await page.mouse.dblclick(at.x, at.y);
  await expect.poll(() => probe<Point | null>(page, 'clientPoint', 'vm:Guest1')).not.toBeNull();
  expect(await cablesOf('host:HostA')).toEqual([]);
  expect(await probe<string[]>(page, 'endsOf', hostA[0])).toEqual(['nic:HostA/NIC3', 'port:switch1/1']);
  await expectCablesDrawn(page, [...hostA, ...hostB], []);

  // Collapsing what is already collapsed changes nothing: twice "all", then all open again.
  await menu(page, 'View', 'Collapse all hosts');
  await expect.poll(() => probe<string | null>(page, 'labelOf', 'host:HostB')).toBe('HostB — 0 VMs');
  const once = await Promise.all([...hostA, ...hostB].map((id) => probe<EdgeGeometry>(page, 'edgeGeometry', id)));
  await menu(page, 'View', 'Collapse all hosts');
  expect(await Promise.all([...hostA, ...hostB].map((id) => probe<EdgeGeometry>(page, 'edgeGeometry', id)))).toEqual(once);
  await expectCablesDrawn(page, [...hostA, ...hostB], ['host:HostA', 'host:HostB']);
  await page.getByTestId('canvas').screenshot({ path: '/tmp/editor-collapsed-all-field-report.png' });
  await menu(page, 'View', 'Expand all hosts');
  await expect.poll(() => probe<string[]>(page, 'endsOf', hostB[0])).toEqual(['nic:HostB/NIC3', 'port:switch1/2']);
  await expectCablesDrawn(page, [...hostA, ...hostB], []);
  await expect(page.getByRole('button', { name: '↶ Undo' })).toBeDisabled();
});

test('design checks come grouped by kind with a count, a group opens to its checks and a click selects all its elements', async ({ page }, info) => {
  await openBigLab(page, 16, 256);
  const checks = page.getByRole('list', { name: 'Design checks' });
  const group = checks.getByRole('button', { name: "Error 16 teams learn each VM's MAC once" });
  await expect(group).toBeVisible();
  // Sixteen checks are folded until opened.
  await expect(checks.getByRole('button', { name: /Host1\/VM-Team .*learns each VM's MAC once/ })).toHaveCount(0);
  await checks.getByRole('button', { name: "Open 16 teams learn each VM's MAC once" }).click();
  await expect(checks.getByRole('list', { name: "16 teams learn each VM's MAC once" }).getByRole('listitem')).toHaveCount(16);
  await page.screenshot({ path: info.outputPath('check-groups.png') });
  await page.screenshot({ path: '/tmp/editor-find-check-groups.png' });

  await group.click();
  await expect(group).toHaveAttribute('aria-pressed', 'true');
  const selected = await probe<string[]>(page, 'selected');
  for (let h = 1; h <= 16; h++) expect(selected).toContain(`team:Host${h}/VM-Team`);
  expect(await probe<string[]>(page, 'classesOf', 'team:Host7/VM-Team')).toContain('focus-error');
});

test('on a 256-VM lab the what-if matrix names every group of cases in full, none over another', async ({ page }, info) => {
  await openBigLab(page, 16, 256);
  await page.getByRole('tab', { name: /What-if matrix/ }).click();
  const panel = page.getByRole('region', { name: 'What-if matrix' });
  await panel.getByRole('button', { name: 'Run matrix' }).click();
  await expect(panel.getByTestId('matrix-verdict')).toBeVisible({ timeout: 120_000 });
  const headers = panel.locator('th.heat-group');
  await expect(headers.first()).toBeVisible();
  await page.screenshot({ path: info.outputPath('matrix-headers.png') });
  await page.screenshot({ path: '/tmp/editor-find-matrix.png' });
  await panel.locator('.heatmap-scroll').screenshot({ path: '/tmp/editor-find-matrix-headers.png' });
  const readHeaders = () =>
    headers.evaluateAll((ths) =>
      ths.map((th) => {
        const label = th.querySelector('span') ?? th;
        const box = label.getBoundingClientRect();
        return { text: th.textContent?.trim() ?? '', full: th.getAttribute('title') ?? '', cut: label.scrollWidth > label.clientWidth + 1, left: box.left, right: box.right };
      }),
    );
  // Every page of cases: a group of one or two columns is named in full as well as the wide ones.
  const next = panel.getByRole('button', { name: 'Next cases' });
  for (let page_ = 1; ; page_++) {
    const shown = await readHeaders();
    expect(shown.length).toBeGreaterThan(0);
    for (const h of shown) expect(h, `page ${page_}: ${h.full}`).toMatchObject({ text: h.full, cut: false });
    for (let i = 1; i < shown.length; i++) expect(shown[i].left, `page ${page_}: ${shown[i].full} after ${shown[i - 1].full}`).toBeGreaterThanOrEqual(shown[i - 1].right - 1);
    await panel.locator('.heatmap-scroll').screenshot({ path: `/tmp/editor-find-matrix-page${page_}.png` });
    if (!(await next.isEnabled())) break;
    await next.click();
  }
});
