// Test helpers: the bundled example labs, parsed, and drills run on them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Lab } from '../../../shared/lab.js';
import type { DrillResult } from '../../../shared/drill.js';
import { readLab } from '../../../src-main/core/lab.js';
import { runDrill, type CapturePoint } from '../../../src-main/core/drills/runner.js';

export function exampleJson(name: string): Record<string, unknown> {
  const path = fileURLToPath(new URL(`../../../examples/${name}.lab.json`, import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8'));
}

export function parse(input: unknown): Lab {
  const parsed = readLab(input);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return parsed.lab;
}

export function example(name = 'field-report'): Lab {
  return parse(exampleJson(name));
}

export function drill(lab: Lab, name: string, captures?: CapturePoint[]) {
  const d = lab.drills.find((x) => x.name === name);
  if (!d) throw new Error(`no drill ${name}`);
  return runDrill(lab, d, { captures });
}

export function vmOf(result: DrillResult, name: string) {
  const vm = result.vms.find((v) => v.name === name);
  if (!vm) throw new Error(`no VM ${name} in ${result.name}`);
  return vm;
}

/** The lab with a drill added (steps as engineers write them). */
export function withDrill(lab: Lab, drillInput: Record<string, unknown>): Lab {
  const input = JSON.parse(JSON.stringify(lab));
  input.drills = [...input.drills, drillInput];
  return parse(input);
}
