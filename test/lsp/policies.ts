// Policies every finished engine must judge the same way; the LSP tests build on them.
import { pathToFileURL } from 'node:url';

export const OWN_ACCOUNT = '111122223333';

/** A key policy letting anyone decrypt: error kms-wildcard-principal. */
export const WILDCARD_KEY_POLICY =
  '{"Version":"2012-10-17","Statement":[{"Sid":"x","Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Resource":"*"}]}';

/** The same key policy limited to the own account's root: clean. */
export const OWN_ROOT_KEY_POLICY = WILDCARD_KEY_POLICY.replace('"AWS":"*"', `"AWS":"arn:aws:iam::${OWN_ACCOUNT}:root"`);

/** An identity policy decrypting with every key: warning kms-decrypt-all-resources. */
export const DECRYPT_ALL_IDENTITY_POLICY = '{"Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}]}';

/** Pretty-printed, so edits and ranges land on distinct lines. */
export function pretty(json: string): string {
  return JSON.stringify(JSON.parse(json), null, 2) + '\n';
}

let counter = 0;
/** A fresh file URI per call, so tests never see each other's documents. */
export function documentUri(name: string): string {
  return pathToFileURL(`/nonexistent/lsp-tests/${++counter}-${name}`).href;
}

/** The range of the first occurrence of `needle` in a text, as LSP positions. */
export function rangeOf(text: string, needle: string): { start: { line: number; character: number }; end: { line: number; character: number } } {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`${needle} not in text`);
  const position = (at: number) => {
    const before = text.slice(0, at).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
  };
  return { start: position(offset), end: position(offset + needle.length) };
}
