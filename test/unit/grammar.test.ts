// The TextMate grammars of package.json, loaded as VS Code loads them (vscode-textmate + oniguruma) on
// top of base grammars for JSON, JSONC, YAML and Terraform, and the scopes they give policy elements in
// the fixtures of test/grammar/.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { codeServerRoot } from '../e2e/harness/codeServer';

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURES = path.join(ROOT, 'test', 'grammar');
const TM_GRAMMARS = path.join(ROOT, 'node_modules', 'tm-grammars', 'grammars');
const OURS = 'kms-policy';

interface GrammarContribution {
  language?: string;
  scopeName: string;
  path: string;
  injectTo?: string[];
}

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  contributes: { grammars: GrammarContribution[]; languages: { id: string; extensions: string[] }[] };
  activationEvents: string[];
};
const contributions = manifest.contributes.grammars;
const TERRAFORM_SCOPE = contributions.find((g) => g.language === 'terraform')?.scopeName ?? '(no terraform grammar contributed)';

/** Base grammars published on npm: VS Code's JSON/JSONC, TextMate's YAML bundle, HashiCorp's Terraform and HCL. */
const NPM_BASE: Record<string, string> = {
  'source.json': path.join(TM_GRAMMARS, 'json.json'),
  'source.json.comments': path.join(TM_GRAMMARS, 'jsonc.json'),
  'source.yaml': path.join(TM_GRAMMARS, 'yaml.json'),
  'source.hcl.terraform': path.join(TM_GRAMMARS, 'terraform.json'),
  'source.hcl': path.join(TM_GRAMMARS, 'hcl.json'),
};

/** The built-in grammars of the VS Code that the end-to-end tests run (code-server), when it is installed. */
function vscodeBuiltinBase(): Record<string, string> | undefined {
  const extensions = path.join(codeServerRoot(), 'lib', 'vscode', 'extensions');
  const base: Record<string, string> = {
    'source.json': path.join(extensions, 'json', 'syntaxes', 'JSON.tmLanguage.json'),
    'source.json.comments': path.join(extensions, 'json', 'syntaxes', 'JSONC.tmLanguage.json'),
    'source.yaml': path.join(extensions, 'yaml', 'syntaxes', 'yaml.tmLanguage.json'),
  };
  for (const version of ['1.0', '1.1', '1.2', '1.3']) base[`source.yaml.${version}`] = path.join(extensions, 'yaml', 'syntaxes', `yaml-${version}.tmLanguage.json`);
  return Object.values(base).every((file) => fs.existsSync(file)) ? base : undefined;
}

let onigLib: Promise<textmate.IOnigLib> | undefined;
function loadOniguruma(): Promise<textmate.IOnigLib> {
  onigLib ??= (async () => {
    const wasm = new Uint8Array(fs.readFileSync(path.join(ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm')));
    await oniguruma.loadWASM(wasm);
    return {
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    };
  })();
  return onigLib;
}

/**
 * A registry as VS Code builds one: our contributions from package.json plus the given base grammars.
 * Injections are looked up for every dot-prefix of the root scope, as VS Code's grammar factory does
 * (so an injection into `source.json` reaches `source.json.comments`, and `source.hcl` reaches
 * HashiCorp's `source.hcl.terraform`).
 */
function createRegistry(base: Record<string, string>): textmate.Registry {
  const files: Record<string, string> = { ...base };
  const injections: Record<string, string[]> = {};
  for (const grammar of contributions) {
    files[grammar.scopeName] = path.join(ROOT, grammar.path);
    for (const target of grammar.injectTo ?? []) (injections[target] ??= []).push(grammar.scopeName);
  }
  return new textmate.Registry({
    onigLib: loadOniguruma(),
    loadGrammar: async (scopeName) => {
      const file = files[scopeName];
      return file ? textmate.parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null;
    },
    getInjections: (scopeName) => {
      const parts = scopeName.split('.');
      return parts.flatMap((_, i) => injections[parts.slice(0, i + 1).join('.')] ?? []);
    },
  });
}

interface Token {
  start: number;
  end: number;
  scopes: string[];
}
interface TokenizedLine {
  text: string;
  tokens: Token[];
}

async function tokenize(registry: textmate.Registry, scopeName: string, fixture: string): Promise<TokenizedLine[]> {
  const grammar = await registry.loadGrammar(scopeName);
  assert.ok(grammar, `grammar ${scopeName} loads`);
  let state = textmate.INITIAL;
  return fs
    .readFileSync(path.join(FIXTURES, fixture), 'utf8')
    .split('\n')
    .map((text) => {
      const result = grammar.tokenizeLine(text, state);
      state = result.ruleStack;
      return { text, tokens: result.tokens.map((t) => ({ start: t.startIndex, end: Math.min(t.endIndex, text.length), scopes: t.scopes })) };
    });
}

/** The tokens covering `text`, found after `anchor` on the first line containing `anchor`. */
function tokensOf(doc: TokenizedLine[], anchor: string, text: string): Token[] {
  const line = doc.find((l) => l.text.includes(anchor));
  assert.ok(line, `a line contains ${JSON.stringify(anchor)}`);
  const start = line.text.indexOf(text, line.text.indexOf(anchor));
  assert.ok(start >= 0, `${JSON.stringify(text)} follows ${JSON.stringify(anchor)}`);
  const end = start + text.length;
  const covering = line.tokens.filter((t) => t.end > start && t.start < end);
  assert.ok(covering.length > 0);
  return Object.assign(covering, { line: line.text, start, end });
}

/** `text` is exactly one or more whole tokens, each carrying `scope`. */
function assertScope(doc: TokenizedLine[], anchor: string, text: string, scope: string): void {
  const tokens = tokensOf(doc, anchor, text) as Token[] & { line: string; start: number; end: number };
  const where = `${JSON.stringify(text)} in ${JSON.stringify(tokens.line.trim())}`;
  assert.equal(tokens[0].start, tokens.start, `${where} starts a token`);
  assert.equal(tokens[tokens.length - 1].end, tokens.end, `${where} ends a token`);
  for (const token of tokens) assert.ok(token.scopes.includes(scope), `${where} has ${scope}; got ${token.scopes.join(' ')}`);
}

/** None of `text` carries a scope of ours. */
function assertPlain(doc: TokenizedLine[], anchor: string, text: string): void {
  for (const token of tokensOf(doc, anchor, text)) {
    const ours = token.scopes.filter((s) => s.endsWith(`.${OURS}`));
    assert.deepEqual(ours, [], `${JSON.stringify(text)} after ${JSON.stringify(anchor)} has no policy scope`);
  }
}

const S = {
  effect: `keyword.other.effect.${OURS}`,
  service: `support.type.service.${OURS}`,
  serviceSeparator: `punctuation.separator.service.${OURS}`,
  action: `entity.name.function.action.${OURS}`,
  glob: `keyword.operator.wildcard.${OURS}`,
  wildcard: `constant.language.wildcard.${OURS}`,
  operator: `keyword.operator.condition.${OURS}`,
  setOperator: `storage.modifier.set-operator.${OURS}`,
  ifExists: `storage.modifier.if-exists.${OURS}`,
  conditionKey: `variable.other.condition-key.${OURS}`,
  arn: `meta.arn.${OURS}`,
  partition: `support.constant.partition.${OURS}`,
  account: `constant.numeric.account-id.${OURS}`,
  resource: `string.other.resource.${OURS}`,
};

/** What every syntax must colour in a JSON policy (key-policy.json). */
function assertJsonKeyPolicy(doc: TokenizedLine[]): void {
  assertScope(doc, '"Effect": "Allow"', 'Allow', S.effect);
  assertScope(doc, '"Effect": "Deny"', 'Deny', S.effect);
  assertScope(doc, '"kms:*"', 'kms', S.service);
  assertScope(doc, '"kms:*"', ':', S.serviceSeparator);
  assertScope(doc, '"kms:*"', '*', S.action);
  assertScope(doc, '"kms:*"', '*', S.glob);
  assertScope(doc, '"Resource": "*"', '*', S.wildcard);
  assertScope(doc, '"Principal": "*"', '*', S.wildcard);
  assertScope(doc, '"NotAction"', 'Decrypt', S.action);
  assertScope(doc, '"NotAction"', 'ReEncrypt*', S.action);
  assertScope(doc, '"NotAction"', 's3', S.service);
  assertScope(doc, '"NotAction"', 'Get?bject', S.action);
  assertScope(doc, '"AWS": "arn:aws', 'arn:aws:iam::111122223333:root', S.arn);
  assertScope(doc, '"AWS": "arn:aws', '111122223333', S.account);
  assertScope(doc, '"Resource": "arn:', 'kms', S.service);
  assertScope(doc, '"Resource": "arn:', 'key/1234abcd-12ab-34cd-56ef-1234567890ab', S.resource);
  assertScope(doc, 'StringNotEqualsIfExists', 'StringNotEquals', S.operator);
  assertScope(doc, 'StringNotEqualsIfExists', 'IfExists', S.ifExists);
  assertScope(doc, 'StringNotEqualsIfExists', 'kms', S.service);
  assertScope(doc, 'StringNotEqualsIfExists', 'CallerAccount', S.conditionKey);
  assertScope(doc, '"ForAnyValue:StringLike"', 'ForAnyValue', S.setOperator);
  assertScope(doc, '"ForAnyValue:StringLike"', 'StringLike', S.operator);
  assertScope(doc, '"ForAnyValue:StringLike"', 'PrincipalOrgPaths', S.conditionKey);
  assertScope(doc, '"ArnLike"', 'ArnLike', S.operator);
  assertScope(doc, '"ArnLike"', 'PrincipalArn', S.conditionKey);
  assertScope(doc, '"ArnLike"', 'role/ci-*', S.resource);
  assertScope(doc, '"StringEquals": { "aws:PrincipalTag', 'PrincipalTag/team', S.conditionKey);
  assertScope(doc, '"StringEquals": { "aws:PrincipalTag', 'PrincipalAccount', S.conditionKey);
  assertScope(doc, '"Null"', 'Null', S.operator);
  assertScope(doc, '"Null"', 'EncryptionContext:aws:s3:arn', S.conditionKey);
  assertPlain(doc, '"Sid"', 'Enable IAM User Permissions');
  assertPlain(doc, '"Version"', '2012-10-17');
  assertPlain(doc, '"o-a1b2c3d4e5/*"', 'o-a1b2c3d4e5/*');
}

function assertNotAPolicy(doc: TokenizedLine[]): void {
  assertPlain(doc, '"description"', 'Allow users to deny nothing: see arn docs');
  assertPlain(doc, '"test:unit"', 'test:unit');
  assertPlain(doc, '"note"', 'Deny later');
  assertPlain(doc, '"pattern"', 'kms:decrypt');
}

function assertYamlTemplate(doc: TokenizedLine[]): void {
  assertScope(doc, '- Effect: Allow', 'Allow', S.effect);
  assertScope(doc, 'AWS: !Sub', 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root', S.arn);
  assertScope(doc, 'AWS: !Sub', '${AWS::Partition}', S.partition);
  assertScope(doc, 'AWS: !Sub', '${AWS::AccountId}', S.account);
  assertScope(doc, 'Action: kms:*', 'kms', S.service);
  assertScope(doc, 'Action: kms:*', '*', S.glob);
  assertScope(doc, 'Resource: "*"', '*', S.wildcard);
  assertScope(doc, "Principal: '*'", '*', S.wildcard);
  assertScope(doc, '- kms:Decrypt', 'kms', S.service);
  assertScope(doc, '- kms:Decrypt', 'Decrypt', S.action);
  assertScope(doc, '- "kms:GenerateDataKey*"', 'GenerateDataKey*', S.action);
  assertScope(doc, 'StringEquals:', 'StringEquals', S.operator);
  assertScope(doc, 'kms:CallerAccount: !Ref', 'kms', S.service);
  assertScope(doc, 'kms:CallerAccount: !Ref', 'CallerAccount', S.conditionKey);
  assertPlain(doc, 'kms:CallerAccount: !Ref', 'AWS::AccountId');
  assertScope(doc, 'ForAnyValue:StringLike:', 'ForAnyValue', S.setOperator);
  assertScope(doc, 'ForAnyValue:StringLike:', 'StringLike', S.operator);
  assertScope(doc, '"aws:PrincipalOrgPaths"', 'PrincipalOrgPaths', S.conditionKey);
  assertScope(doc, 'ArnLikeIfExists:', 'ArnLike', S.operator);
  assertScope(doc, 'ArnLikeIfExists:', 'IfExists', S.ifExists);
  assertScope(doc, 'ArnLikeIfExists:', 'PrincipalArn', S.conditionKey);
  assertScope(doc, 'ArnLikeIfExists:', '111122223333', S.account);
  assertScope(doc, '{Effect: Deny', 'Deny', S.effect);
  assertScope(doc, '{Effect: Deny', '*', S.wildcard);
  assertPlain(doc, '# Effect: Allow', 'Allow');
  assertPlain(doc, 'DisplayName: Allow all', 'Allow all');
  assertPlain(doc, 'Type: AWS::KMS::Key', 'AWS::KMS::Key');
}

function assertTerraform(doc: TokenizedLine[]): void {
  assertScope(doc, 'Effect    = "Allow"', 'Allow', S.effect);
  assertScope(doc, 'Principal = { AWS = "*" }', '*', S.wildcard);
  assertScope(doc, 'Action    = ["kms:Decrypt"', 'Decrypt', S.action);
  assertScope(doc, 'Action    = ["kms:Decrypt"', 'GenerateDataKey*', S.action);
  assertScope(doc, 'Resource  = "*"', '*', S.wildcard);
  assertScope(doc, 'StringEquals = {', 'StringEquals', S.operator);
  assertScope(doc, 'StringEquals = {', 'CallerAccount', S.conditionKey);
  assertScope(doc, '"ForAnyValue:StringLike" =', 'ForAnyValue', S.setOperator);
  assertScope(doc, '"ForAnyValue:StringLike" =', 'PrincipalOrgPaths', S.conditionKey);
  assertPlain(doc, '# "kms:Decrypt" in a comment', 'kms:Decrypt');
  assertScope(doc, 'effect    = "Deny"', 'Deny', S.effect);
  assertScope(doc, 'actions   = ["kms:*"]', 'kms', S.service);
  assertScope(doc, 'resources = ["arn:', 'key/*', S.resource);
  assertScope(doc, 'identifiers = ["*"]', '*', S.wildcard);
  assertScope(doc, 'test     = "StringNotEqualsIfExists"', 'StringNotEquals', S.operator);
  assertScope(doc, 'test     = "StringNotEqualsIfExists"', 'IfExists', S.ifExists);
  assertScope(doc, 'variable = "kms:CallerAccount"', 'CallerAccount', S.conditionKey);
  assertScope(doc, '{"Statement": [{"Effect": "Allow"', 'Allow', S.effect);
  assertScope(doc, '{"Statement": [{"Effect": "Allow"', 'Decrypt', S.action);
}

describe('grammar contributions', () => {
  it('package.json contributes the grammars and a terraform language; every grammar file parses', () => {
    for (const grammar of contributions) {
      const raw = JSON.parse(fs.readFileSync(path.join(ROOT, grammar.path), 'utf8')) as { scopeName: string; injectionSelector?: string };
      assert.equal(raw.scopeName, grammar.scopeName, grammar.path);
      assert.equal(raw.injectionSelector !== undefined, grammar.injectTo !== undefined, `${grammar.path}: an injection has both a selector and targets`);
    }
    const injected = new Set(contributions.flatMap((g) => g.injectTo ?? []));
    for (const host of ['source.json', 'source.yaml', 'source.hcl']) assert.ok(injected.has(host), `injected into ${host}`);
    assert.ok(manifest.contributes.languages.some((l) => l.id === 'terraform' && l.extensions.includes('.tf')));
    for (const event of ['onLanguage:json', 'onLanguage:jsonc', 'onLanguage:yaml', 'onLanguage:terraform']) assert.ok(manifest.activationEvents.includes(event), event);
  });

  it('syntaxes/ is what scripts/gen-grammars.mjs writes', () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'gen-grammars.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
  });

  it('the .vsix ships the syntaxes folder', () => {
    const ignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n');
    assert.ok(ignore.includes('!syntaxes/**'));
  });
});

describe('scopes on base grammars from npm (tm-grammars)', () => {
  let registry: textmate.Registry;
  before(() => {
    registry = createRegistry(NPM_BASE);
  });

  it('JSON', async () => {
    assertJsonKeyPolicy(await tokenize(registry, 'source.json', 'key-policy.json'));
    assertNotAPolicy(await tokenize(registry, 'source.json', 'not-a-policy.json'));
  });

  it('JSON: a policy inside a JSON string (get-key-policy output)', async () => {
    const doc = await tokenize(registry, 'source.json', 'get-key-policy-output.json');
    assertScope(doc, '"Policy"', 'Allow', S.effect);
    assertScope(doc, '"Policy"', 'Decrypt', S.action);
    assertScope(doc, '\\"Principal\\":\\"*\\"', '*', S.wildcard);
  });

  it('JSONC: the same scopes, and nothing inside comments', async () => {
    assertJsonKeyPolicy(await tokenize(registry, 'source.json.comments', 'key-policy.json'));
    const doc = await tokenize(registry, 'source.json.comments', 'key-policy.jsonc');
    assertPlain(doc, '// A key policy', '"kms:Decrypt" and "Allow"');
    assertPlain(doc, '/* "Effect"', '"Allow"');
    assertScope(doc, '"Effect": "Allow",', 'Allow', S.effect);
    assertScope(doc, '"AWS": ["*"]', '*', S.wildcard);
    assertScope(doc, '"kms:GenerateDataKey*"', 'GenerateDataKey*', S.action);
    assertScope(doc, '"kms:ViaService"', 'ViaService', S.conditionKey);
  });

  it('YAML (CloudFormation)', async () => {
    assertYamlTemplate(await tokenize(registry, 'source.yaml', 'template.yaml'));
  });

  it("Terraform with HashiCorp's grammar", async () => {
    assertTerraform(await tokenize(registry, 'source.hcl.terraform', 'main.tf'));
  });

  it("Terraform with ours bound to the language, HashiCorp's installed: HashiCorp's tokens, unchanged", async () => {
    const theirs = await tokenize(registry, 'source.hcl.terraform', 'main.tf');
    const ours = await tokenize(registry, TERRAFORM_SCOPE, 'main.tf');
    assertTerraform(ours);
    const withoutRoot = (doc: TokenizedLine[]) => doc.map((l) => l.tokens.map((t) => [t.start, t.end, t.scopes.slice(1)]));
    assert.deepEqual(withoutRoot(ours), withoutRoot(theirs));
  });

  it("Terraform with only our grammar (no HashiCorp extension)", async () => {
    const { 'source.hcl.terraform': _hashicorp, 'source.hcl': _hcl, ...others } = NPM_BASE;
    const doc = await tokenize(createRegistry(others), TERRAFORM_SCOPE, 'main.tf');
    assertTerraform(doc);
    assertScope(doc, 'resource "aws_kms_key"', 'resource', 'entity.name.type.terraform');
    assertScope(doc, 'description = "Allow"', 'description', 'variable.other.readwrite.hcl');
    assertScope(doc, '# "kms:Decrypt" in a comment', '# "kms:Decrypt" in a comment stays a comment', 'comment.line.number-sign.hcl');
    assertScope(doc, 'arn:aws:kms:${var.region}', '${var.region}', S.arn);
    const hashicorpOnly = doc.flatMap((l) => l.tokens).filter((t) => t.scopes.includes('meta.block.hcl'));
    assert.deepEqual(hashicorpOnly, [], 'no token came from HashiCorp\'s grammar');
  });

  it('long lines that almost match tokenize quickly (VS Code tokenizes lines up to 20,000 characters)', async () => {
    const grammar = await registry.loadGrammar('source.json');
    assert.ok(grammar);
    const lines = [
      `["${'kms:A'.repeat(3_900)}`,
      `[${'"arn:aws:kms:us-east-1:1:key/x*", '.repeat(500)}]`,
      `{${'"aws:PrincipalTag/a": 1, '.repeat(700)}}`,
      `{"k": "${'arn:aws:kms:'.repeat(1_600)}`,
      `[${'"kms:Decrypt", '.repeat(1_300)}]`,
    ];
    for (const line of lines) {
      const started = performance.now();
      grammar.tokenizeLine(line, textmate.INITIAL);
      const elapsed = performance.now() - started;
      assert.ok(elapsed < 1_000, `${line.length} characters took ${elapsed.toFixed(0)} ms`);
    }
  });
});

describe("scopes on VS Code's built-in grammars (the code-server of the end-to-end tests)", () => {
  const base = vscodeBuiltinBase();
  const skip = base ? false : 'code-server is not installed (scripts/e2e/install.sh)';

  it('JSON and JSONC', { skip }, async () => {
    const registry = createRegistry(base!);
    assertJsonKeyPolicy(await tokenize(registry, 'source.json', 'key-policy.json'));
    assertNotAPolicy(await tokenize(registry, 'source.json', 'not-a-policy.json'));
    const doc = await tokenize(registry, 'source.json.comments', 'key-policy.jsonc');
    assertPlain(doc, '// A key policy', '"kms:Decrypt" and "Allow"');
    assertScope(doc, '"Effect": "Allow",', 'Allow', S.effect);
  });

  it('YAML', { skip }, async () => {
    assertYamlTemplate(await tokenize(createRegistry(base!), 'source.yaml', 'template.yaml'));
  });
});
