// The open-source parts Lab Planner ships, for Help → About (a unit test keeps them in step with node_modules).
export const LICENCES: readonly { name: string; pkg: string; licence: string }[] = [
  { name: 'Electron', pkg: 'electron', licence: 'MIT' },
  { name: 'Vue', pkg: 'vue', licence: 'MIT' },
  { name: 'Pinia', pkg: 'pinia', licence: 'MIT' },
  { name: 'Cytoscape.js', pkg: 'cytoscape', licence: 'MIT' },
  { name: 'cytoscape-fcose', pkg: 'cytoscape-fcose', licence: 'MIT' },
  { name: 'zod', pkg: 'zod', licence: 'MIT' },
  { name: 'better-sqlite3', pkg: 'better-sqlite3', licence: 'MIT' },
  { name: 'ws', pkg: 'ws', licence: 'MIT' },
  { name: 'BullMQ', pkg: 'bullmq', licence: 'MIT' },
  { name: 'ioredis', pkg: 'ioredis', licence: 'MIT' },
  { name: 'marked', pkg: 'marked', licence: 'MIT' },
  { name: 'DOMPurify', pkg: 'dompurify', licence: 'MPL-2.0 OR Apache-2.0' },
  { name: 'fuzzysort', pkg: 'fuzzysort', licence: 'MIT' },
];
