// Lab documents for design-check tests: the field report's lab and variants of it.
import { readFileSync } from 'node:fs';
import type { Lab, LabInput } from '../../../shared/lab.js';
import { readLab } from '../../../src-main/core/lab.js';

export function fieldReportInput(): LabInput {
  return JSON.parse(readFileSync(new URL('../../../examples/field-report.lab.json', import.meta.url), 'utf8')) as LabInput;
}

export function labFrom(input: LabInput): Lab {
  const parsed = readLab(input);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return parsed.lab;
}

/** The field report's lab, changed by `edit` before parsing. */
export function variant(edit: (lab: LabInput & { hosts: NonNullable<LabInput['hosts']> }) => void): Lab {
  const input = fieldReportInput() as LabInput & { hosts: NonNullable<LabInput['hosts']> };
  edit(input);
  return labFrom(input);
}
