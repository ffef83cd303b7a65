import type { Rule } from './rule';

export const jsonSyntax: Rule = {
  meta: { id: 'json-syntax', defaultSeverity: 'error', tags: ['correctness'], description: 'The document is not valid JSON or JSONC.' },
  checkDocument(ctx) {
    // One finding, at the first real error: what follows a syntax error is noise.
    const first = [...ctx.document.syntaxProblems].sort((a, b) => a.loc.start - b.loc.start)[0];
    if (first) ctx.report(first.loc, first.message);
  },
};
