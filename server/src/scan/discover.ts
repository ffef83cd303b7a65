// Finds candidate files lazily: one directory listing at a time, so huge trees never sit in memory.
import { promises as fs, type Dirent } from 'node:fs';
import * as path from 'node:path';

/** Folders never descended into unless named on the command line. */
export const DEFAULT_EXCLUDED_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git', '.terraform', 'cdk.out']);

// Where policies live in practice; extension-less files (e.g. `policy`) are read too, and content decides.
// Source code and logs stay out: a script quoting a policy fragment is not a broken policy document.
const CANDIDATE_EXTENSIONS: ReadonlySet<string> = new Set([
  '.json', '.jsonc', '.template', '.policy', '.txt', '.yaml', '.yml', '.tf', '.tpl', '.tftpl',
]);

export function isCandidateFileName(name: string): boolean {
  const ext = path.extname(name).toLowerCase();
  // `.eslintrc`-style names have no real extension: extname returns '' for them.
  return ext === '' || CANDIDATE_EXTENSIONS.has(ext);
}

export interface DiscoveredFile {
  absolutePath: string;
  displayPath: string;
  /** The folder listing said regular file (not a link): the reader need not ask again before opening it. */
  listedRegular?: boolean;
}

/** Shows a path as the user gave it, or relative to the current directory, always with forward slashes. */
export function displayPathFor(givenRoot: string, absoluteRoot: string, relativeToRoot: string, cwd: string): string {
  let shown: string;
  if (path.isAbsolute(givenRoot)) {
    const absolute = path.join(absoluteRoot, relativeToRoot);
    const fromCwd = path.relative(cwd, absolute);
    shown = fromCwd !== '' && !fromCwd.startsWith('..') && !path.isAbsolute(fromCwd) ? fromCwd : absolute;
  } else {
    shown = path.normalize(path.join(givenRoot, relativeToRoot));
  }
  return shown.split(path.sep).join('/');
}

async function isDirectoryLink(absolutePath: string): Promise<boolean | undefined> {
  try {
    return (await fs.stat(absolutePath)).isDirectory();
  } catch {
    return undefined; // dangling link
  }
}

/**
 * Yields the files under each root in a stable order: roots as given, then each root's files
 * in path order. Symbolic links to files are followed, links to folders are not (cycles).
 */
export async function* discoverFiles(
  roots: readonly string[],
  cwd: string,
  onError: (displayPath: string, message: string) => void,
  excludedDirs: ReadonlySet<string> = DEFAULT_EXCLUDED_DIRS,
): AsyncGenerator<DiscoveredFile> {
  for (const root of roots) {
    const absoluteRoot = path.resolve(cwd, root);
    const rootStat = await fs.stat(absoluteRoot);
    const displayPath = displayPathFor(root, absoluteRoot, '', cwd);
    if (rootStat.isDirectory()) yield* walkDirectory(root, absoluteRoot, '', cwd, onError, excludedDirs);
    // A file named on the command line is always read, whatever its extension.
    else if (rootStat.isFile()) yield { absolutePath: absoluteRoot, displayPath };
    // Opening a FIFO or a device would block or never end.
    else onError(displayPath, 'not a regular file or folder');
  }
}

async function* walkDirectory(
  givenRoot: string,
  absoluteRoot: string,
  relativeDir: string,
  cwd: string,
  onError: (displayPath: string, message: string) => void,
  excludedDirs: ReadonlySet<string>,
): AsyncGenerator<DiscoveredFile> {
  const absoluteDir = path.join(absoluteRoot, relativeDir);
  let entries;
  try {
    entries = await fs.readdir(absoluteDir, { withFileTypes: true });
  } catch (error) {
    onError(displayPathFor(givenRoot, absoluteRoot, relativeDir, cwd), (error as Error).message);
    return;
  }
  // Sorting folders as "name/" makes this depth-first walk list files in plain path order.
  const sortKey = (entry: Dirent): string => (entry.isDirectory() ? `${entry.name}/` : entry.name);
  entries.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
  for (const entry of entries) {
    const relativePath = path.join(relativeDir, entry.name);
    const absolutePath = path.join(absoluteRoot, relativePath);
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      const target = await isDirectoryLink(absolutePath);
      isDirectory = false; // never follow folder links
      isFile = target === false;
    }
    if (isDirectory) {
      if (!excludedDirs.has(entry.name)) yield* walkDirectory(givenRoot, absoluteRoot, relativePath, cwd, onError, excludedDirs);
    } else if (isFile && isCandidateFileName(entry.name)) {
      yield { absolutePath, displayPath: displayPathFor(givenRoot, absoluteRoot, relativePath, cwd), listedRegular: !entry.isSymbolicLink() };
    }
  }
}
