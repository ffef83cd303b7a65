// Terraform's HCL, parsed by tree-sitter's HCL grammar compiled to WebAssembly (web-tree-sitter).
// Loading WebAssembly is asynchronous: hosts await `initHcl()` once (the engine's `ready()`), then
// parsing is synchronous like every other source.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';

export type SyntaxNode = Node;

let parser: Parser | undefined;
let loading: Promise<void> | undefined;

/** Where a wasm file is: beside the bundle (dist/), or in node_modules when run from the sources. */
function locate(file: string, packageName: string): string {
  for (const candidate of [path.join(__dirname, file), path.join(__dirname, '..', file)]) {
    if (existsSync(candidate)) return candidate;
  }
  return require.resolve(`${packageName}/${file}`);
}

export function initHcl(): Promise<void> {
  loading ??= (async () => {
    await Parser.init({ locateFile: () => locate('web-tree-sitter.wasm', 'web-tree-sitter') });
    const language = await Language.load(locate('tree-sitter-terraform.wasm', '@tree-sitter-grammars/tree-sitter-hcl'));
    const instance = new Parser();
    instance.setLanguage(language);
    parser = instance;
  })();
  return loading;
}

export function hclReady(): boolean {
  return parser !== undefined;
}

/** A hostile file must not hold the linter: parsing stops after this long (the file is then not read). */
const PARSE_BUDGET_MS = 2000;

/**
 * Parses HCL and hands the tree to `use`; the tree lives in WebAssembly memory and is freed as
 * soon as `use` returns, so nothing may keep its nodes.
 */
export function withHclTree<T>(text: string, use: (root: SyntaxNode) => T): T | undefined {
  if (!parser) throw new Error('Terraform support is not loaded: the host must await the engine\'s ready() first.');
  const deadline = performance.now() + PARSE_BUDGET_MS;
  let tree: Tree | null = null;
  try {
    tree = parser.parse(text, null, { progressCallback: () => performance.now() > deadline });
    if (!tree) return undefined;
    return use(tree.rootNode);
  } finally {
    tree?.delete();
    parser.reset();
  }
}

/** Whether a text parses as HCL without errors (used to check fixes). */
export function parsesCleanly(text: string): boolean {
  return withHclTree(text, (root) => !root.hasError) ?? false;
}
