// Where in a policy the cursor is, read from the text around it, so completion works while the
// document is half typed (and does not parse). JSON, HCL and YAML flow style are read by brackets,
// YAML block style by indentation. The scan is bounded: it never looks further back than a few
// thousand characters, whatever the document.

export type Syntax = 'json' | 'yaml' | 'hcl';

/** One enclosing level, innermost first: the key whose value holds the cursor, and how. */
export interface Level {
  /** The key, without quotes (`Action`, `StringEquals`, `actions`); '' when the container has none. */
  readonly key: string;
  /** `value`: right after `key:`; `list`: an item of the list under key; `map`: a key position in the map under key. */
  readonly as: 'value' | 'list' | 'map';
}

export interface CursorContext {
  /** The partial word before the cursor (`kms:De`), and where it starts. */
  readonly word: string;
  readonly wordStart: number;
  /** The word is inside quotes (the quotes are already there). */
  readonly quoted: boolean;
  readonly levels: readonly Level[];
}

const MAX_LOOKBACK = 20_000;
const MAX_LEVELS = 6;
const WORD = /[A-Za-z0-9:*?_\-/.$]/;

function readKeyBefore(text: string, end: number): { key: string; start: number } | undefined {
  let i = end;
  while (i > 0 && /[ \t]/.test(text[i - 1])) i--;
  if (i > 0 && (text[i - 1] === '"' || text[i - 1] === "'")) {
    const quote = text[i - 1];
    const close = i - 1;
    let open = close - 1;
    while (open >= 0 && text[open] !== quote && close - open < 512) open--;
    if (open < 0 || text[open] !== quote) return undefined;
    return { key: text.slice(open + 1, close), start: open };
  }
  let start = i;
  while (start > 0 && /[A-Za-z0-9_:\-./]/.test(text[start - 1]) && i - start < 256) start--;
  if (start === i) return undefined;
  return { key: text.slice(start, i), start };
}

/** Bracket levels: JSON, HCL, YAML flow. Stops at `limit` (the start of a YAML block line). */
function bracketLevels(text: string, from: number, limit: number, newlineSeparates = false): { levels: Level[]; stoppedAt: number; open: boolean } {
  const levels: Level[] = [];
  let depth = 0;
  let item = false; // passed a separator of the innermost container: the cursor is one of its items/keys
  let pendingValue = true; // the innermost level may still be "value of the key just before"
  let i = from - 1;
  const floor = Math.max(limit, from - MAX_LOOKBACK);
  while (i >= floor && levels.length < MAX_LEVELS) {
    const c = text[i];
    if (c === '"') {
      // Skip a string backwards.
      let j = i - 1;
      while (j >= floor && !(text[j] === '"' && text[j - 1] !== '\\')) j--;
      i = j - 1;
      continue;
    }
    if (depth === 0 && (c === ':' || c === '=') && pendingValue && !item) {
      const key = readKeyBefore(text, i);
      if (key && (c === '=' ? text[i + 1] !== '=' && text[i - 1] !== '=' && text[i - 1] !== '!' : true)) {
        levels.push({ key: key.key, as: 'value' });
        pendingValue = false;
        i = key.start - 1;
        continue;
      }
    }
    if (c === '}' || c === ']' || c === ')') depth++;
    else if (c === '{' || c === '[' || c === '(') {
      if (depth > 0) depth--;
      else {
        const before = (() => {
          let j = i;
          while (j > 0 && /[ \t\r\n]/.test(text[j - 1])) j--;
          return j;
        })();
        const sep = text[before - 1];
        let key = '';
        // Without a key, scanning goes on from the character before the bracket (a `[` holding this `{`).
        let next = before;
        if (sep === ':' || sep === '=') {
          const k = readKeyBefore(text, before - 1);
          if (k) {
            key = k.key;
            next = k.start;
          }
        } else if (c === '{') {
          // An HCL block: `statement {`, `condition {`, `data "aws_iam_policy_document" "x" {`.
          const k = readKeyBefore(text, before);
          if (k) {
            key = k.key;
            next = k.start;
          }
        }
        const as: Level['as'] = c === '[' ? 'list' : 'map';
        if (pendingValue || item || levels.length === 0) levels.push({ key, as });
        else levels.push({ key, as });
        pendingValue = false;
        item = false;
        i = next - 1;
        continue;
      }
    } else if (depth === 0 && pendingValue && (c === ',' || (c === '\n' && newlineSeparates))) {
      // In HCL a new line separates attributes as a comma does.
      item = true;
    }
    i--;
  }
  return { levels, stoppedAt: i, open: levels.length > 0 };
}

function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n') i--;
  return i;
}

function indentOf(line: string): number {
  return /^[ ]*/.exec(line)![0].length;
}

/** YAML block style: parents by indentation. */
function yamlLevels(text: string, offset: number): Level[] {
  const start = lineStartOf(text, offset);
  const before = text.slice(start, offset);
  const levels: Level[] = [];
  let indent: number;
  const keyed = /^(\s*(?:-\s+)*)((?:"[^"]*"|'[^']*'|[^\s:#][^:#]*?))\s*:(?:\s|$)/.exec(before);
  const dash = /^(\s*)-\s+/.exec(before);
  if (keyed && keyed[0].length <= before.length) {
    levels.push({ key: keyed[2].replace(/^["']|["']$/g, ''), as: 'value' });
    indent = keyed[1].length;
    const dashed = /^(\s*)-\s+/.exec(keyed[1]);
    if (dashed) {
      // `- Effect: |`: the key's mapping is an item of the list above.
      const parent = parentKey(text, start, dashed[1].length, true);
      if (parent) {
        levels.push({ key: '', as: 'map' }, { key: parent.key, as: 'list' });
        indent = parent.indent;
      }
    }
  } else if (dash) {
    indent = dash[1].length;
    // The list's key is on a line above, less indented (or at the same indent: `Action:\n- a`).
    const parent = parentKey(text, start, indent, true);
    if (parent) {
      levels.push({ key: parent.key, as: 'list' });
      indent = parent.indent;
    }
  } else {
    indent = indentOf(before);
    const parent = parentKey(text, start, indent, false);
    if (parent) {
      // A key position in a mapping that is itself a list item (`- Sid: x` above) or a key's value.
      if (parent.list) levels.push({ key: '', as: 'map' }, { key: parent.key, as: 'list' });
      else levels.push({ key: parent.key, as: 'map' });
      indent = parent.indent;
    }
  }
  return [...levels, ...blockParents(text, start, indent)];
}

/** The block mapping keys that enclose a line whose content starts at column `indent`. */
function blockParents(text: string, lineStart: number, indent: number): Level[] {
  const levels: Level[] = [];
  let at = lineStart;
  let lineIndent = indent;
  while (levels.length < MAX_LEVELS) {
    const parent = parentKey(text, at, lineIndent, false);
    if (!parent) break;
    if (parent.list) levels.push({ key: '', as: 'map' }, { key: parent.key, as: 'list' });
    else levels.push({ key: parent.key, as: 'map' });
    at = parent.lineStart;
    lineIndent = parent.indent;
  }
  return levels;
}

/** The nearest line above `lineStart` that opens a mapping key holding a block at `indent`. */
function parentKey(text: string, lineStart: number, indent: number, sameIndentOk: boolean): { key: string; indent: number; lineStart: number; list: boolean } | undefined {
  let end = lineStart - 1;
  const floor = Math.max(0, lineStart - MAX_LOOKBACK);
  while (end > floor) {
    const s = lineStartOf(text, end);
    const line = text.slice(s, end).replace(/\r$/, '');
    end = s - 1;
    if (/^\s*(#.*)?$/.test(line)) continue;
    const own = indentOf(line);
    const m = /^(\s*)(-\s+)?((?:"[^"]*"|'[^']*'|[^\s:#][^:#]*?))\s*:\s*(?:[|>][-+0-9]*|!\w+)?\s*(#.*)?$/.exec(line);
    const keyColumn = m ? m[1].length + (m[2]?.length ?? 0) : own;
    if (m && (keyColumn < indent || (sameIndentOk && keyColumn <= indent))) {
      return { key: m[3].replace(/^["']|["']$/g, ''), indent: keyColumn, lineStart: s, list: false };
    }
    // A `- key: value` item line at a lower indent: the cursor's map is that list item.
    if (own < indent && /^\s*-\s+/.test(line)) {
      const item = /^(\s*)-\s+/.exec(line)!;
      if (item[0].length <= indent) {
        const above = parentKey(text, s, item[1].length, true);
        return above ? { key: above.key, indent: above.indent, lineStart: above.lineStart, list: true } : undefined;
      }
    }
    if (own < indent && !m) return undefined;
  }
  return undefined;
}

export function cursorContext(text: string, offset: number, syntax: Syntax): CursorContext {
  let wordStart = offset;
  while (wordStart > 0 && WORD.test(text[wordStart - 1]) && offset - wordStart < 256) wordStart--;
  const quoted = text[wordStart - 1] === '"' || text[wordStart - 1] === "'";
  const from = quoted ? wordStart - 1 : wordStart;
  let levels: Level[];
  if (syntax === 'yaml') {
    const lineStart = lineStartOf(text, offset);
    const flow = bracketLevels(text, from, lineStart);
    if (flow.levels.some((l) => l.as !== 'value')) {
      // Inside a flow collection on this line (`Action: [kms:De|`): its levels, then the line's block parents.
      const lineIndent = /^[ ]*(?:-\s+)*/.exec(text.slice(lineStart, offset))![0].length;
      levels = [...flow.levels, ...blockParents(text, lineStart, lineIndent)];
    } else levels = yamlLevels(text, offset);
  } else levels = bracketLevels(text, from, 0, syntax === 'hcl').levels;
  return { word: text.slice(wordStart, offset), wordStart, quoted, levels };
}
