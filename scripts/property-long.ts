// The property tests' long run, with figures for the record: many more generated documents and
// mutated fixtures than `npm test` runs, the slowest lint, and every broken promise with its
// (shrunk) counterexample.
// Usage: node --import tsx scripts/property-long.ts [--runs N] [--seed S]
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { ready } from '../server/src/engine';
import { allFixtures } from '../test/helpers/fixtures';
import { checkDocument, document, mutation, type Generated, type Syntax } from '../test/property/properties';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5000' }, seed: { type: 'string', default: String(Date.now() % 1_000_000) } } });
const runs = Number(values.runs);
const seed = Number(values.seed);

async function main(): Promise<void> {
  await ready();
  const syntaxOf = (name: string): Syntax => (/\.ya?ml$/.test(name) ? 'yaml' : /\.tf$/.test(name) ? 'terraform' : name.endsWith('.json') ? 'json' : 'jsonc');
  const fixtures = allFixtures().filter((f) => !/\.(tftpl|tpl|template)$/.test(f.name)).map((f) => ({ text: f.text, fileName: f.options.fileName ?? f.name, syntax: syntaxOf(f.name) }));
  let slowest = { ms: 0, doc: undefined as Generated | undefined };
  let fixesChecked = 0;
  for (const [name, arbitrary, strict] of [['generated documents', document, true], ['mutated fixtures', mutation(fixtures), false]] as const) {
    let cases = 0;
    const started = performance.now();
    const details = fc.check(
      fc.property(arbitrary, (doc) => {
        cases++;
        const { failure, ms } = checkDocument(doc);
        fixesChecked++;
        if (ms > slowest.ms) slowest = { ms, doc };
        if (!failure) return true;
        return strict ? false : !['no exception', 'no internal error'].includes(failure.property);
      }),
      { seed, numRuns: runs },
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (details.failed) {
      const doc = details.counterexample?.[0] as Generated;
      const { failure } = checkDocument(doc);
      console.log(`${name}: FAILED after ${cases} cases (${seconds} s), seed ${seed}: ${failure?.property}: ${failure?.detail}\n  ${doc.fileName}: ${JSON.stringify(doc.text)}`);
    } else console.log(`${name}: ${cases} cases passed (${seconds} s), seed ${seed}`);
  }
  console.log(`documents checked: ${fixesChecked}; slowest lint ${slowest.ms.toFixed(1)} ms (${slowest.doc?.fileName}, ${slowest.doc?.text.length} chars)`);
}

void main();
