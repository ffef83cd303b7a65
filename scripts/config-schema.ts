// Writes schemas/kms-policy-lint.schema.json from the rules themselves (run after adding a rule:
// `npx tsx scripts/config-schema.ts`; a unit test fails while the schema is out of date).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../server/src/engine';

const severity = { enum: ['error', 'warning', 'information', 'hint', 'off'] };
const strings = (description: string, pattern?: string) => {
  const item = pattern ? { type: 'string', pattern } : { type: 'string' };
  return { description, oneOf: [item, { type: 'array', items: item }] };
};
const ids = RULES.map((r) => r.id);
const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'kms-policy-lint configuration',
  description:
    'Found upward from each linted file (.kms-policy-lint.json, .kms-policy-lint.yaml, or the kmsPolicyLint key of package.json); the nearest one applies. Paths and globs are relative to its folder.',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    rules: {
      description: 'Severity per rule; command-line --rule and editor settings take precedence.',
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(RULES.map((r) => [r.id, { ...severity, markdownDescription: `${r.description} (default: ${r.defaultSeverity}; docs/rules/${r.id}.md)` }])),
    },
    accounts: strings('Your own AWS account ids: fixes write them instead of <ACCOUNT_ID>.', '^\\d{12}$'),
    organizations: strings('Your own AWS Organizations ids (o-…): fixes write them instead of <ORG_ID>.', '^o-[a-z0-9]{10,32}$'),
    include: strings('Only files matching these globs are linted.'),
    exclude: strings('Files matching these globs are not linted.'),
    suppress: {
      description: 'Findings accepted on purpose, for files that cannot carry comments (plain .json).',
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['rule'],
        properties: {
          rule: { description: 'A rule id, or * for every rule.', type: 'string', enum: [...ids, '*'] },
          files: strings('Globs of the files it applies to; every file when absent.'),
          sid: { description: 'Only the statement with this Sid (or #n for the n-th statement without one).', type: 'string' },
          reason: { description: 'Why the finding is accepted (SARIF shows it as the justification).', type: 'string' },
        },
      },
    },
  },
};
writeFileSync(join(__dirname, '..', 'schemas', 'kms-policy-lint.schema.json'), `${JSON.stringify(schema, null, 2)}\n`);
