// Writes the README's table of rules from the rules' metadata: `npx tsx scripts/readme-rules.ts`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../server/src/engine';

export function rulesTable(): string {
  const rows = RULES.map((r) => `| [\`${r.id}\`](docs/rules/${r.id}.md) | ${r.note ? `${r.defaultSeverity} (note)` : r.defaultSeverity} | ${r.description} |`);
  return ['| rule | default | what it finds |', '|---|---|---|', ...rows].join('\n');
}

export const START = '<!-- rules:start -->';
export const END = '<!-- rules:end -->';

if (require.main === module) {
  const path = join(__dirname, '..', 'README.md');
  const text = readFileSync(path, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  writeFileSync(path, `${text.slice(0, start + START.length)}\n${rulesTable()}\n${text.slice(end)}`);
}
