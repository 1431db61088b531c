/// <reference types="vite/client" />
// Type declarations for modules that ship none.
declare module 'cytoscape-fcose' {
  import type { Ext } from 'cytoscape';
  const fcose: Ext;
  export default fcose;
}
