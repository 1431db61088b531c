// How deeply a request or a document may nest arrays and objects. A lab is about eight levels deep
// (lab → drills → steps → step → cable → end); anything near the limit is not a lab but an attack on
// the recursion in the code that edits, validates and stores documents.

/** Arrays and objects nested inside each other, at most, in any request or document. */
export const MAX_NESTING_DEPTH = 64;

/** The refusal, in one line, naming the limit. */
export function tooDeepMessage(what: string): string {
  return `${what} nests arrays and objects more than ${MAX_NESTING_DEPTH} levels deep; a lab needs about 8, so this is not a lab`;
}

/** Whether JSON text nests deeper than `limit`, found by scanning the brackets outside strings (before parsing it). */
export function jsonTextTooDeep(text: string, limit = MAX_NESTING_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** Whether a value (from IPC, say) nests arrays and objects deeper than `limit`; walks without recursion. */
export function valueTooDeep(value: unknown, limit = MAX_NESTING_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  const seen = new Set<object>();
  while (stack.length) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== 'object' || item === null || seen.has(item)) continue;
    if (depth + 1 > limit) return true;
    seen.add(item);
    for (const child of Array.isArray(item) ? item : Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}
