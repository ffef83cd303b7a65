// IAM wildcard matching without regular expressions built from input: `*` matches any run of characters,
// `?` exactly one. A pattern is split once at its stars; each literal segment is then found greedily,
// leftmost first, which is exact for star-only globs. Since every non-star character of the pattern
// consumes one character of the text, a pattern with more of them than the text has characters is
// rejected before any scan, so the work is bounded by the text's length squared, never the pattern's.

export interface CompiledGlob {
  /** The pattern between its stars; empty segments from `**` are dropped. */
  readonly segments: readonly string[];
  /** Whether the pattern has at least one `*`. */
  readonly hasStar: boolean;
  /** Whether the pattern starts with a literal segment that must sit at the text's start. */
  readonly anchoredStart: boolean;
  /** Whether the pattern ends with a literal segment that must sit at the text's end. */
  readonly anchoredEnd: boolean;
  /** How many characters the pattern needs at least: its non-star characters. */
  readonly minLength: number;
}

export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

/** Compiles a glob for repeated matching; case-sensitive (lower-case both sides for IAM's case-insensitive actions). */
export function compileGlob(pattern: string): CompiledGlob {
  const parts = pattern.split('*');
  const hasStar = parts.length > 1;
  const segments = parts.filter((part) => part.length > 0);
  return {
    segments,
    hasStar,
    anchoredStart: !hasStar || parts[0].length > 0,
    anchoredEnd: !hasStar || parts[parts.length - 1].length > 0,
    minLength: segments.reduce((sum, segment) => sum + segment.length, 0),
  };
}

function segmentMatchesAt(text: string, at: number, segment: string): boolean {
  for (let i = 0; i < segment.length; i++) {
    const p = segment.charCodeAt(i);
    if (p !== 63 /* ? */ && p !== text.charCodeAt(at + i)) return false;
  }
  return true;
}

function indexOfSegment(text: string, segment: string, from: number, lastStart: number): number {
  for (let at = from; at <= lastStart; at++) if (segmentMatchesAt(text, at, segment)) return at;
  return -1;
}

export function matchesGlob(glob: CompiledGlob, text: string): boolean {
  if (text.length < glob.minLength) return false;
  const { segments } = glob;
  if (!glob.hasStar) return text.length === glob.minLength && (segments.length === 0 || segmentMatchesAt(text, 0, segments[0]));
  let first = 0;
  let last = segments.length;
  let start = 0;
  let end = text.length;
  if (glob.anchoredStart) {
    if (!segmentMatchesAt(text, 0, segments[0])) return false;
    start = segments[0].length;
    first = 1;
  }
  if (glob.anchoredEnd && last > first) {
    const tail = segments[last - 1];
    if (text.length - tail.length < start || !segmentMatchesAt(text, text.length - tail.length, tail)) return false;
    end = text.length - tail.length;
    last -= 1;
  }
  for (let i = first; i < last; i++) {
    const segment = segments[i];
    const at = indexOfSegment(text, segment, start, end - segment.length);
    if (at < 0) return false;
    start = at + segment.length;
  }
  return true;
}

/** One-off match; compile once with {@link compileGlob} when matching one pattern against many texts. */
export function globMatches(pattern: string, text: string): boolean {
  return matchesGlob(compileGlob(pattern), text);
}
