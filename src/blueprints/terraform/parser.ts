/**
 * @module
 * HCL2 syntax through tree-sitter's HCL/Terraform grammar (WebAssembly, loaded once when this
 * module is first imported): a file becomes a {@link HclBody} of attributes (expression nodes kept
 * for the evaluator) and blocks with their labels, each with its 1-based line. Syntax errors are
 * reported with their line, never skipped.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Language, Parser } from 'web-tree-sitter';
import type { Node } from 'web-tree-sitter';

export type { Node } from 'web-tree-sitter';

const require = createRequire(import.meta.url);

// web-tree-sitter finds its runtime beside its own module; an explicit path keeps that true when
// the command line is bundled into another folder.
await Parser.init({ locateFile: (name: string) => require.resolve(`web-tree-sitter/${name}`) });
const TERRAFORM = await Language.load(
  readFileSync(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm')),
);
const parser = new Parser();
parser.setLanguage(TERRAFORM);

/** An attribute `name = expression`. */
export interface HclAttribute {
  readonly name: string;
  readonly expr: Node;
  readonly line: number;
}

/** A block `type "label" … { body }`. */
export interface HclBlock {
  readonly type: string;
  readonly labels: readonly string[];
  readonly body: HclBody;
  readonly line: number;
}

/** The attributes and blocks of a file or block body, in source order. */
export interface HclBody {
  readonly attributes: ReadonlyMap<string, HclAttribute>;
  readonly blocks: readonly HclBlock[];
}

/** A syntax problem: the line and what is wrong there. */
interface HclSyntaxError {
  readonly line: number;
  readonly message: string;
}

/** A parsed file. */
export interface HclFile {
  readonly file: string;
  readonly text: string;
  readonly body: HclBody;
  readonly errors: readonly HclSyntaxError[];
  /** Free the syntax tree (WebAssembly memory); the body's nodes are unusable afterwards. */
  dispose(): void;
}

/** The 1-based line a node starts on. */
export function lineOf(node: Node): number {
  return node.startPosition.row + 1;
}

/** The named children of a node (tree-sitter gives them possibly null). */
export function named(node: Node): Node[] {
  return node.namedChildren.filter((n): n is Node => n !== null);
}

/** All children of a node, named and anonymous. */
export function children(node: Node): Node[] {
  return node.children.filter((n): n is Node => n !== null);
}

function labelText(node: Node): string {
  if (node.type === 'identifier') return node.text;
  return named(node).find((c) => c.type === 'template_literal')?.text ?? '';
}

function readBody(node: Node | undefined, errors: HclSyntaxError[]): HclBody {
  const attributes = new Map<string, HclAttribute>();
  const blocks: HclBlock[] = [];
  for (const c of node ? named(node) : []) {
    if (c.type === 'attribute') {
      const [id, expr] = named(c);
      if (!id || !expr) continue;
      if (attributes.has(id.text))
        errors.push({
          line: lineOf(c),
          message: `Duplicate argument: the argument "${id.text}" was already set on line ${attributes.get(id.text)!.line}`,
        });
      attributes.set(id.text, { name: id.text, expr, line: lineOf(c) });
    } else if (c.type === 'block') {
      const parts = named(c);
      const type = parts[0]?.text ?? '';
      const labels = parts
        .slice(1)
        .filter((p) => p.type === 'string_lit' || p.type === 'identifier')
        .map(labelText);
      blocks.push({
        type,
        labels,
        body: readBody(
          parts.find((p) => p.type === 'body'),
          errors,
        ),
        line: lineOf(c),
      });
    }
  }
  return { attributes, blocks };
}

function syntaxErrors(root: Node): HclSyntaxError[] {
  const out: HclSyntaxError[] = [];
  const visit = (n: Node): void => {
    if (out.length >= 10) return;
    if (n.isError) out.push({ line: lineOf(n), message: `Invalid syntax near ${JSON.stringify(n.text.slice(0, 40))}` });
    else if (n.isMissing) out.push({ line: lineOf(n), message: `Missing ${JSON.stringify(n.type)}` });
    else if (n.hasError) for (const c of children(n)) visit(c);
  };
  visit(root);
  return out;
}

/**
 * Parse an HCL file (`.tf` or `.tfvars`).
 * @example
 * parseHclFile('main.tf', 'variable "x" { default = 1 }').body.blocks[0]?.labels // ['x']
 */
export function parseHclFile(file: string, text: string): HclFile {
  const tree = parser.parse(text);
  if (!tree)
    return {
      file,
      text,
      body: { attributes: new Map(), blocks: [] },
      errors: [{ line: 1, message: 'the file could not be parsed' }],
      dispose: () => undefined,
    };
  const root = tree.rootNode;
  const errors = syntaxErrors(root);
  const body = readBody(
    named(root).find((n) => n.type === 'body'),
    errors,
  );
  return { file, text, body, errors, dispose: () => tree.delete() };
}
