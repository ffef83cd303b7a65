// The engine against an independent IAM evaluator (@cloud-copilot/iam-simulate, a development
// dependency only), on generated statements for a fixed seed. Any seed and count:
//   node --import tsx scripts/differential.ts --seed N --count M
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { ready } from '../../server/src/engine';
import { anyoneAdmitted, engineFlags, explain, simulatorAdmits } from '../differential/compare';
import { createRandom, generateStatement } from '../differential/generate';

before(() => ready());

it('agrees with the evaluator on 600 generated statements, but for explained disagreements', async () => {
  const random = createRandom(20261203);
  const unexplained: string[] = [];
  const explained = new Map<string, number>();
  let flagged = 0;
  for (let i = 0; i < 600; i++) {
    const statement = generateStatement(random, i);
    const engine = engineFlags(statement);
    if (engine) flagged++;
    const admitted = await simulatorAdmits(statement);
    if (engine === !!admitted) continue;
    const why = explain(statement, engine, engine && !admitted ? await anyoneAdmitted(statement) : true);
    if (why) explained.set(why, (explained.get(why) ?? 0) + 1);
    else unexplained.push(`engine ${engine ? 'flags' : 'passes'}: ${JSON.stringify(statement)}`);
  }
  // Both verdicts occur: the comparison is not trivially one-sided.
  assert.ok(flagged > 100 && flagged < 500, `flagged ${flagged} of 600`);
  assert.deepEqual(unexplained, []);
  assert.ok([...explained.values()].reduce((a, b) => a + b, 0) < 60, JSON.stringify([...explained]));
});
