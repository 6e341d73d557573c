/**
 * @module
 * Finds the operation a concrete request path names among thousands of path templates: a trie of
 * path segments, literal segments before `{param}` ones, so a lookup costs the path's depth rather
 * than a scan of every template.
 */

/** What an index entry needs: a method and a path template. */
export interface IndexedOperation {
  readonly method: string;
  readonly path: string;
}

/** The answer of a lookup. */
export interface OperationMatch<T> {
  /** The operation for the request's method, if the path has one. */
  readonly operation: T | undefined;
  /** Every method some template matching the path serves (sorted; empty: the path is unknown). */
  readonly methods: readonly string[];
}

interface Node<T> {
  readonly literal: Map<string, Node<T>>;
  /** Segments that mix text and parameters (`{name}.json`), matched by a pattern. */
  readonly patterned: { readonly regex: RegExp; readonly node: Node<T> }[];
  param: Node<T> | undefined;
  readonly ops: Map<string, T>;
}

const node = <T>(): Node<T> => ({ literal: new Map(), patterned: [], param: undefined, ops: new Map() });

const segmentsOf = (path: string): string[] => path.split('/').filter((s) => s !== '');

function segmentRegex(segment: string): RegExp {
  const body = segment
    .split(/(\{[^}]*\})/)
    .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`);
}

/**
 * An index of operations by method and path template.
 * @example
 * const index = new OperationIndex([{ method: 'GET', path: '/api/v2/users/{userId}' }]);
 * index.match('GET', '/api/v2/users/42').operation // { method: 'GET', path: '/api/v2/users/{userId}' }
 */
export class OperationIndex<T extends IndexedOperation> {
  readonly #root: Node<T> = node();

  constructor(operations: Iterable<T>) {
    for (const op of operations) this.#add(op);
  }

  #add(op: T): void {
    let at = this.#root;
    for (const seg of segmentsOf(op.path)) {
      if (/^\{[^}]*\}$/.test(seg)) {
        at = at.param ??= node();
      } else if (seg.includes('{')) {
        const source = segmentRegex(seg).source;
        let entry = at.patterned.find((p) => p.regex.source === source);
        if (!entry) at.patterned.push((entry = { regex: new RegExp(source), node: node() }));
        at = entry.node;
      } else {
        let next = at.literal.get(seg);
        if (!next) at.literal.set(seg, (next = node()));
        at = next;
      }
    }
    if (!at.ops.has(op.method)) at.ops.set(op.method, op);
  }

  /**
   * The operation `method` names on a concrete `path`. Where templates overlap (`/users/me` and
   * `/users/{userId}`), the one with literal segments earliest wins.
   */
  match(method: string, path: string): OperationMatch<T> {
    const found: Node<T>[] = [];
    this.#collect(this.#root, segmentsOf(path), 0, found);
    const methods = new Set<string>();
    let operation: T | undefined;
    for (const n of found) {
      operation ??= n.ops.get(method);
      for (const m of n.ops.keys()) methods.add(m);
    }
    return { operation, methods: [...methods].sort() };
  }

  #collect(at: Node<T>, segs: readonly string[], i: number, out: Node<T>[]): void {
    if (i === segs.length) {
      if (at.ops.size > 0) out.push(at);
      return;
    }
    const seg = segs[i]!;
    const lit = at.literal.get(seg);
    if (lit) this.#collect(lit, segs, i + 1, out);
    for (const p of at.patterned) if (p.regex.test(seg)) this.#collect(p.node, segs, i + 1, out);
    if (at.param) this.#collect(at.param, segs, i + 1, out);
  }
}
