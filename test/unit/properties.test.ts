// Property-based tests (fast-check), a short run: generated policies of every shape in JSON, JSONC,
// CloudFormation YAML and Terraform, and mutated fixtures, through the engine. The long run with
// figures: `node --import tsx scripts/property-long.ts`.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { ready } from '../../server/src/engine';
import { allFixtures } from '../helpers/fixtures';
import { checkDocument, document, mutation, type Syntax } from '../property/properties';

const SEED = 20261204;

describe('properties (short run)', () => {
  before(async () => {
    await ready();
  });

  it('generated documents: no exception, and every fix keeps its promises', () => {
    fc.assert(
      fc.property(document, (doc) => {
        const { failure } = checkDocument(doc);
        assert.equal(failure, undefined, `${failure?.property}: ${failure?.detail}\n${doc.fileName}:\n${doc.text}`);
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('mutated fixtures: no exception and no internal error', () => {
    const syntaxOf = (name: string): Syntax => (/\.ya?ml$/.test(name) ? 'yaml' : /\.tf$/.test(name) ? 'terraform' : name.endsWith('.json') ? 'json' : 'jsonc');
    const fixtures = allFixtures().filter((f) => !/\.(tftpl|tpl|template)$/.test(f.name)).map((f) => ({ text: f.text, fileName: f.options.fileName ?? f.name, syntax: syntaxOf(f.name) }));
    fc.assert(
      fc.property(mutation(fixtures), (doc) => {
        const { failure } = checkDocument(doc);
        // A mutated document may break in any way; what must hold is that the engine copes.
        const tolerated = failure === undefined || !['no exception', 'no internal error'].includes(failure.property);
        assert.ok(tolerated, `${failure?.property}: ${failure?.detail}`);
      }),
      { seed: SEED, numRuns: 150 },
    );
  });
});
