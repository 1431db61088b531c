export interface Build {
  label: string;
  output: string;
  sources: string[];
  command: string[];
}
export const BUILDS: Build[];
export function outdatedBuilds(root: string): Build[];
export function buildOutdated(root: string): void;
