// Readers of syntaxes other than JSON register here, so the JSON path loads nothing it does not use.
import type { DocumentFormat } from '../model/types';
import type { Found } from './json-document';

export interface SyntaxRead {
  format: DocumentFormat;
  found: Found;
}

export type SyntaxReader = (text: string, options: { fileName?: string }) => SyntaxRead;

const readers = new Map<'yaml' | 'terraform', SyntaxReader>();

export function registerReader(kind: 'yaml' | 'terraform', reader: SyntaxReader): void {
  readers.set(kind, reader);
}

export function readerFor(kind: 'yaml' | 'terraform'): SyntaxReader | undefined {
  return readers.get(kind);
}
