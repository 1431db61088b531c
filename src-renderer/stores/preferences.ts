// Preferences of this window: the theme and the panel sizes, kept in the browser's storage.
import { defineStore } from 'pinia';
import { reactive, ref, watch } from 'vue';
import { PANEL_KEY, readPanelSizes, type PanelSizes } from './panelSizes.js';

export type Theme = 'light' | 'dark';
const THEME_KEY = 'lab-planner.theme';

function stored(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null; // storage may be off; the defaults stay
  }
}

function remember(key: string, value: string): void {
  try {
    globalThis.localStorage?.setItem(key, value);
  } catch {
    // not remembered, still applied
  }
}

function storedTheme(): Theme {
  const t = stored(THEME_KEY);
  if (t === 'light' || t === 'dark') return t;
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export const usePreferencesStore = defineStore('preferences', () => {
  const theme = ref<Theme>(storedTheme());
  watch(theme, (t) => remember(THEME_KEY, t));
  const toggleTheme = () => (theme.value = theme.value === 'dark' ? 'light' : 'dark');

  const panels = reactive<PanelSizes>(readPanelSizes(stored(PANEL_KEY)));
  watch(panels, (p) => remember(PANEL_KEY, JSON.stringify(p)));
  return { theme, toggleTheme, panels };
});
