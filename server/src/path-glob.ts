// Path globs from settings and config files (`**/node_modules/**`, `policies/*.json`,
// `**/*.{yaml,yml}`), matched without building a regular expression from them: a pattern is
// compiled into a small automaton and every path is matched in one pass over its characters
// (time: path length x pattern size, whatever the pattern). Workspace settings are untrusted input;
// a pathological glob must not hang the server.
//
// Syntax: `*` any run within a segment, `?` one character but `/`, `[abc]` / `[a-z]` / `[!a]` one
// character of a class, `{a,b}` alternatives (no nesting), `**` as a whole segment any number of
// segments (also none). Patterns are relative to the folder they apply to: `*.tf` matches only at
// its top (write `**/*.tf` for any depth); a leading `./` is ignored; a trailing `/` means
// everything below that folder. Dot files match like any other.

const MAX_PATTERN = 1024;
const MAX_ALTERNATIVES = 64;

type Edge = { readonly test: (c: string) => boolean; readonly to: number };

interface Automaton {
  /** Per state: edges that consume one character, and states reachable without consuming one. */
  readonly edges: Edge[][];
  readonly free: number[][];
  readonly accept: number;
}

export interface PathGlob {
  readonly source: string;
  matches(path: string): boolean;
}

const ANY = (): boolean => true;
const NOT_SLASH = (c: string): boolean => c !== '/';

function expandBraces(pattern: string): string[] {
  const open = pattern.indexOf('{');
  if (open < 0) return [pattern];
  const close = pattern.indexOf('}', open);
  if (close < 0) return [pattern];
  const options = pattern.slice(open + 1, close).split(',');
  const out: string[] = [];
  for (const option of options) {
    for (const rest of expandBraces(pattern.slice(close + 1))) {
      out.push(pattern.slice(0, open) + option + rest);
      if (out.length >= MAX_ALTERNATIVES) return out;
    }
  }
  return out;
}

function classTest(body: string, caseInsensitive: boolean): (c: string) => boolean {
  const negate = body.startsWith('!') || body.startsWith('^');
  const chars = negate ? body.slice(1) : body;
  const ranges: [string, string][] = [];
  for (let i = 0; i < chars.length; i++) {
    if (chars[i + 1] === '-' && i + 2 < chars.length) {
      ranges.push([chars[i], chars[i + 2]]);
      i += 2;
    } else ranges.push([chars[i], chars[i]]);
  }
  return (c: string) => {
    if (c === '/') return false;
    const x = caseInsensitive ? c.toLowerCase() : c;
    const hit = ranges.some(([lo, hi]) => (caseInsensitive ? (x >= lo.toLowerCase() && x <= hi.toLowerCase()) || (c >= lo && c <= hi) : c >= lo && c <= hi));
    return negate ? !hit : hit;
  };
}

/** Builds the automaton of one brace-free pattern into `a`, from state `start`; returns its end state. */
function build(pattern: string, a: { edges: Edge[][]; free: number[][] }, start: number, caseInsensitive: boolean): number {
  const state = (): number => {
    a.edges.push([]);
    a.free.push([]);
    return a.edges.length - 1;
  };
  const segments = pattern.split('/');
  let current = start;
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (segment === '**') {
      // Any number of whole segments: loop over any character, leave after a `/` (or at the end).
      const loop = state();
      a.free[current].push(loop);
      a.edges[loop].push({ test: ANY, to: loop });
      if (last) {
        current = loop;
      } else {
        const after = state();
        a.edges[loop].push({ test: (c) => c === '/', to: after });
        a.free[current].push(after); // no segment at all
        current = after;
      }
      return;
    }
    for (let i = 0; i < segment.length; i++) {
      const c = segment[i];
      if (c === '*') {
        const loop = state();
        a.free[current].push(loop);
        a.edges[loop].push({ test: NOT_SLASH, to: loop });
        current = loop;
        continue;
      }
      const next = state();
      if (c === '?') a.edges[current].push({ test: NOT_SLASH, to: next });
      else if (c === '[' && segment.indexOf(']', i + 2) > 0) {
        const end = segment.indexOf(']', i + 2);
        a.edges[current].push({ test: classTest(segment.slice(i + 1, end), caseInsensitive), to: next });
        i = end;
      } else {
        const literal = c === '\\' && i + 1 < segment.length ? segment[++i] : c;
        const lower = literal.toLowerCase();
        a.edges[current].push({ test: caseInsensitive ? (x) => x === literal || x.toLowerCase() === lower : (x) => x === literal, to: next });
      }
      current = next;
    }
    if (!last) {
      const next = state();
      a.edges[current].push({ test: (c) => c === '/', to: next });
      current = next;
    }
  });
  return current;
}

function closure(a: Automaton, states: Set<number>): Set<number> {
  const stack = [...states];
  while (stack.length > 0) {
    const s = stack.pop()!;
    for (const t of a.free[s]) {
      if (!states.has(t)) {
        states.add(t);
        stack.push(t);
      }
    }
  }
  return states;
}

export function compilePathGlob(source: string, options: { caseInsensitive?: boolean } = {}): PathGlob {
  const caseInsensitive = options.caseInsensitive ?? false;
  let pattern = source.slice(0, MAX_PATTERN).replace(/\\/g, '/');
  if (pattern.startsWith('./')) pattern = pattern.slice(2);
  if (pattern.endsWith('/')) pattern = `${pattern}**`;
  if (pattern.startsWith('/')) pattern = pattern.slice(1);
  const a = { edges: [[]] as Edge[][], free: [[]] as number[][] };
  const ends: number[] = [];
  for (const alternative of expandBraces(pattern)) ends.push(build(alternative, a, 0, caseInsensitive));
  a.edges.push([]);
  a.free.push([]);
  const accept = a.edges.length - 1;
  for (const end of ends) a.free[end].push(accept);
  const automaton: Automaton = { ...a, accept };
  return {
    source,
    matches(path: string): boolean {
      let current = closure(automaton, new Set([0]));
      for (const c of path.replace(/\\/g, '/')) {
        const next = new Set<number>();
        for (const s of current) for (const edge of automaton.edges[s]) if (edge.test(c)) next.add(edge.to);
        if (next.size === 0) return false;
        current = closure(automaton, next);
      }
      return current.has(automaton.accept);
    },
  };
}

const cache = new Map<string, PathGlob>();

/** Whether a slash-separated relative path matches any of the globs (compiled once each, cache bounded). */
export function matchesAnyPathGlob(path: string, globs: readonly string[], caseInsensitive = false): boolean {
  return globs.some((glob) => {
    const key = `${caseInsensitive ? 'i' : 's'}${glob}`;
    let compiled = cache.get(key);
    if (!compiled) {
      compiled = compilePathGlob(glob, { caseInsensitive });
      if (cache.size >= 1024) cache.clear();
      cache.set(key, compiled);
    }
    return compiled.matches(path);
  });
}
