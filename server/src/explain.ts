// `kms-policy-lint explain`: who can use, administer and hand out grants on each key policy of the
// files, and with --base, what a change does to that access (Markdown for a pull-request comment).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { nodeChildProcess } from './lazy-builtins';
import { readDocument } from './engine';
import { accessOfDocument, type AccessOptions, type PolicyAccess } from './engine/access';
import { diffDocuments, formatChangesMarkdown, formatChangesText, widensOutside, type FileChanges } from './engine/access/diff';
import { inlineCode, printable } from './engine/access/escape';
import { formatAccessMarkdown, formatAccessText } from './engine/access/format';
import { discoverFiles, isCandidateFileName } from './scan/discover';

const EXIT_OK = 0;
const EXIT_NEW_ACCESS = 1;
const EXIT_ERROR = 2;
const MAX_FILE_BYTES = 5 * 1024 * 1024;
const FORMATS = ['text', 'json', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

export const EXPLAIN_HELP = `Usage: kms-policy-lint explain [options] FILE...
       kms-policy-lint explain --base GIT-REF [options] PATH...

Shows, for each KMS key policy in the files, who can use the key, administer it and create
grants on it, through which statements and under which conditions. Folders are searched as
scan searches them.

With --base, compares each file as it is at GIT-REF with the working tree and prints what
access the change adds and removes, as Markdown fit for a pull-request comment.

Options:
  -f, --format text|json|markdown  output format (default: text; markdown with --base)
      --base GIT-REF               compare with the files at this commit, branch or tag
      --fail-on-new-access         with --base: exit 1 when the change lets anyone outside
                                   the own account (or of an account we cannot tell) do more
      --account ID                 an account id of your own, 12 digits (repeatable)
  -h, --help                       show this help

Exit status: 0 done, 1 new access outside the own account (with --fail-on-new-access),
2 usage error, missing file, git error or internal error.
`;

class UsageError extends Error {}
class GitError extends Error {}

interface ExplainOptions {
  paths: string[];
  format: Format;
  base?: string;
  failOnNewAccess: boolean;
  accounts: string[];
}

type Write = (text: string) => void;

export function parseExplainArgs(argv: readonly string[]): ExplainOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        base: { type: 'string' },
        'fail-on-new-access': { type: 'boolean' },
        account: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const format = values.format ?? (values.base !== undefined ? 'markdown' : 'text');
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}; got "${format}"`);
  if (values.base !== undefined && (values.base === '' || values.base.startsWith('-') || /[\u0000-\u001f\u007f]/.test(values.base))) {
    throw new UsageError(`--base takes a git commit, branch or tag; got "${values.base}"`);
  }
  if (values['fail-on-new-access'] && values.base === undefined) throw new UsageError('--fail-on-new-access needs --base');
  if (positionals.length === 0) throw new UsageError(values.base !== undefined ? 'explain --base needs at least one path' : 'explain needs at least one file');
  const accounts = (values.account ?? []).map((account) => {
    if (!/^\d{12}$/.test(account)) throw new UsageError(`--account takes a 12-digit account id; got "${account}"`);
    return account;
  });
  return { paths: positionals, format: format as Format, base: values.base, failOnNewAccess: values['fail-on-new-access'] ?? false, accounts };
}

function readText(absolutePath: string): string | undefined {
  const size = fs.statSync(absolutePath).size;
  if (size > MAX_FILE_BYTES) return undefined;
  return fs.readFileSync(absolutePath, 'utf8');
}

function accessOf(text: string, fileName: string, options: AccessOptions): PolicyAccess[] {
  return accessOfDocument(readDocument(text, { fileName }), options);
}

async function explainFiles(options: ExplainOptions, write: Write): Promise<number> {
  const cwd = process.cwd();
  for (const given of options.paths) {
    if (!fs.existsSync(path.resolve(cwd, given))) throw new UsageError(`no such file or folder: ${given}`);
  }
  let failed = false;
  const results: { path: string; policies: PolicyAccess[] }[] = [];
  const named = new Set(options.paths.map((p) => path.resolve(cwd, p)));
  for await (const file of discoverFiles(options.paths, cwd, (shown, message) => {
    failed = true;
    process.stderr.write(`kms-policy-lint: cannot read ${shown}: ${message}\n`);
  })) {
    let policies: PolicyAccess[];
    try {
      const text = readText(file.absolutePath);
      if (text === undefined) {
        process.stderr.write(`kms-policy-lint: skipped ${file.displayPath}: larger than ${MAX_FILE_BYTES} bytes\n`);
        continue;
      }
      policies = accessOf(text, file.absolutePath, { accounts: options.accounts });
    } catch (error) {
      failed = true;
      process.stderr.write(`kms-policy-lint: cannot explain ${file.displayPath}: ${(error as Error).message}\n`);
      continue;
    }
    // Files found in a folder are shown only when they hold a key policy; files named are always answered.
    if (policies.length > 0 || named.has(file.absolutePath)) results.push({ path: file.displayPath, policies });
  }
  if (options.format === 'json') {
    write(JSON.stringify({ files: results }, null, 2) + '\n');
  } else {
    const blocks: string[] = [];
    for (const result of results) {
      if (result.policies.length === 0) {
        blocks.push(options.format === 'markdown' ? `### ${inlineCode(result.path)}\n\nNo key policy.\n` : `${printable(result.path)}: no key policy\n`);
        continue;
      }
      for (const access of result.policies) blocks.push(options.format === 'markdown' ? formatAccessMarkdown(access, result.path) : formatAccessText(access, result.path));
    }
    write(blocks.join('\n'));
  }
  return failed ? EXIT_ERROR : EXIT_OK;
}

// ---- --base: the same files at a git commit.

function git(args: readonly string[], cwd: string): string {
  try {
    // An argument array, never a shell: file names and refs are passed as they are.
    return nodeChildProcess().execFileSync('git', [...args], {
      cwd,
      encoding: 'utf8',
      maxBuffer: MAX_FILE_BYTES * 4,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' },
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.toString().trim();
    throw new GitError(stderr || (error as Error).message);
  }
}

function gitSucceeds(args: readonly string[], cwd: string): boolean {
  try {
    git(args, cwd);
    return true;
  } catch {
    return false;
  }
}

interface BaseRepository {
  top: string;
  commit: string;
}

function openRepository(ref: string, cwd: string): BaseRepository {
  let top: string;
  try {
    top = git(['rev-parse', '--show-toplevel'], cwd).replace(/\r?\n$/, '');
  } catch (error) {
    throw new UsageError(`--base needs a git repository: ${(error as Error).message}`);
  }
  let commit: string;
  try {
    commit = git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], cwd).trim();
  } catch {
    throw new UsageError(`--base: "${ref}" is not a commit, branch or tag of this repository`);
  }
  return { top, commit };
}

/** The path as git names it inside the repository: relative to its top, with forward slashes. */
function repositoryPath(repo: BaseRepository, absolutePath: string): string | undefined {
  const rel = path.relative(repo.top, absolutePath);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}

/** The file's text at the base commit; undefined when it is not there, `null` when it is too large to read. */
function baseText(repo: BaseRepository, rel: string): string | undefined | null {
  const spec = `${repo.commit}:${rel}`;
  let size: number;
  try {
    size = Number(git(['cat-file', '-s', spec], repo.top).trim());
  } catch {
    return undefined;
  }
  if (!(size <= MAX_FILE_BYTES)) return null;
  // --no-textconv: a filter configured for the repository never runs on what we read.
  return git(['show', '--no-textconv', spec], repo.top);
}

/** Files under a folder at the base commit (so a deleted policy file is compared too). */
function baseFilesUnder(repo: BaseRepository, rel: string): string[] {
  const listing = git(['ls-tree', '-r', '-z', '--name-only', '--full-tree', repo.commit, '--', `:(literal)${rel === '' ? '.' : rel}`], repo.top);
  return listing.split('\0').filter((name) => name !== '' && isCandidateFileName(path.posix.basename(name)));
}

async function explainChanges(options: ExplainOptions, write: Write): Promise<number> {
  const cwd = process.cwd();
  const repo = openRepository(options.base!, cwd);
  const files = new Map<string, string>(); // absolute path -> shown path
  const show = (absolutePath: string) => path.relative(cwd, absolutePath).split(path.sep).join('/') || absolutePath;
  for (const given of options.paths) {
    const absolute = path.resolve(cwd, given);
    const rel = repositoryPath(repo, absolute) ?? (absolute === repo.top ? '' : undefined);
    if (rel === undefined) throw new UsageError(`${given} is outside the repository at ${repo.top}`);
    const stat = fs.statSync(absolute, { throwIfNoEntry: false });
    if (stat?.isDirectory()) {
      for await (const file of discoverFiles([absolute], cwd, (shown, message) => process.stderr.write(`kms-policy-lint: cannot read ${shown}: ${message}\n`))) {
        files.set(file.absolutePath, show(file.absolutePath));
      }
      for (const name of baseFilesUnder(repo, rel)) {
        const absolutePath = path.join(repo.top, ...name.split('/'));
        files.set(absolutePath, show(absolutePath));
      }
    } else if (stat?.isFile() || gitSucceeds(['cat-file', '-e', `${repo.commit}:${rel}`], repo.top)) {
      files.set(absolute, show(absolute));
    } else {
      throw new UsageError(`no such file or folder, here or at ${options.base}: ${given}`);
    }
  }
  const results: FileChanges[] = [];
  let failed = false;
  for (const [absolutePath, shown] of [...files].sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))) {
    try {
      const rel = repositoryPath(repo, absolutePath)!;
      const before = baseText(repo, rel);
      const exists = fs.statSync(absolutePath, { throwIfNoEntry: false })?.isFile() ?? false;
      const after = exists ? readText(absolutePath) : undefined;
      if (before === null || (exists && after === undefined)) {
        process.stderr.write(`kms-policy-lint: skipped ${shown}: larger than ${MAX_FILE_BYTES} bytes\n`);
        continue;
      }
      const accessBefore = before === undefined ? [] : accessOf(before, absolutePath, { accounts: options.accounts });
      const accessAfter = after === undefined ? [] : accessOf(after, absolutePath, { accounts: options.accounts });
      if (accessBefore.length === 0 && accessAfter.length === 0) continue;
      results.push({ path: shown, status: before === undefined ? 'added' : after === undefined ? 'deleted' : 'modified', policies: diffDocuments(accessBefore, accessAfter) });
    } catch (error) {
      failed = true;
      process.stderr.write(`kms-policy-lint: cannot compare ${shown}: ${(error as Error).message}\n`);
    }
  }
  const widens = results.some((file) => file.policies.some((policy) => policy.changes.some(widensOutside)));
  if (options.format === 'json') write(JSON.stringify({ base: options.base, commit: repo.commit, widensAccessOutsideOwnAccount: widens, files: results }, null, 2) + '\n');
  else if (options.format === 'markdown') write(formatChangesMarkdown(results, options.base!));
  else write(formatChangesText(results, options.base!));
  if (failed) return EXIT_ERROR;
  return options.failOnNewAccess && widens ? EXIT_NEW_ACCESS : EXIT_OK;
}

/** Runs `explain` with the arguments after the subcommand; returns the exit code. */
export async function explainMain(argv: readonly string[], write: Write = (text) => void process.stdout.write(text)): Promise<number> {
  try {
    const options = parseExplainArgs(argv);
    if (options === 'help') {
      write(EXPLAIN_HELP);
      return EXIT_OK;
    }
    return options.base !== undefined ? await explainChanges(options, write) : await explainFiles(options, write);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`kms-policy-lint: ${error.message}\n${EXPLAIN_HELP.split('\n', 2).join('\n')}\n`);
      return EXIT_ERROR;
    }
    if (error instanceof GitError) {
      process.stderr.write(`kms-policy-lint: git: ${error.message}\n`);
      return EXIT_ERROR;
    }
    process.stderr.write(`kms-policy-lint: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT_ERROR;
  }
}
