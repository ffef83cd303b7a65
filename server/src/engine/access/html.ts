// The access table as a self-contained HTML page for an editor's webview: a strict
// Content-Security-Policy (nothing loads, only this page's own nonce-tagged style and script run),
// every value from the policy escaped, and links that post a statement index — never text — back
// to the editor, which looks the range up itself.
import { CAPABILITIES, CAPABILITY_TITLES } from './capabilities';
import { escapeHtml } from './escape';
import { actionsText, conditionWords, ownAccountText, policyTitle } from './format';
import type { AccessSummaryResult } from './protocol';
import type { AccessEntry } from './types';

export interface HtmlOptions {
  /** A fresh random value per render; only letters and digits are used. */
  nonce: string;
  /** The document's name, for the heading. */
  fileName: string;
}

const OUTSIDE_WORDS: Readonly<Record<AccessEntry['principal']['outsideOwnAccount'], string>> = { yes: 'yes', no: 'no', unknown: 'cannot tell' };
const STATUS_WORDS: Readonly<Record<AccessEntry['status'], string>> = { yes: 'yes', partly: 'partly conditional', conditional: 'conditional' };
const STATUS_RANK: Readonly<Record<AccessEntry['status'], number>> = { yes: 0, partly: 1, conditional: 2 };
const OUTSIDE_RANK = { yes: 0, unknown: 1, no: 2 } as const;

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 1em 1em; }
h1 { font-size: 1.3em; font-weight: 600; }
.summary { font-weight: 600; }
.note { color: var(--vscode-editorWarning-foreground); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid var(--vscode-panel-border, rgba(128,128,128,0.35)); }
th button { all: unset; cursor: pointer; font-weight: 600; }
th button:focus-visible { outline: 1px solid var(--vscode-focusBorder); }
th[aria-sort="ascending"] button::after { content: " \\25B2"; }
th[aria-sort="descending"] button::after { content: " \\25BC"; }
tr.outside td.who { color: var(--vscode-errorForeground); }
.conditional { color: var(--vscode-descriptionForeground); }
a { color: var(--vscode-textLink-foreground); cursor: pointer; }
ul { margin: 0; padding-left: 1.2em; }
`;

// Sorting and links; the page has no other behaviour. Cells sort by their data-key, else their text.
const SCRIPT = `
const vscode = acquireVsCodeApi();
const table = document.getElementById('access');
function sortBy(th) {
  const column = Number(th.dataset.column);
  const ascending = th.getAttribute('aria-sort') !== 'ascending';
  for (const other of table.querySelectorAll('th')) other.removeAttribute('aria-sort');
  th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
  const body = table.tBodies[0];
  const key = (row) => { const cell = row.cells[column]; return cell.dataset.key !== undefined ? cell.dataset.key : cell.textContent.trim().toLowerCase(); };
  const rows = Array.from(body.rows);
  rows.sort((a, b) => { const x = key(a), y = key(b); const n = x.localeCompare(y, undefined, { numeric: true }); return ascending ? n : -n; });
  for (const row of rows) body.appendChild(row);
}
document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : null;
  if (!target) return;
  const link = target.closest('[data-statement]');
  if (link) {
    event.preventDefault();
    vscode.postMessage({ type: 'reveal', statement: Number(link.getAttribute('data-statement')) });
    return;
  }
  const header = target.closest('th[data-column]');
  if (header) sortBy(header);
});
`;

function statementLinks(entry: AccessEntry): string {
  return entry.via
    .map((g) => `<a href="#" data-statement="${g.statement.index}" title="Go to the statement">${escapeHtml(`'${g.statement.name}'`)} (line ${g.statement.line})</a>`)
    .join('<br>');
}

function conditionList(entry: AccessEntry): string {
  const items = [
    ...entry.via.flatMap((g) => [
      ...g.conditions.map((c) => `<li>${escapeHtml(conditionWords(c))} <span class="conditional">— ${escapeHtml(`'${g.statement.name}'`)}</span></li>`),
      ...g.uncertain.map((u) => `<li>${escapeHtml(`uncertain: ${u}`)} <span class="conditional">— ${escapeHtml(`'${g.statement.name}'`)}</span></li>`),
    ]),
    ...entry.except.map((e) => `<li>${escapeHtml(`${e.text}: ${actionsText(entry.capability, e.actions)}`)} <a href="#" data-statement="${e.statement.index}">(line ${e.statement.line})</a></li>`),
  ];
  return items.length > 0 ? `<ul>${items.join('')}</ul>` : '';
}

function row(entry: AccessEntry): string {
  const capabilityRank = CAPABILITIES.indexOf(entry.capability);
  const outside = entry.principal.outsideOwnAccount;
  const firstLine = entry.via[0]?.statement.line ?? 0;
  return [
    `<tr class="${outside === 'no' ? 'inside' : 'outside'}">`,
    `<td data-key="${capabilityRank}">${escapeHtml(CAPABILITY_TITLES[entry.capability])}</td>`,
    `<td class="who">${escapeHtml(entry.principal.label)}</td>`,
    `<td data-key="${OUTSIDE_RANK[outside]}">${OUTSIDE_WORDS[outside]}</td>`,
    `<td data-key="${STATUS_RANK[entry.status]}" class="${entry.status === 'yes' ? '' : 'conditional'}">${STATUS_WORDS[entry.status]}</td>`,
    `<td data-key="${String(entry.actions.length).padStart(3, '0')}">${escapeHtml(actionsText(entry.capability, entry.actions))}</td>`,
    `<td>${conditionList(entry)}</td>`,
    `<td data-key="${String(firstLine).padStart(9, '0')}">${statementLinks(entry)}</td>`,
    '</tr>',
  ].join('');
}

/** The whole page for one key policy. */
export function renderAccessHtml(result: AccessSummaryResult, options: HtmlOptions): string {
  const nonce = options.nonce.replace(/[^A-Za-z0-9]/g, '');
  if (nonce.length < 16) throw new Error('renderAccessHtml needs a nonce of at least 16 letters and digits');
  const access = result.access;
  const csp = `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src 'none'; font-src 'none'; connect-src 'none'; frame-src 'none'; form-action 'none'; base-uri 'none'`;
  const headers = ['Capability', 'Who', 'Outside own account', 'Status', 'Actions', 'Conditions and exceptions', 'Statements'];
  const notes = access.notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('\n');
  const body =
    access.entries.length > 0
      ? `<table id="access">
<thead><tr>${headers.map((h, i) => `<th data-column="${i}" scope="col"><button type="button">${h}</button></th>`).join('')}</tr></thead>
<tbody>
${access.entries.map(row).join('\n')}
</tbody>
</table>`
      : '<p id="access">No principal gets any access to the key from this policy.</p>';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Key access</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(`${options.fileName}: ${policyTitle(access)}`)} <a href="#" data-statement="-1">(line ${access.line})</a></h1>
<p class="summary">${escapeHtml(access.summary)}</p>
<p>Own account: ${escapeHtml(ownAccountText(access))}</p>
${notes}
${body}
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>
`;
}
