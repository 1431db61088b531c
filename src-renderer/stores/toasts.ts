// Toasts: short notes at the bottom of the window that go by themselves; errors stay until dismissed, hover holds one.
import { shallowRef } from 'vue';

export interface ToastAction {
  label: string;
  run: () => void;
}

export interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'error';
  /** A button in the toast ("Undo"); choosing it closes the toast. */
  action?: ToastAction;
  /** Which part of the window it is about (`export`), for tests and styling. */
  topic?: string;
}

/** How long an info toast stays, unhovered. */
export const TOAST_MS = 6000;
const MAX_SHOWN = 4;

export const toasts = shallowRef<readonly Toast[]>([]);
const timers = new Map<number, ReturnType<typeof setTimeout>>();
let nextId = 1;

function arm(t: Toast): void {
  clearTimeout(timers.get(t.id));
  if (t.tone === 'info') timers.set(t.id, setTimeout(() => dismissToast(t.id), TOAST_MS));
}

/** Shows a toast and answers its id. A toast of the same topic replaces the one before it. */
export function showToast(message: string, options: { tone?: Toast['tone']; action?: ToastAction; topic?: string } = {}): number {
  const t: Toast = { id: nextId++, message, tone: options.tone ?? 'info', action: options.action, topic: options.topic };
  if (t.topic) dismissTopic(t.topic);
  // The oldest go when too many are shown.
  toasts.value.slice(0, Math.max(0, toasts.value.length - (MAX_SHOWN - 1))).forEach((o) => dismissToast(o.id));
  toasts.value = [...toasts.value, t];
  arm(t);
  return t.id;
}

export function dismissToast(id: number): void {
  clearTimeout(timers.get(id));
  timers.delete(id);
  if (toasts.value.some((t) => t.id === id)) toasts.value = toasts.value.filter((t) => t.id !== id);
}

/** The pointer is over the toast (true): it stays; it left (false): its time starts again. */
export function holdToast(id: number, held: boolean): void {
  const t = toasts.value.find((o) => o.id === id);
  if (!t) return;
  if (held) clearTimeout(timers.get(id));
  else arm(t);
}

export function dismissTopic(topic: string): void {
  toasts.value.filter((t) => t.topic === topic).forEach((t) => dismissToast(t.id));
}
