// Applying an edit command (a list of EditOps) to a plain copy of the document, all or nothing.
import type { EditOp } from '../../shared/api.js';

type Json = unknown;
type Container = Record<string, Json> | Json[];

export type ApplyResult = { ok: true; document: Json } | { ok: false; message: string };

/** Applies every op to a deep copy of `document`; the first op that cannot apply aborts the whole list. */
export function applyEditOps(document: Json, ops: readonly EditOp[]): ApplyResult {
  const copy = structuredClone(document);
  for (const [i, op] of ops.entries()) {
    const problem = applyOne(copy, op);
    if (problem) return { ok: false, message: `edit ${i + 1} of ${ops.length} (${op.op} ${describe(op.path)}): ${problem}` };
  }
  return { ok: true, document: copy };
}

function applyOne(root: Json, op: EditOp): string | null {
  if (op.op === 'insert' || op.op === 'move') {
    const target = walk(root, op.path);
    if (typeof target === 'string') return target;
    if (!Array.isArray(target)) return 'is not a list';
    if (op.op === 'insert') {
      const index = op.index ?? target.length;
      if (index > target.length) return `position ${index} is past the end of the list (${target.length} items)`;
      target.splice(index, 0, structuredClone(op.value));
      return null;
    }
    if (op.from >= target.length || op.to >= target.length) return `the list has ${target.length} items`;
    const [item] = target.splice(op.from, 1);
    target.splice(op.to, 0, item);
    return null;
  }
  const parent = walk(root, op.path.slice(0, -1));
  if (typeof parent === 'string') return parent;
  const key = op.path[op.path.length - 1];
  if (Array.isArray(parent)) {
    if (typeof key !== 'number') return 'a list is indexed by position';
    if (key >= parent.length) return `the list has ${parent.length} items`;
    if (op.op === 'set') parent[key] = structuredClone(op.value);
    else parent.splice(key, 1);
    return null;
  }
  if (typeof key !== 'string') return 'is not a list';
  if (isForbiddenKey(key)) return `"${key}" is not a property of a lab`;
  if (op.op === 'set') parent[key] = structuredClone(op.value);
  else if (Object.prototype.hasOwnProperty.call(parent, key)) delete parent[key];
  else return 'there is nothing to remove';
  return null;
}

/** Follows `path` to a container; a string return is why it could not. */
function walk(root: Json, path: readonly (string | number)[]): Container | string {
  let node: Json = root;
  for (const key of path) {
    if (Array.isArray(node)) {
      if (typeof key !== 'number' || key >= node.length) return `${describe(path)} does not exist`;
      node = node[key];
    } else if (isObject(node)) {
      if (typeof key !== 'string' || isForbiddenKey(key) || !Object.prototype.hasOwnProperty.call(node, key))
        return `${describe(path)} does not exist`;
      node = node[key];
    } else return `${describe(path)} does not exist`;
  }
  return Array.isArray(node) || isObject(node) ? (node as Container) : `${describe(path)} is a value, not a list or an object`;
}

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Prototype keys would let an edit reach Object.prototype; no lab property is named like them.
function isForbiddenKey(key: string): boolean {
  return key === '__proto__' || key === 'constructor' || key === 'prototype';
}

/** `hosts[0].teams[1].name`, the same notation as validation problems. */
export function describe(path: readonly (string | number)[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${key}` : key), '') || '(the lab)';
}
