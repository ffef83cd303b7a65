// The engine's entry points: everything the CLI, the language server and the tests call.
export * from './types';
export { lintModel, lintText, looksLikePolicyDocument } from './lint';
export { readDocument } from './sources';
export { isReady, ready } from './ready';
export { IncrementalParser, lintParsedJson } from './incremental';
export { RULES, ruleMeta, docsUrl } from './rules';
export { applyEdits, LineIndex } from './text';
export { fixToApply, selectApplicableEdits, type FixMode } from './fix-all';
export type * from './model/types';
export { hoverAt, hoverInModel, type HoverResult } from './assist/hover';
export { completeAt, type CompletionEntry, type CompletionKind, type CompletionResult } from './assist/completion';
