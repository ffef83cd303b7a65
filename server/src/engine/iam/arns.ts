import { globMatch } from './glob';

/** What an interpolation reads as here (and what textWithReferences puts in its place): no wildcard. */
const HIDDEN = 'X';

/** Interpolations are values we cannot see: treat them as specific text. */
function hideInterpolations(text: string): string {
  return text.replace(/\$\{[^}]*\}/g, HIDDEN);
}

const hasWildcard = (text: string) => /[*?]/.test(text);

/**
 * Whether a Resource pattern matches KMS keys of any account: `*`, `arn:aws:kms:*`, `arn:aws:kms:*:*:key/*`,
 * `arn:*`… A pattern pinned to one account, or naming one key, does not.
 */
export function matchesKeysOfAnyAccount(resource: string): boolean {
  const pattern = hideInterpolations(resource.trim());
  if (!hasWildcard(pattern)) return false;
  const parts = pattern.split(':');
  if (parts.length >= 6) {
    const [prefix, partition, service, , account] = parts;
    const keyPart = parts.slice(5).join(':');
    // `${AWS::Partition}`, `${data.aws_partition.current.partition}`: the own partition, whichever it is.
    const partitionOk = partition === HIDDEN || ['aws', 'aws-cn', 'aws-us-gov'].some((p) => globMatch(partition, p));
    // A key part with a wildcard that can still begin with `key/` reaches many keys; one without names one key.
    const keyLiteral = keyPart.split(/[*?]/)[0];
    const reachesKeys = hasWildcard(keyPart) && (keyLiteral.startsWith('key/') || 'key/'.startsWith(keyLiteral));
    return globMatch(prefix, 'arn', false) && partitionOk && globMatch(service, 'kms') && hasWildcard(account) && reachesKeys;
  }
  // Fewer segments: a `*` swallows the rest, account included (an interpolated partition is the own one).
  const withPartition = parts.length > 1 && parts[1] === HIDDEN ? [parts[0], 'aws', ...parts.slice(2)].join(':') : pattern;
  return globMatch(withPartition, 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab', false);
}

/** The account of an ARN (`arn:partition:service:region:account:…`). */
export function arnAccount(arn: string): string | undefined {
  const parts = arn.split(':');
  return parts.length >= 6 && /^\d{12}$/.test(parts[4]) ? parts[4] : undefined;
}

export function arnPartition(arn: string): string | undefined {
  const parts = arn.split(':');
  return parts.length >= 6 && parts[0] === 'arn' ? parts[1] : undefined;
}
