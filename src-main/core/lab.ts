// Reading a lab document with the built-in driver catalogue.
import { parseLab, type ParseResult } from '../../shared/validate.js';
import { CATALOGUE_IDS } from './drivers/catalogue.js';

export function readLab(input: unknown): ParseResult {
  return parseLab(input, CATALOGUE_IDS);
}
