// Command-line entry: paths -> findings -> a reporter -> exit code.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, ConfigFinder, configExcludes, lintOptionsFor } from './config';
import { ruleMeta, RULES, type Severity, type SeveritySetting } from './engine';
import { Baseline, BaselineWriter } from './scan/baseline';
import { createJsonReporter } from './report/json';
import { createSarifReporter } from './report/sarif';
import { emptySummary, type Reporter, type Write } from './report/summary';
import { createTextReporter, printable } from './report/text';
import { explainMain } from './explain';
import { discoverFiles } from './scan/discover';
import { runScan } from './scan/run-scan';
import type { FileResult, FileScanOptions, ReportedFinding } from './scan/types';

const EXIT_OK = 0;
const EXIT_FINDINGS = 1;
const EXIT_ERROR = 2; // usage errors, missing paths and internal errors

const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;
const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];
const FAIL_ON = ['error', 'warning', 'information', 'none'] as const;
type FailOn = (typeof FAIL_ON)[number];
const RULE_LEVELS: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];
const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

const HELP = `Usage: kms-policy-lint scan [options] [paths...]
       kms-policy-lint explain [--base GIT-REF] FILE...   who can use each key (see docs/access-summary.md)
       kms-policy-lint --list-rules | --explain RULE | --print-config FILE

Lints AWS KMS key policies and IAM policies in files and folders (default: the current
folder). Folders are searched recursively, skipping node_modules, .git, .terraform and
cdk.out; which files hold policies is decided by their content.

Options:
  -f, --format text|json|sarif   report format (default: text)
  -o, --output FILE              write the report to FILE instead of standard output
      --fail-on LEVEL            exit 1 when a finding is at or above LEVEL:
                                 error, warning (default), information, or none
      --fix                      apply the safe fixes in place: those that remove nothing but
                                 the permission a finding is about and need no value from you
      --fix-suggestions          with --fix (or alone), also apply each finding's preferred
                                 suggestion; a placeholder it writes stays a warning
      --rule ID=LEVEL            set a rule's severity: error, warning, information, hint, off
                                 (repeatable)
      --account ID               an account id of your own, 12 digits (repeatable)
      --baseline FILE            report only findings the baseline FILE does not list
      --write-baseline FILE      write every finding of this scan to FILE as the baseline
      --fail-on-empty            exit 2 when no file holds a policy (a mistyped path, say)
  -j, --jobs N                   worker threads (default: none on 1-2 cores, else one per core
                                 but one; 1 = no workers)
  -h, --help                     show this help
  -v, --version                  show the version
      --list-rules               list the rules: id, default severity, what it finds, docs page
      --explain RULE             print a rule's documentation page
      --print-config FILE        print the configuration that applies to FILE

A configuration file (.kms-policy-lint.json, .kms-policy-lint.yaml, or a "kmsPolicyLint" key in
package.json) is looked up from each file's folder upward; the nearest one applies. Options given
here take precedence over it.

Exit status: 0 no finding at or above --fail-on, 1 some, 2 usage error, missing path or
internal error.
`;

class UsageError extends Error {}

interface CliOptions {
  paths: string[];
  format: Format;
  output?: string;
  failOn: FailOn;
  fix: boolean;
  fixSuggestions: boolean;
  rules: Record<string, SeveritySetting>;
  accounts: string[];
  jobs?: number;
  baseline?: string;
  writeBaseline?: string;
  failOnEmpty: boolean;
}

function packageVersion(): string {
  // dist/cli.js sits one level below the package root; the TypeScript source two.
  for (const candidate of [path.join(__dirname, '..', 'package.json'), path.join(__dirname, '..', '..', 'package.json')]) {
    try {
      const manifest = JSON.parse(fs.readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'kms-policy-lint' && manifest.version) return manifest.version;
    } catch {
      // try the next candidate
    }
  }
  return '0.0.0';
}

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')}; got "${value}"`);
}

type ParsedCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'list-rules' }
  | { kind: 'explain-rule'; rule: string }
  | { kind: 'print-config'; file: string }
  | { kind: 'scan'; options: CliOptions };

export function parseCommandLine(argv: readonly string[]): ParsedCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        'fail-on': { type: 'string' },
        fix: { type: 'boolean' },
        'fix-suggestions': { type: 'boolean' },
        rule: { type: 'string', multiple: true },
        account: { type: 'string', multiple: true },
        jobs: { type: 'string', short: 'j' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        'list-rules': { type: 'boolean' },
        explain: { type: 'string' },
        'print-config': { type: 'string' },
        baseline: { type: 'string' },
        'write-baseline': { type: 'string' },
        'fail-on-empty': { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  if (values['list-rules']) return { kind: 'list-rules' };
  if (values.explain !== undefined) {
    if (!ruleMeta(values.explain)) throw new UsageError(`unknown rule "${values.explain}" (see --list-rules)`);
    return { kind: 'explain-rule', rule: values.explain };
  }
  if (values['print-config'] !== undefined) return { kind: 'print-config', file: values['print-config'] };
  const [command, ...paths] = positionals;
  if (command !== 'scan') throw new UsageError(command === undefined ? 'missing command: scan' : `unknown command "${command}"`);

  const rules: Record<string, SeveritySetting> = {};
  for (const setting of values.rule ?? []) {
    const match = /^([^=]+)=(.*)$/.exec(setting);
    if (!match) throw new UsageError(`--rule takes ID=LEVEL; got "${setting}"`);
    const [, id, level] = match;
    if (!ruleMeta(id.trim())) throw new UsageError(`unknown rule "${id.trim()}"`);
    rules[id.trim()] = oneOf(level.trim(), RULE_LEVELS, `--rule ${id.trim()}`);
  }
  const accounts = (values.account ?? []).map((account) => {
    if (!/^\d{12}$/.test(account)) throw new UsageError(`--account takes a 12-digit account id; got "${account}"`);
    return account;
  });
  let jobs: number | undefined;
  if (values.jobs !== undefined) {
    jobs = Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs takes a positive whole number; got "${values.jobs}"`);
  }
  return {
    kind: 'scan',
    options: {
      // A path named twice (`scan . ./`) is scanned once.
      paths: paths.length > 0 ? paths.filter((p, i) => paths.findIndex((q) => path.resolve(q) === path.resolve(p)) === i) : ['.'],
      format: oneOf(values.format ?? 'text', FORMATS, '--format'),
      output: values.output,
      failOn: oneOf(values['fail-on'] ?? 'warning', FAIL_ON, '--fail-on'),
      fix: (values.fix ?? false) || (values['fix-suggestions'] ?? false),
      fixSuggestions: values['fix-suggestions'] ?? false,
      rules,
      accounts,
      jobs,
      baseline: values.baseline,
      writeBaseline: values['write-baseline'],
      failOnEmpty: values['fail-on-empty'] ?? false,
    },
  };
}

function comparePosition(a: ReportedFinding, b: ReportedFinding): number {
  const s = a.range.start;
  const t = b.range.start;
  return s.line - t.line || s.character - t.character
    || a.range.end.line - b.range.end.line || a.range.end.character - b.range.end.character
    || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
    || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}

function createReporter(format: Format, write: Write, cwd: string): Reporter {
  if (format === 'json') return createJsonReporter(write);
  if (format === 'sarif') return createSarifReporter(write, packageVersion(), cwd);
  return createTextReporter(write);
}

/** Report text is gathered up to this many characters and written in one call: one system call per ~64 KB, not per file. */
const OUTPUT_CHUNK = 64 * 1024;

interface Output {
  write: Write;
  /** Writes what is gathered: before anything goes to stderr, so the two streams keep their order on a terminal. */
  flush: () => void;
  close: () => void;
}

function openOutput(output: string | undefined): Output {
  let target: (chunk: string) => void;
  let closeTarget: () => void = () => undefined;
  if (output === undefined) target = (chunk) => void process.stdout.write(chunk);
  else {
    let fd: number;
    try {
      fd = fs.openSync(output, 'w');
    } catch (error) {
      throw new UsageError(`cannot write ${output}: ${(error as Error).message}`);
    }
    target = (chunk) => void fs.writeSync(fd, chunk);
    closeTarget = () => fs.closeSync(fd);
  }
  let pending: string[] = [];
  let pendingLength = 0;
  const flush = (): void => {
    if (pendingLength === 0) return;
    const chunk = pending.join('');
    pending = [];
    pendingLength = 0;
    target(chunk);
  };
  return {
    write: (chunk) => {
      pending.push(chunk);
      pendingLength += chunk.length;
      if (pendingLength >= OUTPUT_CHUNK) flush();
    },
    flush,
    close: () => {
      flush();
      closeTarget();
    },
  };
}

async function scan(options: CliOptions): Promise<number> {
  const cwd = process.cwd();
  for (const given of options.paths) {
    if (!fs.existsSync(path.resolve(cwd, given))) throw new UsageError(`no such file or folder: ${given}`);
  }
  const output = openOutput(options.output);
  const reporter = createReporter(options.format, output.write, cwd);
  const warn = (line: string): void => {
    output.flush();
    process.stderr.write(line);
  };
  const summary = emptySummary();
  const failRank = options.failOn === 'none' ? -1 : SEVERITY_RANK[options.failOn];
  let failed = false;
  const fileOptions: FileScanOptions = {
    // The text report shows no fixes: only JSON, SARIF and --fix need them computed.
    lint: { accounts: options.accounts, rules: options.rules, fixes: options.format !== 'text' || options.fix },
    fix: options.fix,
    fixMode: options.fixSuggestions ? 'suggestions' : 'safe',
    maxFileBytes: DEFAULT_MAX_FILE_BYTES,
  };

  let baseline: Baseline | undefined;
  if (options.baseline !== undefined) {
    try {
      baseline = Baseline.read(path.resolve(cwd, options.baseline));
    } catch (error) {
      throw new UsageError(`cannot use baseline ${options.baseline}: ${(error as Error).message}`);
    }
  }
  const baselineWriter = options.writeBaseline === undefined ? undefined : new BaselineWriter(path.resolve(cwd, options.writeBaseline));
  const shownProblems = new Set<string>();
  let configBroken = false;

  const onResult = (result: FileResult): void => {
    const outcome = result.outcome;
    let findings: ReportedFinding[] = [];
    switch (outcome.kind) {
      case 'linted':
        summary.filesScanned++;
        if (outcome.recognized) summary.filesWithPolicies++;
        if (outcome.fixesApplied > 0) {
          summary.fixesApplied += outcome.fixesApplied;
          summary.filesFixed++;
        }
        if (outcome.fixRefused) warn(`kms-policy-lint: ${printable(result.displayPath)} ${outcome.fixRefused}\n`);
        findings = [...outcome.findings].sort(comparePosition);
        baselineWriter?.add(result.absolutePath, findings);
        if (baseline) findings = baseline.filter(result.absolutePath, findings);
        break;
      case 'skipped':
        summary.skipped[outcome.reason]++;
        break;
      case 'unreadable':
        summary.unreadable++;
        if (outcome.message.startsWith('invalid configuration ')) {
          // One broken configuration file is said once, not once per file below it.
          configBroken = true;
          if (!shownProblems.has(outcome.message)) warn(`kms-policy-lint: ${printable(outcome.message)}\n`);
          shownProblems.add(outcome.message);
        } else warn(`kms-policy-lint: cannot read ${printable(result.displayPath)}: ${printable(outcome.message)}\n`);
        break;
      case 'internal-error':
        summary.internalErrors++;
        warn(`kms-policy-lint: internal error on ${printable(result.displayPath)}: ${outcome.message}\n`);
        break;
    }
    for (const finding of findings) {
      summary.findingsBySeverity[finding.severity]++;
      if (SEVERITY_RANK[finding.severity] <= failRank) failed = true;
    }
    reporter.file(result, findings);
  };

  const discovered = discoverFiles(options.paths, cwd, (shown, message) => {
    summary.unreadable++;
    warn(`kms-policy-lint: cannot read ${shown}: ${message}\n`);
  });
  // The report being written is never scanned, even when it lands in a scanned folder.
  const reportPath = options.output === undefined ? undefined : path.resolve(cwd, options.output);
  const files = (async function* withoutReport() {
    for await (const file of discovered) if (file.absolutePath !== reportPath) yield file;
  })();
  try {
    await runScan({
      files,
      fileOptions,
      jobs: options.jobs,
      workerScript: path.join(__dirname, 'scan-worker.js'),
      onResult,
      onWarning: (message) => warn(`kms-policy-lint: ${message}\n`),
    });
    reporter.end(summary);
  } finally {
    output.close();
  }
  if (baselineWriter) {
    const count = baselineWriter.write();
    warn(`kms-policy-lint: wrote ${count} finding${count === 1 ? '' : 's'} to the baseline ${options.writeBaseline}\n`);
  }
  if (summary.filesWithPolicies === 0 && !configBroken) {
    warn(`kms-policy-lint: no policy found in ${summary.filesScanned} file${summary.filesScanned === 1 ? '' : 's'} scanned${options.failOnEmpty ? '' : ' (use --fail-on-empty to make this an error)'}\n`);
    if (options.failOnEmpty) return EXIT_ERROR;
  }
  if (summary.internalErrors > 0 || configBroken) return EXIT_ERROR;
  return failed ? EXIT_FINDINGS : EXIT_OK;
}

/** `--list-rules`: one line per rule, for people and for scripts (tab-separated). */
function listRules(): string {
  return RULES.map((rule) => [rule.id, rule.defaultSeverity, rule.description, docsPath(rule.id)].join('\t')).join('\n') + '\n';
}

/** The rule pages ship with the package: dist/ and docs/ sit side by side. */
function docsPath(id: string): string {
  for (const candidate of [path.join(__dirname, '..', 'docs', 'rules', `${id}.md`), path.join(__dirname, '..', '..', 'docs', 'rules', `${id}.md`)]) {
    if (fs.existsSync(candidate)) return candidate;
  }
  return `docs/rules/${id}.md`;
}

function printConfig(file: string): string {
  const config = new ConfigFinder().forFile(path.resolve(file));
  const effective = { configFile: config?.file ?? null, ...lintOptionsFor(config, path.resolve(file)), excluded: configExcludes(config, path.resolve(file)) };
  return `${JSON.stringify(effective, null, 2)}\n`;
}

export async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] === 'explain') return explainMain(argv.slice(1));
  try {
    const command = parseCommandLine(argv);
    if (command.kind === 'help') {
      process.stdout.write(HELP);
      return EXIT_OK;
    }
    if (command.kind === 'version') {
      process.stdout.write(`${packageVersion()}\n`);
      return EXIT_OK;
    }
    if (command.kind === 'list-rules') {
      process.stdout.write(listRules());
      return EXIT_OK;
    }
    if (command.kind === 'explain-rule') {
      const page = docsPath(command.rule);
      if (!fs.existsSync(page)) throw new UsageError(`no documentation page for ${command.rule} at ${page}`);
      process.stdout.write(fs.readFileSync(page, 'utf8'));
      return EXIT_OK;
    }
    if (command.kind === 'print-config') {
      try {
        process.stdout.write(printConfig(command.file));
      } catch (error) {
        if (error instanceof ConfigError) throw new UsageError(`invalid configuration ${error.message}`);
        throw error;
      }
      return EXIT_OK;
    }
    // Terraform's parser is WebAssembly: it loads when the first file that may hold HCL comes
    // (see runScan); a scan of JSON and YAML never pays for it.
    return await scan(command.options);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`kms-policy-lint: ${error.message}\nRun "kms-policy-lint --help" for usage.\n`);
      return EXIT_ERROR;
    }
    process.stderr.write(`kms-policy-lint: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT_ERROR;
  }
}

// A reader that goes away (e.g. `| head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT_OK);
});

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
