// How a document writes its lines (line ending, indentation unit) and small line helpers,
// shared by the editors of every syntax.

export interface TextStyle {
  eol: string;
  unit: string;
}

export function styleOfText(text: string): TextStyle {
  const sample = text.slice(0, 64 * 1024);
  const eol = sample.includes('\r\n') ? '\r\n' : '\n';
  const indents = sample.match(/^[ \t]+(?=\S)/gm) ?? [];
  const smallest = indents.filter((i) => !i.includes('\t')).reduce((min, i) => Math.min(min, i.length), Infinity);
  const unit = indents.some((i) => i.startsWith('\t')) ? '\t' : Number.isFinite(smallest) && smallest <= 8 ? ' '.repeat(smallest) : '  ';
  return { eol, unit };
}

export function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n') i--;
  return i;
}

export function indentAt(text: string, offset: number): string {
  const start = lineStart(text, offset);
  return /^[ \t]*/.exec(text.slice(start, offset + 1))![0];
}

export function startsLine(text: string, offset: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStart(text, offset), offset));
}

/** Where the line of `offset` ends (before a trailing comment there is fine: the new line goes after it). */
export function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  const end = newline < 0 ? text.length : newline;
  return text[end - 1] === '\r' ? end - 1 : end;
}
