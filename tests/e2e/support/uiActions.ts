// Counts what an engineer does in the window (a click, a key press, typing a value, a drag), so two journeys that
// build the same lab can be compared by effort. The shared steps in app.ts count through `uiAction`; a journey's
// own steps go through the wrappers below. Waiting, reading and scrolling an element into view are not counted.
import type { Locator, Page } from '@playwright/test';

/**
 * UI actions the build-from-empty journey takes (palette, canvas and inspector only), measured by its spec, which
 * asserts it still takes exactly this many: the faster journey is held to fewer than half of it.
 */
export const BUILD_FROM_EMPTY_UI_ACTIONS = 92;

export type ActionKind = 'click' | 'key' | 'type' | 'drag' | 'choose';

export class UiActionCount {
  readonly byKind: Record<ActionKind, number> = { click: 0, key: 0, type: 0, drag: 0, choose: 0 };
  get total(): number {
    return Object.values(this.byKind).reduce((a, b) => a + b, 0);
  }
  toString(): string {
    return `${this.total} UI actions (${Object.entries(this.byKind).map(([k, n]) => `${n} ${k}`).join(', ')})`;
  }
}

const counts = new WeakMap<Page, UiActionCount>();

/** Starts counting the UI actions done on `page` from now on. */
export function countUiActions(page: Page): UiActionCount {
  const count = new UiActionCount();
  counts.set(page, count);
  return count;
}

/** Records one action on `page` when it is being counted. */
export function uiAction(page: Page, kind: ActionKind): void {
  const count = counts.get(page);
  if (count) count.byKind[kind]++;
}

export async function click(target: Locator): Promise<void> {
  uiAction(target.page(), 'click');
  await target.click();
}

/** Types a value into a field (one action however long the value: what matters is the number of things to do). */
export async function fill(target: Locator, value: string): Promise<void> {
  uiAction(target.page(), 'type');
  await target.fill(value);
}

export async function press(target: Locator, key: string): Promise<void> {
  uiAction(target.page(), 'key');
  await target.press(key);
}

/** A key press (or chord, such as Control+V) to the window. */
export async function key(page: Page, chord: string): Promise<void> {
  uiAction(page, 'key');
  await page.keyboard.press(chord);
}

export async function choose(target: Locator, value: string): Promise<void> {
  uiAction(target.page(), 'choose');
  await target.selectOption(value);
}

export async function uncheck(target: Locator): Promise<void> {
  uiAction(target.page(), 'click');
  await target.uncheck();
}

/** A click at a point of the page (the canvas). */
export async function clickAt(page: Page, at: { x: number; y: number }): Promise<void> {
  uiAction(page, 'click');
  await page.mouse.click(at.x, at.y);
}
