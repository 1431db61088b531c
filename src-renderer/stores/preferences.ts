// Preferences of this window: the theme, kept in the browser's storage.
import { defineStore } from 'pinia';
import { ref, watch } from 'vue';

export type Theme = 'light' | 'dark';
const THEME_KEY = 'lab-planner.theme';

function storedTheme(): Theme {
  try {
    const t = globalThis.localStorage?.getItem(THEME_KEY);
    if (t === 'light' || t === 'dark') return t;
  } catch {
    // storage may be off; the default stays
  }
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export const usePreferencesStore = defineStore('preferences', () => {
  const theme = ref<Theme>(storedTheme());
  watch(theme, (t) => {
    try {
      globalThis.localStorage?.setItem(THEME_KEY, t);
    } catch {
      // not remembered, still applied
    }
  });
  const toggleTheme = () => (theme.value = theme.value === 'dark' ? 'light' : 'dark');
  return { theme, toggleTheme };
});
