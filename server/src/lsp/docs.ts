// Rule documentation offline: the package ships docs/rules beside dist/, so a diagnostic's link and
// "Show documentation" open the page inside the editor, with no network. Without the pages (a
// server bundle copied alone), the published page's address is used.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { docsUrl } from '../engine';

const cache = new Map<string, string>();

export function ruleDocsUri(ruleId: string): string {
  let uri = cache.get(ruleId);
  if (uri) return uri;
  uri = docsUrl(ruleId);
  if (/^[a-z0-9-]+$/.test(ruleId)) {
    for (const base of [path.join(__dirname, '..', 'docs', 'rules'), path.join(__dirname, '..', '..', 'docs', 'rules')]) {
      const page = path.join(base, `${ruleId}.md`);
      if (fs.existsSync(page)) {
        uri = pathToFileURL(page).href;
        break;
      }
    }
  }
  cache.set(ruleId, uri);
  return uri;
}
