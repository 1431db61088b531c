// Reading what `ConvertTo-Json -Depth 4` writes in Windows PowerShell 5.1 and PowerShell 7: pure, no I/O.
import { isMac, normaliseMac } from '../../../shared/addresses.js';

/** A mistake in the imported files, naming the file and the field. */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

/**
 * The bytes of a file as text: UTF-8 with or without a byte-order mark, UTF-16 LE or BE with one
 * (what `>` redirection writes in 5.1), and UTF-16 LE without one (every other byte zero).
 */
export function decodeText(bytes: Uint8Array, file: string): string {
  const decode = (encoding: string, from: number) => {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(from));
    } catch {
      throw new ImportError(`${file}: is not ${encoding === 'utf-8' ? 'UTF-8' : encoding.toUpperCase()} text`);
    }
  };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decode('utf-8', 3);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decode('utf-16le', 2);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decode('utf-16be', 2);
  if (bytes.length >= 2 && bytes[0] !== 0 && bytes[1] === 0) return decode('utf-16le', 0);
  return decode('utf-8', 0);
}

/**
 * 5.1 wraps some arrays as `{ "value": [...], "Count": n }`; both versions write one object, not an
 * array of one, when a cmdlet returns a single result, and write nothing when it returns none.
 */
function unwrap(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unwrap);
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    const record = value as Record<string, unknown>;
    if (keys.length === 2 && Array.isArray(record.value) && typeof record.Count === 'number') return unwrap(record.value);
    return Object.fromEntries(keys.map((k) => [k, unwrap(record[k])]));
  }
  return value;
}

/** The objects a cmdlet wrote, one `CmdletItem` each; an empty file is no objects. */
export function readCmdletJson(bytes: Uint8Array, file: string): CmdletItem[] {
  const text = decodeText(bytes, file).trim();
  if (text === '' || text === 'null') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ImportError(`${file}: is not JSON as ConvertTo-Json writes it (${(error as Error).message})`);
  }
  const items = unwrap(parsed);
  const list = Array.isArray(items) ? items : [items];
  return list.map((raw, i) => {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ImportError(`${file}: item ${i + 1}: is not an object with the cmdlet's properties`);
    return new CmdletItem(file, i, raw as Record<string, unknown>);
  });
}

/** An enum as PowerShell writes it: its number (5.1, and 7 without -EnumsAsStrings) or its name. */
export type EnumTable<N extends string> = Readonly<Record<number, N>>;

/** One object of a cmdlet's output; every read names the file, the item and the property when it fails. */
export class CmdletItem {
  constructor(
    readonly file: string,
    readonly index: number,
    private readonly raw: Record<string, unknown>,
  ) {}

  fail(field: string, problem: string): never {
    throw new ImportError(`${this.file}: item ${this.index + 1}: ${field} ${problem}`);
  }

  has(field: string): boolean {
    return this.raw[field] !== undefined && this.raw[field] !== null;
  }

  /** A nested object (5.1 and 7 keep them to -Depth 4), or undefined. */
  child(field: string): CmdletItem | undefined {
    const v = this.raw[field];
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? new CmdletItem(this.file, this.index, v as Record<string, unknown>) : undefined;
  }

  text(field: string): string {
    const v = this.optionalText(field);
    if (v === undefined || v.trim() === '') this.fail(field, 'is missing');
    return v.trim();
  }

  optionalText(field: string): string | undefined {
    const v = this.raw[field];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') this.fail(field, `${JSON.stringify(v)} is not text`);
    return v;
  }

  flag(field: string, absent = false): boolean {
    const v = this.raw[field];
    if (v === undefined || v === null) return absent;
    if (typeof v !== 'boolean') this.fail(field, `${JSON.stringify(v)} is not true or false`);
    return v;
  }

  /** Text or a list of texts (5.1 writes one value where 7 writes a list of one). */
  texts(field: string): string[] {
    const v = this.raw[field];
    if (v === undefined || v === null) return [];
    const list = Array.isArray(v) ? v : [v];
    return list.map((x) => (typeof x === 'string' ? x.trim() : this.fail(field, `${JSON.stringify(x)} is not text`))).filter((x) => x !== '');
  }

  integer(field: string): number | undefined {
    const v = this.raw[field];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v)) this.fail(field, `${JSON.stringify(v)} is not a whole number`);
    return v;
  }

  /** "00155D010A03", "00-15-5D-01-0A-03" or "00:15:5d:01:0a:03", written the document's way. */
  mac(field: string): string {
    const v = this.text(field);
    if (!isMac(v)) this.fail(field, `${JSON.stringify(v)} is not a MAC address`);
    return normaliseMac(v);
  }

  enumName<N extends string>(field: string, table: EnumTable<N>, enumName: string): N {
    const v = this.raw[field];
    const names = Object.values(table) as N[];
    if (typeof v === 'number' && table[v] !== undefined) return table[v];
    if (typeof v === 'string') {
      const named = names.find((n) => n.toLowerCase() === v.trim().toLowerCase());
      if (named) return named;
    }
    if (v === undefined || v === null) this.fail(field, 'is missing');
    const known = Object.entries(table).map(([n, name]) => `${name} (${n})`).join(', ');
    return this.fail(field, `${JSON.stringify(v)} is not a known ${enumName} (known: ${known})`);
  }
}
