// IAM wildcard matching (`*` any run, `?` one character) for patterns taken from documents: no
// regular expression is ever built from them, matching stays bounded by the text's length, and the
// cache of compiled patterns is bounded too (keys are the pattern itself: nothing can collide).
import { compileGlob, matchesGlob, type CompiledGlob } from './catalog-glob';

const CACHE_LIMIT = 4096;
const caches = { sensitive: new Map<string, CompiledGlob>(), insensitive: new Map<string, CompiledGlob>() };

function compiled(pattern: string, caseInsensitive: boolean): CompiledGlob {
  const cache = caseInsensitive ? caches.insensitive : caches.sensitive;
  let glob = cache.get(pattern);
  if (!glob) {
    glob = compileGlob(caseInsensitive ? pattern.toLowerCase() : pattern);
    // Long patterns are rare and cheap to compile again: only short ones are worth keeping.
    if (pattern.length <= 512) {
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(pattern, glob);
    }
  }
  return glob;
}

/** Whether `text` matches the IAM pattern as a whole; case-insensitive unless told otherwise (ARNs are case-sensitive). */
export function globMatch(pattern: string, text: string, caseInsensitive = true): boolean {
  return matchesGlob(compiled(pattern, caseInsensitive), caseInsensitive ? text.toLowerCase() : text);
}

export { hasWildcard } from './catalog-glob';
