// Compares the engine with an independent IAM evaluator on generated statements:
//   node --import tsx scripts/differential.ts [--seed N] [--count M] [--verbose]
import { parseArgs } from 'node:util';
import { anyoneAdmitted, engineFlags, EvaluatorError, explain, simulatorAdmits } from '../test/differential/compare';
import { createRandom, generateStatement } from '../test/differential/generate';
import { ready } from '../server/src/engine';

const { values } = parseArgs({ options: { seed: { type: 'string', default: '1' }, count: { type: 'string', default: '1000' }, verbose: { type: 'boolean', default: false } } });

(async () => {
  await ready();
  const random = createRandom(Number(values.seed));
  const count = Number(values.count);
  let explained = 0;
  let evaluatorErrors = 0;
  const unexplained: string[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const statement = generateStatement(random, i);
    const engine = engineFlags(statement);
    let admitted;
    try {
      admitted = await simulatorAdmits(statement);
    } catch (error) {
      if (!(error instanceof EvaluatorError)) throw error;
      evaluatorErrors++;
      if (values.verbose) console.log(`  evaluator error: ${error.message}: ${JSON.stringify(statement)}`);
      continue;
    }
    if (engine === !!admitted) continue;
    const why = explain(statement, engine, engine && !admitted ? await anyoneAdmitted(statement) : true);
    if (why) explained++;
    else unexplained.push(`engine ${engine ? 'flags' : 'passes'}, evaluator ${admitted ? `admits ${admitted.description}` : 'admits nobody'}: ${JSON.stringify(statement)}`);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`seed ${values.seed}: ${count} statements in ${seconds} s; ${explained} explained disagreements; ${evaluatorErrors} the evaluator could not run; ${unexplained.length} unexplained (${((100 * unexplained.length) / count).toFixed(2)} %)`);
  for (const line of values.verbose ? unexplained : unexplained.slice(0, 10)) console.log(`  ${line}`);
  process.exitCode = unexplained.length > 0 ? 1 : 0;
})();
