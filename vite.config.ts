// Builds the renderer (src-renderer) into dist-renderer/, loadable over http and from file:// (relative base).
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  root: '.',
  base: './',
  plugins: [vue()],
  build: {
    outDir: 'dist-renderer',
    emptyOutDir: true,
    // No inline module-preload polyfill: the page runs under a strict CSP.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 2000,
    sourcemap: false,
  },
});
