// Names the IAM catalog does not know: an action (`kms:Decrypts`), a pattern that matches no action
// (`kms:Decrypts*`), or a condition key (`kms:CallerAcount`). AWS accepts such a policy and the
// statement then silently grants (or restricts) nothing, which is how typos hide. A name of a
// service the catalog does not know is reported only when it is close to a known one: a service
// newer than the catalog must not be flagged.
import { hasWildcard } from '../iam/catalog-glob';
import { catalogAvailable, lookupAction, lookupConditionKey, lookupService, matchActions, suggest } from '../iam/catalog';
import type { PolicyValue } from '../model/types';
import type { Rule } from './rule';

const GLOBAL_PREFIX = 'aws';

function didYouMean(suggestions: readonly string[]): string {
  if (suggestions.length === 0) return '';
  return ` Did you mean ${suggestions.map((s) => `\`${s}\``).join(', ')}?`;
}

/** A value we can judge: literal text (no references), not `*`. */
function visible(value: PolicyValue): string | undefined {
  if (value.parts || value.type !== 'string') return undefined;
  const text = value.text.trim();
  return text === '' || text === '*' ? undefined : text;
}

/**
 * Verdicts by name: the same few dozen names recur in every policy of a repository. Keys are the
 * names themselves (nothing to collide); the caches are emptied when full, so memory stays bounded.
 */
const CACHE_LIMIT = 8192;
const actionVerdicts = new Map<string, string | undefined>();
const keyVerdicts = new Map<string, string | undefined>();

function cached(cache: Map<string, string | undefined>, name: string, judge: (name: string) => string | undefined): string | undefined {
  if (cache.has(name)) return cache.get(name);
  const verdict = judge(name);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(name, verdict);
  return verdict;
}

function unknownAction(name: string): string | undefined {
  const colon = name.indexOf(':');
  if (colon <= 0) return `\`${name}\` is not an action: actions are written \`service:Name\` (\`kms:Decrypt\`).`;
  const service = name.slice(0, colon);
  if (hasWildcard(service)) return undefined;
  if (!lookupService(service)) {
    const close = suggest(name, 'action');
    return close.length > 0 ? `\`${name}\`: the IAM catalog knows no service \`${service}\`.${didYouMean(close)}` : undefined;
  }
  if (hasWildcard(name)) {
    if (matchActions(name).length > 0) return undefined;
    return `\`${name}\` matches no action of \`${service}\` in the IAM catalog, so it grants nothing.${didYouMean(suggest(name, 'action'))}`;
  }
  if (lookupAction(name)) return undefined;
  return `\`${name}\` is not an action of \`${service}\` in the IAM catalog, so it grants nothing.${didYouMean(suggest(name, 'action'))}`;
}

function unknownConditionKey(key: string): string | undefined {
  const colon = key.indexOf(':');
  if (colon <= 0) return undefined;
  const prefix = key.slice(0, colon).toLowerCase();
  // Federation keys (`accounts.google.com:aud`, `cognito-identity.amazonaws.com:sub`) and keys of
  // services the catalog does not know are not judged.
  if (prefix !== GLOBAL_PREFIX && !lookupService(prefix)) return undefined;
  if (lookupConditionKey(key)) return undefined;
  return `Condition key \`${key}\` is not one the IAM catalog knows: a request never carries it, so this entry never matches as written.${didYouMean(suggest(key, 'conditionKey'))}`;
}

export const unknownActionRule: Rule = {
  meta: {
    id: 'iam-unknown-action',
    defaultSeverity: 'warning', securitySeverity: 3.0, tags: ['correctness', 'iam'],
    description: 'An action, action pattern or condition key that the IAM catalog does not know (a typo grants or restricts nothing), with a "did you mean".',
  },
  checkStatement(statement, ctx) {
    if (!catalogAvailable()) return;
    const action = statement.action;
    for (const item of action?.items ?? []) {
      const name = visible(item);
      if (!name || /\$\{/.test(name)) continue;
      const message = cached(actionVerdicts, name, unknownAction);
      // No quick fix: the name meant may grant what the statement should not (a wildcard principal
      // with kms:Decrypt), and a fix must never bring a new problem. The message names the candidates.
      if (message) ctx.report(item.loc, message);
    }
    for (const entry of statement.condition?.entries ?? []) {
      if (/\$\{/.test(entry.key)) continue;
      const message = cached(keyVerdicts, entry.key.trim(), unknownConditionKey);
      if (message) ctx.report(entry.keyLoc, message);
    }
  },
};
