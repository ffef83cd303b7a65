// The engine's entry points: everything the CLI, the language server and the tests call.
export * from './types';
export { lintDocument, lintText, looksLikePolicyDocument } from './lint';
export { IncrementalParser } from './incremental';
export { RULES, ruleMeta, docsUrl } from './rules';
export { applyEdits, LineIndex } from './text';
