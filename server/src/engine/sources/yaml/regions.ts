// A JSON policy held in a YAML string, as a region of its own: literal block scalars (`|`, `|-`),
// and one-line double- or single-quoted strings map every decoded character back to the document
// exactly, so findings and fixes point inside the string. Other forms (folded `>`, quoted strings
// over several lines) are read with an approximate map and get no fixes.
import type { Scalar } from 'yaml';
import { parseJson, templateJson, type JsonText } from '../json-text';
import type { TemplateMode } from '../template';

export interface YamlStringRegion extends JsonText {
  /** The map is approximate: findings are placed near, fixes are not offered. */
  readonly readOnly: boolean;
}

interface Mapped {
  decoded: string;
  /** Document offset of each decoded character, plus one for the end. */
  offsets: number[];
  encode: (inserted: string) => string;
  compact: boolean;
  exact: boolean;
}

function literalBlock(text: string, start: number, end: number, eol: string): Mapped | undefined {
  const header = /^[|>]([1-9]?[-+]?|[-+]?[1-9]?)[ \t]*(#[^\n]*)?\r?\n/.exec(text.slice(start, Math.min(end, start + 256)));
  if (!header || text[start] !== '|' || /[1-9]/.test(header[1])) return undefined;
  let line = start + header[0].length;
  let indent = -1;
  let decoded = '';
  const offsets: number[] = [];
  while (line < end) {
    let newline = text.indexOf('\n', line);
    if (newline < 0 || newline > end) newline = end;
    const lineEndAt = text[newline - 1] === '\r' ? newline - 1 : newline;
    let spaces = 0;
    while (line + spaces < lineEndAt && text[line + spaces] === ' ') spaces++;
    const blank = line + spaces === lineEndAt;
    if (!blank && indent < 0) indent = spaces;
    if (!blank && spaces < indent) return undefined;
    const from = blank ? Math.min(lineEndAt, line + Math.max(indent, 0)) : line + indent;
    for (let i = from; i < lineEndAt; i++) {
      decoded += text[i];
      offsets.push(i);
    }
    if (newline < end || text[newline] === '\n') {
      decoded += '\n';
      offsets.push(lineEndAt);
    }
    line = newline + 1;
  }
  if (indent < 0) return undefined;
  const pad = ' '.repeat(indent);
  return { decoded, offsets, encode: (s) => s.replace(/\r?\n/g, eol + pad), compact: false, exact: true };
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};

function doubleQuoted(text: string, start: number, end: number): Mapped | undefined {
  if (text[start] !== '"' || text[end - 1] !== '"') return undefined;
  const inner = text.slice(start + 1, end - 1);
  if (inner.includes('\n')) return undefined;
  let decoded = '';
  const offsets: number[] = [];
  for (let i = start + 1; i < end - 1; ) {
    const c = text[i];
    if (c !== '\\') {
      decoded += c;
      offsets.push(i);
      i++;
      continue;
    }
    const e = text[i + 1];
    const hex = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    let value: string;
    if (hex) {
      const digits = text.slice(i + 2, i + 2 + hex);
      if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== hex) return undefined;
      const code = parseInt(digits, 16);
      if (code > 0x10ffff) return undefined;
      value = String.fromCodePoint(code);
    } else if (e in SIMPLE_ESCAPES) value = SIMPLE_ESCAPES[e];
    else return undefined;
    for (const unit of value) for (let k = 0; k < unit.length; k++) offsets.push(i);
    decoded += value;
    i += 2 + hex;
  }
  offsets.push(end - 1);
  return { decoded, offsets, encode: (s) => JSON.stringify(s).slice(1, -1), compact: true, exact: true };
}

function singleQuoted(text: string, start: number, end: number): Mapped | undefined {
  if (text[start] !== "'" || text[end - 1] !== "'") return undefined;
  if (text.slice(start, end).includes('\n')) return undefined;
  let decoded = '';
  const offsets: number[] = [];
  for (let i = start + 1; i < end - 1; i++) {
    decoded += text[i];
    offsets.push(i);
    if (text[i] === "'") i++;
  }
  offsets.push(end - 1);
  return { decoded, offsets, encode: (s) => s.replace(/'/g, "''").replace(/\r?\n/g, ' '), compact: true, exact: true };
}

/** Each decoded character at the next document character that shows it: never exact, always monotonic and linear. */
function approximate(text: string, start: number, end: number, value: string): Mapped {
  const offsets: number[] = [];
  let p = start;
  for (let k = 0; k < value.length; k++) {
    const c = value[k];
    let q = p;
    while (q < end && text[q] !== c && !(c === ' ' && text[q] === '\n') && q - p < 64) q++;
    if (q < end && q - p < 64) p = q;
    offsets.push(Math.min(p, end));
    if (p < end) p++;
  }
  offsets.push(end);
  return { decoded: value, offsets, encode: (s) => s, compact: true, exact: false };
}

/** The region of a YAML string scalar that holds JSON; undefined when it is not a string. */
export function scalarRegion(text: string, scalar: Scalar, start: number, end: number, mode: TemplateMode): YamlStringRegion | undefined {
  const value = scalar.value;
  if (typeof value !== 'string') return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let mapped: Mapped | undefined =
    scalar.type === 'BLOCK_LITERAL' ? literalBlock(text, start, end, eol) : scalar.type === 'QUOTE_DOUBLE' ? doubleQuoted(text, start, end) : scalar.type === 'QUOTE_SINGLE' ? singleQuoted(text, start, end) : undefined;
  // Chomping drops or keeps final line breaks: the map holds as long as the value is its prefix.
  if (mapped && !(mapped.decoded.startsWith(value) && /^\n*$/.test(mapped.decoded.slice(value.length)))) mapped = undefined;
  if (mapped && mapped.decoded.length !== value.length) mapped = { ...mapped, decoded: value, offsets: [...mapped.offsets.slice(0, value.length), mapped.offsets[value.length]] };
  mapped ??= approximate(text, start, end, value);
  const offsets = mapped.offsets;
  const toDocument = (offset: number): number => offsets[Math.max(0, Math.min(Math.floor(offset), value.length))];
  const readOnly = !mapped.exact;
  if (mode === 'terraform') return { ...templateJson(value, toDocument, mapped.encode, mapped.compact), readOnly };
  const { root, errors } = parseJson(value, 'jsonc');
  return { text: value, root, errors, template: mode, compact: mapped.compact, toDocument, encode: mapped.encode, readOnly };
}
