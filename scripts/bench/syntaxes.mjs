// Per-syntax cost: the same policies written as a CloudFormation JSON template, a CloudFormation
// YAML template and a Terraform file, linted in process; cost per kilobyte against JSON's.
// The issue's goal: YAML and HCL files cost at most 3x a JSON file of the same size.
// Usage: node --import tsx scripts/bench/syntaxes.mjs [--files N] [--runs N]
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseDocument, stringify } from 'yaml';
import { lintText, ready } from '../../server/src/engine/index.ts';
import { initHcl, withHclTree } from '../../server/src/engine/sources/terraform/hcl.ts';
import { account, createRandom, identityPolicy, keyPolicy } from './corpus.mjs';

const { values } = parseArgs({ options: { files: { type: 'string', default: '1000' }, runs: { type: 'string', default: '3' } } });
const count = Number(values.files);
const runs = Number(values.runs);
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];

const hclString = (s) => JSON.stringify(s).replace(/\$\{/g, '$${');
function hcl(value, indent) {
  const inner = `${indent}  `;
  if (typeof value === 'string') return hclString(value);
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  if (Array.isArray(value)) return `[\n${value.map((v) => `${inner}${hcl(v, inner)},`).join('\n')}\n${indent}]`;
  return `{\n${Object.entries(value).map(([k, v]) => `${inner}${/^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) ? k : hclString(k)} = ${hcl(v, inner)}`).join('\n')}\n${indent}}`;
}

function template(random, i) {
  const acct = account(random);
  const region = random.pick(REGIONS);
  const key = keyPolicy(random, acct, region);
  const identity = identityPolicy(random, acct, region);
  const resources = {
    [`Key${i}`]: { Type: 'AWS::KMS::Key', Properties: { Description: `key ${i}`, EnableKeyRotation: random.chance(0.7), KeyPolicy: key } },
    [`Policy${i}`]: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: identity } },
  };
  const cfn = { AWSTemplateFormatVersion: '2010-09-09', Resources: resources };
  const tf = [
    `resource "aws_kms_key" "key${i}" {`,
    `  description         = "key ${i}"`,
    `  enable_key_rotation = ${resources[`Key${i}`].Properties.EnableKeyRotation}`,
    `  policy = jsonencode(${hcl(key, '  ')})`,
    `}`,
    ``,
    `resource "aws_iam_policy" "policy${i}" {`,
    `  policy = jsonencode(${hcl(identity, '  ')})`,
    `}`,
    ``,
  ].join('\n');
  return { json: JSON.stringify(cfn, null, 2), yaml: stringify(cfn), tf };
}

await ready();
await initHcl(); // this script's own instance of the module, for the parser-alone figure
const random = createRandom(20261204);
const docs = Array.from({ length: count }, (_, i) => template(random, i));
const SYNTAXES = [
  // `parse`: the parser the linter reads the syntax with, alone: the floor under any lint of it.
  { name: 'CloudFormation JSON', ext: 'json', pick: (d) => d.json, fileName: 'template.json', parse: (t) => JSON.parse(t) },
  { name: 'CloudFormation YAML', ext: 'yaml', pick: (d) => d.yaml, fileName: 'template.yaml', parse: (t) => parseDocument(t) },
  { name: 'Terraform HCL', ext: 'tf', pick: (d) => d.tf, fileName: 'main.tf', parse: (t) => withHclTree(t, () => 0) },
];

const results = [];
for (const syntax of SYNTAXES) {
  const texts = docs.map(syntax.pick);
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  let findings = 0;
  for (const text of texts.slice(0, 50)) lintText(text, { fileName: syntax.fileName }); // warm up
  const times = [];
  for (let r = 0; r < runs; r++) {
    findings = 0;
    const started = performance.now();
    for (const text of texts) findings += lintText(text, { fileName: syntax.fileName }).findings.length;
    times.push(performance.now() - started);
  }
  const ms = Math.min(...times);
  const parseTimes = [];
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    for (const text of texts) syntax.parse(text);
    parseTimes.push(performance.now() - started);
  }
  const parseUsPerKB = (Math.min(...parseTimes) * 1000) / (bytes / 1024);
  results.push({ syntax: syntax.name, files: texts.length, kilobytes: Math.round(bytes / 1024), findings, ms: Math.round(ms), usPerKB: (ms * 1000) / (bytes / 1024), parseUsPerKB });
}
const base = results[0].usPerKB;
console.log(`Per-syntax lint cost, ${count} templates (a key and an identity policy each), best of ${runs} runs, in process:`);
for (const r of results) {
  console.log(
    `  ${r.syntax.padEnd(20)} ${String(r.files).padStart(6)} files ${String(r.kilobytes).padStart(7)} KB ${String(r.ms).padStart(6)} ms ${r.usPerKB.toFixed(1).padStart(7)} µs/KB  ${(r.usPerKB / base).toFixed(2)}x JSON  (${r.findings} findings); ` +
      `its parser alone ${r.parseUsPerKB.toFixed(1)} µs/KB = ${(r.parseUsPerKB / base).toFixed(2)}x a whole JSON lint`,
  );
}
const worst = Math.max(...results.slice(1).map((r) => r.usPerKB / base));
console.log(worst <= 3 ? `goal met: YAML and HCL cost at most ${worst.toFixed(2)}x JSON per KB (goal 3x)` : `goal missed: ${worst.toFixed(2)}x JSON per KB (goal 3x)`);

// The same files through the built CLI (one worker, so the figures compare per file): what a scan costs.
const cli = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');
const root = join(tmpdir(), `kms-policy-lint-syntaxes-${count}`);
const reportPath = join(tmpdir(), 'kms-policy-lint-syntaxes-report.txt'); // outside the scanned folder
rmSync(root, { recursive: true, force: true });
console.log(`\nThe same files scanned by the CLI (--jobs 1, text report; the JSON and SARIF reports also build every fix, which re-parses the file to check it), best of ${runs} runs:`);
const cliResults = [];
for (const syntax of SYNTAXES) {
  const dir = join(root, syntax.ext);
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  docs.forEach((d, i) => {
    const text = syntax.pick(d);
    bytes += Buffer.byteLength(text);
    writeFileSync(join(dir, `t${i}.${syntax.ext}`), text);
  });
  const times = [];
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    try {
      execFileSync(process.execPath, [cli, 'scan', dir, '--jobs', '1', '--format', 'text', '--output', reportPath, '--fail-on', 'none'], { stdio: 'ignore' });
    } catch {}
    times.push(performance.now() - started);
  }
  const ms = Math.min(...times);
  cliResults.push({ name: syntax.name, ms, usPerKB: (ms * 1000) / (bytes / 1024), bytes });
}
for (const r of cliResults) console.log(`  ${r.name.padEnd(20)} ${String(Math.round(r.bytes / 1024)).padStart(7)} KB ${String(Math.round(r.ms)).padStart(6)} ms ${r.usPerKB.toFixed(1).padStart(7)} µs/KB  ${(r.usPerKB / cliResults[0].usPerKB).toFixed(2)}x JSON`);

// The mixed corpus of issue 15: all three folders in one scan (default threads, text report), against
// a bare loop that reads the same files and parses each with the same parser, in one process each.
const MIXED_GOAL = 0.3;
const timeRun = (args) => {
  const started = performance.now();
  try {
    execFileSync(process.execPath, args, { stdio: 'ignore' });
  } catch {}
  return performance.now() - started;
};
const bareArgs = [join(import.meta.dirname, 'bare-parse.mjs'), root];
const scanArgs = [cli, 'scan', root, '--format', 'text', '--output', reportPath, '--fail-on', 'none'];
timeRun(bareArgs); // warms the page cache
const bareTimes = [];
const scanTimes = [];
for (let r = 0; r < runs; r++) {
  bareTimes.push(timeRun(bareArgs));
  scanTimes.push(timeRun(scanArgs));
}
const bareMs = Math.min(...bareTimes);
const scanMs = Math.min(...scanTimes);
const mixedRatio = bareMs / scanMs;
console.log(`\nMixed corpus (${count * SYNTAXES.length} files: JSON, YAML, Terraform), best of ${runs} runs:`);
console.log(`  bare read + parse with the same parsers: ${Math.round(bareMs)} ms; CLI scan (default threads): ${Math.round(scanMs)} ms`);
console.log(`  ratio bare/CLI: ${mixedRatio.toFixed(2)} (goal >= ${MIXED_GOAL}) ${mixedRatio >= MIXED_GOAL ? 'met' : 'MISSED'}`);
rmSync(root, { recursive: true, force: true });
