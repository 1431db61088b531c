// Document edits as invertible operations: every command is a list of ops plus the ops that undo it.
export type Key = string | number;
export type Path = readonly Key[];

export type Op =
  | { kind: 'set'; path: Path; value: unknown }
  | { kind: 'unset'; path: Path }
  | { kind: 'insert'; path: Path; index: number; value: unknown }
  | { kind: 'remove'; path: Path; index: number };

type Container = Record<Key, unknown>;

function containerAt(root: unknown, path: Path): Container {
  let node = root as Container;
  for (const key of path) {
    node = node[key] as Container;
    if (node === undefined || node === null) throw new Error(`no value at ${path.join('.')}`);
  }
  return node;
}

/** Reads the value at a path, or undefined when any part is missing. */
export function getAt(root: unknown, path: Path): unknown {
  let node = root as Container | undefined;
  for (const key of path) {
    if (node === undefined || node === null) return undefined;
    node = node[key] as Container | undefined;
  }
  return node;
}

/** Copies the containers along `path` (copy-on-write), so every changed object gets a new identity. */
function copyPath(root: unknown, path: Path): { root: Container; target: Container } {
  const copy = (node: unknown): Container => (Array.isArray(node) ? ([...node] as unknown as Container) : { ...(node as Container) });
  const top = copy(root);
  let node = top;
  for (const key of path) {
    const child = node[key];
    if (child === undefined || child === null) throw new Error(`no value at ${path.join('.')}`);
    node[key] = copy(child);
    node = node[key] as Container;
  }
  return { root: top, target: node };
}

/** Applies one op without touching `root`: answers the new root (sharing what did not change) and the op that undoes it. */
export function applyOp(root: unknown, op: Op): { root: unknown; inverse: Op } {
  switch (op.kind) {
    case 'set':
    case 'unset': {
      const { root: next, target: parent } = copyPath(root, op.path.slice(0, -1));
      const key = op.path[op.path.length - 1];
      const had = Object.prototype.hasOwnProperty.call(parent, key);
      const old = parent[key];
      if (op.kind === 'set') parent[key] = clone(op.value);
      else delete parent[key];
      return { root: next, inverse: had ? { kind: 'set', path: op.path, value: old } : { kind: 'unset', path: op.path } };
    }
    case 'insert': {
      const { root: next, target } = copyPath(root, op.path);
      (target as unknown as unknown[]).splice(op.index, 0, clone(op.value));
      return { root: next, inverse: { kind: 'remove', path: op.path, index: op.index } };
    }
    case 'remove': {
      const { root: next, target } = copyPath(root, op.path);
      const [old] = (target as unknown as unknown[]).splice(op.index, 1);
      return { root: next, inverse: { kind: 'insert', path: op.path, index: op.index, value: old } };
    }
  }
}

/** Applies ops in order; answers the new root and the ops that undo all of them (already in undo order). */
export function applyOps<T>(root: T, ops: readonly Op[]): { root: T; inverse: Op[] } {
  const inverse: Op[] = [];
  let current: unknown = root;
  for (const op of ops) {
    const step = applyOp(current, op);
    current = step.root;
    inverse.unshift(step.inverse);
  }
  return { root: current as T, inverse };
}

export function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Removes several indices from one list without the indices shifting under each other. */
export function removeIndices(path: Path, indices: Iterable<number>): Op[] {
  return [...new Set(indices)].sort((a, b) => b - a).map((index) => ({ kind: 'remove', path, index }) as Op);
}

const isObject = (v: unknown): v is Container => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The ops that turn `before` into `after`, at the deepest paths that differ (lists of another length are set whole). */
export function diff(before: unknown, after: unknown, path: Key[] = []): Op[] {
  if (before === after) return [];
  if (Array.isArray(before) && Array.isArray(after)) {
    if (before.length !== after.length) return [{ kind: 'set', path: [...path], value: after }];
    return before.flatMap((item, i) => diff(item, after[i], [...path, i]));
  }
  if (isObject(before) && isObject(after)) {
    const ops: Op[] = [];
    for (const key of Object.keys(before)) {
      if (!(key in after) || after[key] === undefined) {
        if (before[key] !== undefined) ops.push({ kind: 'unset', path: [...path, key] });
      } else ops.push(...diff(before[key], after[key], [...path, key]));
    }
    for (const key of Object.keys(after)) {
      if (!(key in before) && after[key] !== undefined) ops.push({ kind: 'set', path: [...path, key], value: after[key] });
    }
    return ops;
  }
  return [{ kind: 'set', path: [...path], value: after }];
}

/** Sets (or, for undefined, removes) the value at a path of a draft; parents must exist. */
export function setAt(root: unknown, path: Path, value: unknown): void {
  const parent = containerAt(root, path.slice(0, -1));
  const key = path[path.length - 1];
  if (value === undefined) delete parent[key];
  else parent[key] = value;
}

/** `hosts[0].nics[1].mac` for ['hosts', 0, 'nics', 1, 'mac']: how problems name places. */
export function pathText(path: Path): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
  return out;
}
