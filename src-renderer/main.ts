// The renderer's entry: one Vue app with Pinia, the editor view, the stylesheet.
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import { config } from 'zod';
import EditorView from './views/EditorView.vue';
import './styles.css';

// The page runs under a strict CSP (no eval): keep zod from probing `new Function`.
config({ jitless: true });

createApp(EditorView).use(createPinia()).mount('#app');
