// Workspace folders and the file-URI <-> path mapping the scan and the settings lookups need.
import { isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { WorkspaceFolder } from 'vscode-languageserver/node';

export interface Folder {
  uri: string;
  path: string;
  name: string;
}

/** The file-system path of a `file:` URI; undefined for untitled and other schemes. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}

/** True when `path` is `folder` or lies below it. */
export function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** A path relative to `folder` with forward slashes, as globs expect. */
export function toGlobPath(folder: string, path: string): string {
  return relative(folder, path).split(sep).join('/');
}

export class WorkspaceFolders {
  private folders: Folder[] = [];

  get all(): readonly Folder[] {
    return this.folders;
  }

  set(folders: readonly WorkspaceFolder[] | null | undefined): void {
    this.folders = [];
    for (const folder of folders ?? []) this.add(folder);
  }

  add(folder: WorkspaceFolder): void {
    const path = uriToPath(folder.uri);
    if (path && !this.folders.some((f) => f.path === path)) this.folders.push({ uri: folder.uri, path, name: folder.name });
  }

  remove(folder: WorkspaceFolder): void {
    this.folders = this.folders.filter((f) => f.uri !== folder.uri);
  }

  /** The innermost folder holding the path (nested folders happen in multi-root workspaces). */
  containing(path: string): Folder | undefined {
    let best: Folder | undefined;
    for (const folder of this.folders) {
      if (isInside(path, folder.path) && (!best || folder.path.length > best.path.length)) best = folder;
    }
    return best;
  }

  /** The path as include/exclude globs see it: relative to its folder, else absolute with forward slashes. */
  globPath(path: string): string {
    const folder = this.containing(path);
    return folder ? toGlobPath(folder.path, path) : path.split(sep).join('/');
  }
}
