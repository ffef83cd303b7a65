// Template syntax inside policy text: which `${…}` are references the linter cannot see and which are
// IAM policy variables AWS resolves itself (`${aws:username}`).
import type { TextPart } from '../model/types';

/**
 * How `${…}` in a string is read:
 * - `plain`: JSON as AWS reads it; `${aws:username}` is a policy variable, but `${AWS::AccountId}` or
 *   `${account_id}` (no IAM namespace) can only be a template placeholder someone forgot to fill.
 * - `cfn-sub`: the string of an `Fn::Sub`: every `${X}` is a reference, `${!X}` is the literal `${X}`.
 * - `terraform`: a Terraform template: `${…}` and `%{…}` are references, `$${` and `%%{` are literal.
 */
export type TemplateMode = 'plain' | 'cfn-sub' | 'terraform';

/** IAM policy variables: `${aws:…}`, `${s3:prefix}`, `${saml:sub}`, `${cognito-identity.amazonaws.com:sub}`, `${*}`, `${?}`, `${$}`. */
function isPolicyVariable(inner: string): boolean {
  if (inner === '*' || inner === '?' || inner === '$') return true;
  const colon = inner.indexOf(':');
  // `AWS::AccountId` is CloudFormation's, not IAM's.
  return colon > 0 && inner[colon + 1] !== ':' && !/\s/.test(inner);
}

/** Where the `}` closing a `${` at `open` is, counting nested braces and skipping quoted strings (Terraform). */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open + 2; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    } else if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/**
 * The parts of a string value, or undefined when it is all literal (the common case: no `${`).
 * `literal` receives the text AWS would see for the literal stretches (escapes of the mode removed).
 */
export function splitTemplate(text: string, mode: TemplateMode): { parts: TextPart[]; literal: string } | undefined {
  if (!text.includes('${') && !(mode === 'terraform' && text.includes('%{'))) {
    return undefined;
  }
  const parts: TextPart[] = [];
  let literal = '';
  let current = '';
  let hasReference = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (mode === 'terraform' && (c === '$' || c === '%') && text[i + 1] === c && text[i + 2] === '{') {
      current += `${c}{`;
      i += 3;
      continue;
    }
    const opens = text[i + 1] === '{' && (c === '$' || (mode === 'terraform' && c === '%'));
    if (!opens) {
      current += c;
      i++;
      continue;
    }
    const close = closingBrace(text, i);
    if (close < 0) {
      current += text.slice(i);
      break;
    }
    const inner = text.slice(i + 2, close);
    if (mode === 'cfn-sub' && inner.startsWith('!')) {
      current += `\${${inner.slice(1)}}`;
    } else if (mode === 'plain' && isPolicyVariable(inner)) {
      current += text.slice(i, close + 1);
    } else {
      if (current) parts.push(current);
      literal += current;
      current = '';
      parts.push({ ref: (c === '%' ? '%' : '') + inner.trim() });
      hasReference = true;
    }
    i = close + 1;
  }
  if (current) parts.push(current);
  literal += current;
  if (!hasReference) {
    return mode === 'plain' ? undefined : { parts: [literal], literal };
  }
  return { parts, literal };
}

/** The text of parts, references written `${ref}`. */
export function partsText(parts: readonly TextPart[]): string {
  let out = '';
  for (const part of parts) out += typeof part === 'string' ? part : `\${${part.ref}}`;
  return out;
}

/**
 * A template file or a Terraform heredoc as JSON: `${…}` and `%{…}` outside strings become
 * whitespace-padded stand-ins of the same length, so offsets do not move and the JSON parses.
 * A value placeholder (`"Resource": ${arns}`) becomes a string; a directive (`%{ if x }`) becomes spaces.
 * Returns the masked text and the spans masked as values (to be read as references).
 */
export function maskTemplateSyntax(text: string): { text: string; valueSpans: { start: number; end: number; ref: string }[] } | undefined {
  if (!text.includes('${') && !text.includes('%{')) return undefined;
  let out = '';
  let last = 0;
  const valueSpans: { start: number; end: number; ref: string }[] = [];
  let i = 0;
  let changed = false;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"' && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      i++;
      continue;
    }
    if ((c === '$' || c === '%') && text[i + 1] === '{') {
      const close = closingBrace(text, i);
      if (close < 0) break;
      const length = close + 1 - i;
      out += text.slice(last, i);
      const inner = text.slice(i + 2, close).trim();
      if (c === '$' && length >= 2) {
        // `"…"` of the same length; newlines inside the placeholder are kept as spaces.
        out += `"${' '.repeat(length - 2)}"`;
        valueSpans.push({ start: i, end: close + 1, ref: inner });
      } else {
        out += text.slice(i, close + 1).replace(/[^\r\n]/g, ' ');
      }
      last = close + 1;
      i = close + 1;
      changed = true;
      continue;
    }
    i++;
  }
  if (!changed) return undefined;
  return { text: out + text.slice(last), valueSpans };
}
