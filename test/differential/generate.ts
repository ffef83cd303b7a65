// Generated key-policy statements (Principal "*", Allow, a KMS action) with Conditions of every
// shape RULES.md judges, for comparing the engine with an independent IAM evaluator.

export interface Random {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

/** mulberry32: small, deterministic, the same on every machine. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
  };
}

export const OWN = '111122223333';
export const OWN_ORG = 'o-own1234567';

const VALUE_MAKERS: Record<string, (r: Random) => string> = {
  'kms:CallerAccount': (r) => r.pick([OWN, '444455556666', '1111*', '????????????', '*', '${aws:PrincipalAccount}', '${aws:ResourceAccount}']),
  'aws:PrincipalAccount': (r) => r.pick([OWN, '*', '1111222233??', '${aws:PrincipalAccount}']),
  'aws:SourceAccount': (r) => r.pick([OWN, '*', '11112222333?']),
  'aws:PrincipalArn': (r) =>
    r.pick([
      `arn:aws:iam::${OWN}:role/Deploy`,
      `arn:aws:iam::${OWN}:role/ci-*`,
      'arn:aws:iam::*:role/Deploy',
      'arn:aws:iam::*:*',
      `arn:aws:iam::${OWN}:*`,
      'arn:aws:iam::${aws:PrincipalAccount}:role/Deploy',
      '*',
      'arn:aws:iam::????????????:user/ops',
    ]),
  'aws:SourceArn': (r) => r.pick([`arn:aws:cloudtrail:us-east-1:${OWN}:trail/main`, 'arn:aws:cloudtrail:*:*:trail/*', 'arn:aws:s3:::fixed-bucket-name', 'arn:aws:s3:::*', `arn:aws:sns:*:${OWN}:*`]),
  'aws:PrincipalOrgID': (r) => r.pick([OWN_ORG, 'o-*', '*', '${aws:PrincipalOrgID}', '${aws:ResourceOrgID}']),
  'aws:PrincipalOrgPaths': (r) => r.pick([`${OWN_ORG}/*`, `${OWN_ORG}/r-ab12/ou-ab12-11111111/*`, 'o-*/*', '*', '${aws:PrincipalOrgID}/*']),
  'aws:SourceVpc': (r) => r.pick(['vpc-0own1234', 'vpc-*', '*']),
  'aws:SourceVpce': (r) => r.pick(['vpce-0own1234', 'vpce-*']),
  'aws:SourceIp': (r) => r.pick(['203.0.113.0/24', '0.0.0.0/1', '10.0.0.0/8', '2001:db8::/32', '198.51.100.0/24']),
  'aws:userid': (r) => r.pick(['AROAOWNROLEID000000:*', 'AROA*', '*', '${aws:userid}']),
  'aws:username': (r) => r.pick(['deploy', 'ops']),
  'kms:ViaService': (r) => r.pick(['s3.us-east-1.amazonaws.com', 'ec2.us-east-1.amazonaws.com']),
  'aws:PrincipalTag/team': (r) => r.pick(['payments', 'ops']),
};

const OPERATORS = [
  'StringEquals', 'StringEquals', 'StringLike', 'StringLike', 'StringEqualsIgnoreCase', 'ArnLike', 'ArnEquals', 'IpAddress',
  'StringEqualsIfExists', 'ForAnyValue:StringLike', 'ForAllValues:StringEquals', 'StringNotEquals', 'StringNotLike', 'ArnNotLike',
  'NotIpAddress', 'Null',
];

function valuesFor(key: string, r: Random): string[] {
  const make = VALUE_MAKERS[key];
  if (key === 'aws:SourceIp') {
    // Sometimes ranges that together cover every IPv4 address.
    if (r.chance(0.2)) return ['0.0.0.0/1', '128.0.0.0/1'];
    if (r.chance(0.1)) return ['0.0.0.0/2', '64.0.0.0/2', '128.0.0.0/1'];
  }
  const count = r.chance(0.2) ? 2 : 1;
  return Array.from({ length: count }, () => make(r));
}

export interface GeneratedStatement {
  Sid: string;
  Effect: 'Allow';
  Principal: unknown;
  Action: string | string[];
  Resource: '*';
  Condition?: Record<string, Record<string, string | string[]>>;
}

export function generateStatement(r: Random, index: number): GeneratedStatement {
  const principal = r.pick<unknown>(['*', { AWS: '*' }, { AWS: ['*'] }, { AWS: ['*', `arn:aws:iam::${OWN}:role/app`] }]);
  const action = r.pick<string | string[]>(['kms:Decrypt', ['kms:Encrypt', 'kms:Decrypt'], 'kms:GenerateDataKey*', 'kms:*']);
  const statement: GeneratedStatement = { Sid: `S${index}`, Effect: 'Allow', Principal: principal, Action: action, Resource: '*' };
  const entries = r.int(0, 2);
  if (entries === 0 && r.chance(0.7)) return statement;
  const condition: Record<string, Record<string, string | string[]>> = {};
  const used = new Set<string>();
  for (let i = 0; i < Math.max(1, entries); i++) {
    const key = r.pick(Object.keys(VALUE_MAKERS).filter((k) => !used.has(k)));
    used.add(key);
    let operator = r.pick(OPERATORS);
    // Operators that fit the key's type, as real policies use them: Arn* on ARNs, IpAddress on addresses.
    if (key === 'aws:SourceIp' && !operator.toLowerCase().includes('ip') && r.chance(0.7)) operator = r.pick(['IpAddress', 'NotIpAddress']);
    if (key !== 'aws:SourceIp' && operator.toLowerCase().includes('ip')) operator = 'StringEquals';
    if (!/arn$/i.test(key) && /^arn/i.test(operator)) operator = operator.startsWith('ArnNot') ? 'StringNotLike' : 'StringLike';
    const values = operator === 'Null' ? [r.pick(['true', 'false'])] : valuesFor(key, r);
    condition[operator] = { ...(condition[operator] ?? {}), [key]: values.length === 1 ? values[0] : values };
  }
  statement.Condition = condition;
  return statement;
}

export function keyPolicy(statement: GeneratedStatement): object {
  return { Version: '2012-10-17', Statement: [statement] };
}
