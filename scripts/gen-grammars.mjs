// Writes the TextMate grammars of syntaxes/ from the readable rules below; `--check` fails when the
// committed files differ. Each injection is emitted as ONE ordered alternation: an injection of several
// patterns is searched as a regex set, whose per-pattern results vscode-oniguruma does not cache, and a
// long line of policy strings then tokenizes in quadratic time; one regex keeps it linear.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SYNTAXES = join(dirname(fileURLToPath(import.meta.url)), '..', 'syntaxes');
const SCHEMA = 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json';
const S = 'kms-policy';

const OPERATORS = [
  'String(?:Not)?Equals(?:IgnoreCase)?', 'String(?:Not)?Like', 'Numeric(?:Not)?Equals', 'Numeric(?:Less|Greater)Than(?:Equals)?',
  'Date(?:Not)?Equals', 'Date(?:Less|Greater)Than(?:Equals)?', 'Bool', 'BinaryEquals', '(?:Not)?IpAddress', 'Arn(?:Not)?(?:Equals|Like)',
].join('|');
/** Set qualifier, then Null (never IfExists) or an operator with an optional IfExists. */
const OPERATOR = `(?:(ForAnyValue|ForAllValues)(:))?(?:(Null)|(${OPERATORS})(IfExists)?)`;
const OPERATOR_CAPTURES = {
  1: `storage.modifier.set-operator.${S}`,
  2: `punctuation.separator.set-operator.${S}`,
  3: `keyword.operator.condition.${S}`,
  4: `keyword.operator.condition.${S}`,
  5: `storage.modifier.if-exists.${S}`,
};
const SERVICE_CAPTURES = { 1: `support.type.service.${S}`, 2: `punctuation.separator.service.${S}` };
const KEY_CAPTURES = { ...SERVICE_CAPTURES, 3: `variable.other.condition-key.${S}` };
const GLOB = [{ match: '[*?]', name: `keyword.operator.wildcard.${S}` }];
const ACTION_CAPTURES = { ...SERVICE_CAPTURES, 3: { name: `entity.name.function.action.${S}`, patterns: GLOB } };

/** ${…} placeholders (CloudFormation !Sub, Terraform interpolation) may stand for any ARN field. */
const PLACEHOLDER = '\\$\\{[^}"\']*\\}';
const field = (chars) => `((?:[${chars}]|${PLACEHOLDER})*)`;
/** arn:partition:service:region:account:resource, trailing fields optional (`arn:aws:kms:*`). */
const arn = (resource) =>
  `(arn)(:)${field('a-z*-')}(?:(:)${field('a-z0-9*-')}(?:(:)${field('a-z0-9*-')}(?:(:)${field('0-9*?')}(?:(:)${resource})?)?)?)?`;
const ARN_CAPTURES = {
  1: `keyword.other.arn.${S}`,
  2: `punctuation.separator.arn.${S}`,
  3: `support.constant.partition.${S}`,
  4: `punctuation.separator.arn.${S}`,
  5: `support.type.service.${S}`,
  6: `punctuation.separator.arn.${S}`,
  7: `constant.other.region.${S}`,
  8: `punctuation.separator.arn.${S}`,
  9: `constant.numeric.account-id.${S}`,
  10: `punctuation.separator.arn.${S}`,
  // No sub-patterns here: vscode-textmate drops the enclosing meta.arn scope from a retokenized capture.
  11: `string.other.resource.${S}`,
};

// ---- Inside quoted strings of every host (JSON keys and values, YAML and HCL strings, heredocs). ----
// A rule matches a whole string's content: between quotes (or escaped quotes of a policy in a JSON string).
const OPEN = `(?<=["'])`;
const CLOSE = `(?=\\\\?["'])`;
const inStrings = [
  { comment: 'Condition operator', match: `${OPEN}${OPERATOR}${CLOSE}`, captures: OPERATOR_CAPTURES },
  {
    comment: 'Global condition key, or a policy variable ${aws:…}: aws is no action prefix',
    match: `(?<=["'{])(aws)(:)([A-Za-z][A-Za-z0-9]*(?:/[^"'\\s\\\\}]+)?)(?=\\\\?["'}])`,
    captures: KEY_CAPTURES,
  },
  {
    comment: 'Service condition key where a key stands: before a colon or equals sign (JSON, YAML, HCL object keys)',
    match: `${OPEN}([a-z0-9][a-z0-9.-]*)(:)([A-Z][A-Za-z0-9]*(?:[:/][^"'\\s\\\\]+)?)(?=\\\\?["']\\s*[:=])`,
    captures: KEY_CAPTURES,
  },
  {
    comment: 'Service condition key as the variable of a Terraform condition block',
    match: `(?<=\\bvariable\\s=\\s"|\\bvariable=")([a-z0-9][a-z0-9.-]*)(:)([A-Za-z][A-Za-z0-9]*(?:[:/][^"'\\s\\\\]+)?)(?=")`,
    captures: KEY_CAPTURES,
  },
  { comment: '"*": every principal, action or resource', match: `${OPEN}\\*${CLOSE}`, name: `constant.language.wildcard.${S}` },
  { comment: 'Effect', match: `${OPEN}(?:Allow|Deny)${CLOSE}`, name: `keyword.other.effect.${S}` },
  {
    comment: 'service:Action; the action starts upper-case or with a wildcard, so that "npm:test"-like strings stay plain',
    match: `${OPEN}([a-z0-9][a-z0-9-]*)(:)([A-Z*?][A-Za-z0-9*?-]*)${CLOSE}`,
    captures: ACTION_CAPTURES,
  },
  { comment: 'ARN', match: `${OPEN}${arn(`((?:[^"'\\\\\\s]|\\\\(?!["']))*)`)}`, name: `meta.arn.${S}`, captures: ARN_CAPTURES },
];

// ---- YAML plain scalars (unquoted keys and values), which are not strings with quotes. ----
const PLAIN_START = '(?<![^\\s\\[{,])';
const PLAIN_VALUE_END = '(?=\\s*(?:#|$|[,\\]}]))';
const PLAIN_KEY = 'string.unquoted.plain.out.yaml entity.name.tag.yaml';
const yamlPlain = [
  { comment: 'Condition operator as a key', match: `${PLAIN_START}${OPERATOR}(?=\\s*:(?:\\s|$))`, name: PLAIN_KEY, captures: OPERATOR_CAPTURES },
  {
    comment: 'Condition key as a key',
    match: `${PLAIN_START}([a-z0-9][a-z0-9.-]*)(:)([A-Za-z][A-Za-z0-9]*(?:[:/][^\\s"',\\[\\]{}]+?)?)(?=:(?:\\s|$))`,
    name: PLAIN_KEY,
    captures: KEY_CAPTURES,
  },
  { comment: 'Effect', match: `${PLAIN_START}(?:Allow|Deny)${PLAIN_VALUE_END}`, name: `string.unquoted.plain.out.yaml keyword.other.effect.${S}` },
  {
    comment: 'Action',
    match: `${PLAIN_START}([a-z0-9][a-z0-9-]*)(:)([A-Z*?][A-Za-z0-9*?-]*)${PLAIN_VALUE_END}`,
    name: 'string.unquoted.plain.out.yaml',
    captures: ACTION_CAPTURES,
  },
  { comment: 'ARN', match: `${PLAIN_START}${arn('([^\\s,\\[\\]{}#]*)')}`, name: `string.unquoted.plain.out.yaml meta.arn.${S}`, captures: ARN_CAPTURES },
];

// ---- HCL outside strings: jsonencode({ Condition = { StringEquals = { … } } }). ----
const hclBare = [
  {
    comment: 'Condition operator as a bare object key',
    match: `(?<![\\w.-])(?:(Null)|(${OPERATORS})(IfExists)?)(?=\\s*=(?!=))`,
    name: 'variable.other.readwrite.hcl',
    captures: { 1: `keyword.operator.condition.${S}`, 2: `keyword.operator.condition.${S}`, 3: `storage.modifier.if-exists.${S}` },
  },
];

/** Counts a regex's capturing groups (JavaScript and Oniguruma agree on the syntax used here). */
function groupCount(source) {
  const jsSource = source.replace(/\\x\{([0-9A-Fa-f]+)\}/g, '\\u{$1}');
  return new RegExp(`${jsSource}|`, 'u').exec('').length - 1;
}

const asCapture = (value) => (typeof value === 'string' ? { name: value } : value);

/** One ordered alternation of the rules, their capture numbers shifted; a rule's `name` becomes a group. */
function mergeRules(rules) {
  const captures = {};
  let next = 1;
  const alternatives = rules.map((rule) => {
    let source = rule.match;
    if (rule.name) {
      captures[next] = { name: rule.name };
      source = `(${source})`;
      next++;
    }
    for (const [group, capture] of Object.entries(rule.captures ?? {})) captures[next + Number(group) - 1] = asCapture(capture);
    next += groupCount(rule.match);
    return `(?:${source})`;
  });
  return {
    comment: `One alternation, first match wins: ${rules.map((r) => r.comment).join('; ')}.`,
    match: alternatives.join('|'),
    captures,
  };
}

function injection(name, scopeName, injectionSelector, rules) {
  return { $schema: SCHEMA, name, scopeName, injectionSelector, patterns: [mergeRules(rules)] };
}

// A small Terraform grammar for VS Code without HashiCorp's extension. It includes HashiCorp's grammar
// first: where that is installed, its rules match first and every token stays theirs.
const interpolation = {
  begin: '(?<![$%])([$%]\\{)(~)?',
  end: '(~)?(\\})',
  beginCaptures: { 1: { name: 'punctuation.definition.template-expression.begin.hcl' }, 2: { name: 'keyword.operator.template.left.trim.hcl' } },
  endCaptures: { 1: { name: 'keyword.operator.template.right.trim.hcl' }, 2: { name: 'punctuation.definition.template-expression.end.hcl' } },
  name: 'meta.interpolation.hcl',
  patterns: [{ include: '#expressions' }],
};
const terraform = {
  $schema: SCHEMA,
  name: 'Terraform',
  scopeName: 'source.hcl.terraform.kms-policy-lint',
  fileTypes: ['tf'],
  patterns: [
    { comment: "HashiCorp's grammar, when its extension is installed; nothing otherwise.", include: 'source.hcl.terraform' },
    { include: '#comments' },
    { include: '#block' },
    { include: '#attribute' },
    { include: '#expressions' },
  ],
  repository: {
    comments: {
      patterns: [
        { begin: '#|//', end: '$\\n?', name: 'comment.line.number-sign.hcl', beginCaptures: { 0: { name: 'punctuation.definition.comment.hcl' } } },
        { begin: '/\\*', end: '\\*/', name: 'comment.block.hcl', captures: { 0: { name: 'punctuation.definition.comment.hcl' } } },
      ],
    },
    block: {
      match: '^\\s*([A-Za-z_][\\w-]*)((?:\\s+(?:"[^"]*"|[A-Za-z_][\\w-]*))*)\\s*(\\{)',
      captures: {
        1: { name: 'entity.name.type.terraform' },
        2: { patterns: [{ match: '"[^"]*"|[A-Za-z_][\\w-]*', name: 'variable.other.enummember.hcl' }] },
        3: { name: 'punctuation.section.block.begin.hcl' },
      },
    },
    attribute: {
      match: '([A-Za-z_][\\w-]*)\\s*(=)(?![=>])',
      captures: { 1: { name: 'variable.other.readwrite.hcl' }, 2: { name: 'keyword.operator.assignment.hcl' } },
    },
    expressions: {
      patterns: [
        { include: '#comments' },
        { include: '#heredoc' },
        { include: '#string' },
        { match: '\\b(?:true|false|null)\\b', name: 'constant.language.hcl' },
        { match: '\\b\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?\\b', name: 'constant.numeric.hcl' },
        { match: '\\b([A-Za-z_][\\w-]*)(\\()', captures: { 1: { name: 'support.function.builtin.terraform' }, 2: { name: 'punctuation.section.parens.begin.hcl' } } },
        { include: '#attribute' },
        { match: '\\b(?:for|in|if|else|endif|endfor)\\b', name: 'keyword.control.hcl' },
        { match: '\\b(?:var|local|data|module|each|count|path|self|terraform)\\b', name: 'variable.language.terraform' },
        { match: '[A-Za-z_][\\w-]*', name: 'variable.other.readwrite.hcl' },
        { match: '==|!=|<=|>=|&&|\\|\\||=>|[-+*/%<>!?:]', name: 'keyword.operator.hcl' },
        { match: '[{}()\\[\\],.]', name: 'punctuation.hcl' },
      ],
    },
    string: {
      begin: '"',
      end: '"',
      name: 'string.quoted.double.hcl',
      beginCaptures: { 0: { name: 'punctuation.definition.string.begin.hcl' } },
      endCaptures: { 0: { name: 'punctuation.definition.string.end.hcl' } },
      patterns: [
        { match: '\\\\(?:[nrt"\\\\]|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})', name: 'constant.character.escape.hcl' },
        { match: '\\$\\$\\{|%%\\{', name: 'constant.character.escape.hcl' },
        { include: '#interpolation' },
      ],
    },
    heredoc: {
      begin: '(<<-?)\\s*([A-Za-z_][\\w-]*)\\s*$',
      end: '^\\s*(\\2)\\s*$',
      name: 'string.unquoted.heredoc.hcl',
      beginCaptures: { 1: { name: 'keyword.operator.heredoc.hcl' }, 2: { name: 'keyword.control.heredoc.hcl' } },
      endCaptures: { 1: { name: 'keyword.control.heredoc.hcl' } },
      patterns: [{ match: '\\$\\$\\{|%%\\{', name: 'constant.character.escape.hcl' }, { include: '#interpolation' }],
    },
    interpolation,
  },
};

const outputs = {
  'kms-policy.injection.tmLanguage.json': injection('KMS Policy Lint: IAM policy elements in strings', 'kms-policy.injection.strings', 'L:string -comment', inStrings),
  'kms-policy.injection.yaml.tmLanguage.json': injection('KMS Policy Lint: IAM policy elements in YAML plain scalars', 'kms-policy.injection.yaml', 'L:source.yaml -string -comment', yamlPlain),
  'kms-policy.injection.hcl.tmLanguage.json': injection(
    'KMS Policy Lint: IAM policy elements in HCL',
    'kms-policy.injection.hcl',
    'L:source.hcl -string -comment, L:source.terraform -string -comment',
    hclBare,
  ),
  'terraform.tmLanguage.json': terraform,
};

const check = process.argv.includes('--check');
const stale = [];
for (const [file, grammar] of Object.entries(outputs)) {
  const text = JSON.stringify(grammar, null, 2) + '\n';
  const path = join(SYNTAXES, file);
  if (!check) writeFileSync(path, text);
  else if (readFileSync(path, 'utf8') !== text) stale.push(file);
}
if (stale.length > 0) {
  console.error(`syntaxes/ is out of date (${stale.join(', ')}): run node scripts/gen-grammars.mjs`);
  process.exit(1);
}
