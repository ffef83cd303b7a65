// Compares the engine's kms-wildcard-principal verdict with an independent evaluator: a statement
// restricts the caller exactly when no hostile request (another account, its own names, tags,
// networks and endpoints, or an AWS service acting for it) gets in.
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { lintText } from '../../server/src/engine';
import { keyPolicy, OWN, type GeneratedStatement } from './generate';

const ATTACKER = '999999999999';
const ATTACKER_ORG = 'o-attacker000';
const KEY_ARN = `arn:aws:kms:us-east-1:${OWN}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const ATTACKER_IPS = ['192.0.2.55', '3fff::1'];

export interface HostileRequest {
  principal: string;
  context: Record<string, string | string[]>;
  identityPolicy: boolean;
  description: string;
}

function conditionValues(statement: GeneratedStatement, key: string): string[] {
  const out: string[] = [];
  for (const block of Object.values(statement.Condition ?? {})) {
    for (const [k, v] of Object.entries(block)) if (k.toLowerCase() === key.toLowerCase()) out.push(...(Array.isArray(v) ? v : [v]));
  }
  return out;
}

/** What an attacker can make of a value: its own account where an account stands, any name it likes. */
const attackerText = (value: string) => value.replace(/\$\{[^}]*\}/g, 'x').replace(/[*?]/g, 'x');

/** Accounts an attacker may hold: any account but the key's own, including ones a wildcard pattern names. */
function attackerAccounts(statement: GeneratedStatement): string[] {
  const accounts = new Set([ATTACKER]);
  const patterns = [
    ...['kms:CallerAccount', 'aws:PrincipalAccount', 'aws:SourceAccount'].flatMap((k) => conditionValues(statement, k)),
    ...conditionValues(statement, 'aws:SourceArn').map((arn) => arn.split(':')[4] ?? ''),
    ...conditionValues(statement, 'aws:PrincipalArn').map((arn) => arn.split(':')[4] ?? ''),
  ];
  for (const pattern of patterns) {
    if (!/[*?]/.test(pattern) || pattern.includes('$')) continue;
    let account = pattern.replace(/\?/g, '9');
    account = account.replace('*', '9'.repeat(Math.max(0, 12 - account.replace('*', '').length))).replace(/\*/g, '');
    if (/^\d{12}$/.test(account) && account !== OWN) accounts.add(account);
  }
  return [...accounts].slice(0, 3);
}

export function hostileRequests(statement: GeneratedStatement): HostileRequest[] {
  const names = new Set(['attacker']);
  for (const value of conditionValues(statement, 'aws:PrincipalArn')) {
    const match = /:(?:role|user)\/(.+)$/.exec(value);
    if (match) names.add(attackerText(match[1]));
  }
  const usernames = new Set(['attacker', ...conditionValues(statement, 'aws:username')]);
  // The attacker sets its own tags: each value the statement names, or one it does not.
  const tagChoices = [...new Set(['attacker', ...conditionValues(statement, 'aws:PrincipalTag/team')])];
  const services = conditionValues(statement, 'kms:ViaService');
  const requests: HostileRequest[] = [];
  const networks: Record<string, string>[] = [
    ...ATTACKER_IPS.map((ip) => ({ 'aws:SourceIp': ip })),
    { 'aws:SourceVpc': 'vpc-attacker', 'aws:SourceVpce': 'vpce-attacker', 'aws:VpceAccount': ATTACKER },
  ];
  const orgs: Record<string, string | string[]>[] = [{}, { 'aws:PrincipalOrgID': ATTACKER_ORG, 'aws:PrincipalOrgPaths': [`${ATTACKER_ORG}/r-atk0/ou-atk0-attacker/`] }];
  const vias: Record<string, string>[] = [{}, ...services.map((s) => ({ 'kms:ViaService': s }))];
  for (const account of attackerAccounts(statement))
  for (const name of names) {
    for (const kind of ['role', 'user'] as const) {
      const arn = `arn:aws:iam::${account}:${kind}/${name}`;
      const identity = kind === 'role' ? { 'aws:userid': `AROAATTACKERROLEID000:${name}` } : { 'aws:userid': 'AIDAATTACKERUSERID000' };
      const userNames = kind === 'user' ? [...usernames] : [undefined];
      for (const username of userNames)
      for (const tag of tagChoices) {
        for (const network of networks) {
          for (const org of orgs) {
            for (const via of vias) {
              requests.push({
                principal: arn,
                identityPolicy: true,
                description: `${kind} ${name}${username ? ` (username ${username})` : ''} ${JSON.stringify(network)} ${org['aws:PrincipalOrgID'] ? 'in an org' : 'no org'} ${JSON.stringify(via)}`,
                context: {
                  'aws:PrincipalArn': arn,
                  'aws:PrincipalAccount': account,
                  'kms:CallerAccount': account,
                  ...identity,
                  ...(username ? { 'aws:username': username } : {}),
                  'aws:PrincipalTag/team': tag,
                  ...network,
                  ...org,
                  ...via,
                },
              });
            }
          }
        }
      }
    }
  }
  // An AWS service acting for the attacker: no principal keys at all.
  const sourceArns = new Set([`arn:aws:cloudtrail:us-east-1:${ATTACKER}:trail/attacker`, 'arn:aws:s3:::attacker-bucket']);
  for (const value of conditionValues(statement, 'aws:SourceArn')) {
    const fields = value.split(':');
    if (fields.length >= 6 && fields[4] !== '') {
      fields[4] = ATTACKER;
      sourceArns.add(attackerText(fields.join(':')));
    } else if (/[*?]/.test(value)) sourceArns.add(attackerText(value));
  }
  for (const account of attackerAccounts(statement)) {
    for (const sourceArn of sourceArns) {
      const arn = sourceArn.replace(ATTACKER, account);
      requests.push({
        principal: 'cloudtrail.amazonaws.com',
        identityPolicy: false,
        description: `service for the attacker ${account} (${arn})`,
        context: { 'aws:SourceAccount': account, 'aws:SourceArn': arn },
      });
    }
  }
  return requests;
}

/** Callers of the key's own account and organization: if none of them gets in either, no one can. */
function friendlyRequests(statement: GeneratedStatement): HostileRequest[] {
  const names = ['Deploy', 'ci-build', 'app', 'ops'];
  const requests: HostileRequest[] = [];
  for (const name of names) {
    for (const kind of ['role', 'user'] as const) {
      const arn = `arn:aws:iam::${OWN}:${kind}/${name}`;
      requests.push({
        principal: arn,
        identityPolicy: true,
        description: `own ${kind} ${name}`,
        context: {
          'aws:PrincipalArn': arn,
          'aws:PrincipalAccount': OWN,
          'kms:CallerAccount': OWN,
          'aws:userid': kind === 'role' ? 'AROAOWNROLEID000000:s' : 'AIDAOWNUSERID0000000',
          ...(kind === 'user' ? { 'aws:username': name } : {}),
          'aws:PrincipalOrgID': 'o-own1234567',
          'aws:PrincipalOrgPaths': ['o-own1234567/r-ab12/ou-ab12-11111111/'],
          'aws:SourceVpc': 'vpc-0own1234',
          'aws:SourceVpce': 'vpce-0own1234',
          'aws:SourceIp': '203.0.113.9',
          'aws:PrincipalTag/team': 'payments',
          'kms:ViaService': 's3.us-east-1.amazonaws.com',
        },
      });
    }
  }
  void statement;
  return requests;
}

export class EvaluatorError extends Error {}

export async function simulatorAdmits(statement: GeneratedStatement, requests = hostileRequests(statement)): Promise<HostileRequest | undefined> {
  for (const request of requests) {
    const result = await runSimulation(
      {
        request: { principal: request.principal, action: 'kms:Decrypt', resource: { resource: KEY_ARN, accountId: OWN }, contextVariables: request.context },
        identityPolicies: request.identityPolicy ? [{ name: 'attacker-admin', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] } }] : [],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: keyPolicy({ ...statement, Action: 'kms:Decrypt' }),
      },
      {},
    );
    if (result.resultType === 'error') throw new EvaluatorError(JSON.stringify(result.errors).slice(0, 300));
    if (result.overallResult === 'Allowed') return request;
  }
  return undefined;
}

export function engineFlags(statement: GeneratedStatement): boolean {
  return lintText(JSON.stringify(keyPolicy(statement), null, 2), { fileName: 'key-policy.json' }).findings.some((f) => f.ruleId === 'kms-wildcard-principal');
}

/** Whether anyone at all, the key's own account included, gets in: if not, the condition is impossible. */
export async function anyoneAdmitted(statement: GeneratedStatement): Promise<boolean> {
  return (await simulatorAdmits(statement, [...friendlyRequests(statement), ...hostileRequests(statement)])) !== undefined;
}

/** Disagreements that are understood: the evaluator's known defects, or where RULES.md decides. */
export function explain(statement: GeneratedStatement, engine: boolean, possible = true): string | undefined {
  const condition = JSON.stringify(statement.Condition ?? {});
  if (engine && /"ArnLike":\{[^}]*"\*"/.test(condition)) return 'evaluator: ArnLike with the bare value "*" matches nothing';
  // RULES.md judges each Condition entry on its own; a combination no caller can satisfy (one entry
  // asking for a key another forbids) is not detected, and the statement is reported.
  if (engine && !possible) return 'RULES: entries judged one by one; this combination admits no caller at all';
  // RULES.md decides: ForAllValues never restricts (it is true when the request lacks the key), even
  // where the other entries leave no request without it.
  if (engine && /ForAllValues:/.test(condition)) return 'RULES: ForAllValues: never restricts the caller';
  // RULES.md decides: …IfExists never restricts (AWS service requests carry no principal keys), even
  // where another entry needs a key such requests lack.
  if (engine && /IfExists"/.test(condition)) return 'RULES: …IfExists never restricts the caller';
  // aws:PrincipalOrgPaths holds several values: the evaluator matches a single-valued operator
  // against it as no match; RULES.md judges the value ("*" does not pin) whatever the operator.
  if (engine && /"(String|Arn)[A-Za-z]*":\{[^}]*"aws:PrincipalOrgPaths"/.test(condition)) return 'evaluator: a single-valued operator on the multivalued aws:PrincipalOrgPaths matches nothing';
  if (/"Arn(Like|Equals)"[^}]*\$\{aws:/.test(condition)) return 'evaluator: Arn* operators fail on values with policy variables';
  if (/IfExists/.test(condition) && /ForAnyValue/.test(condition)) return 'evaluator: ForAnyValue:…IfExists ignores IfExists';
  if (/"NotIpAddress"/.test(condition) && /"aws:SourceIp":"(\d+\.){3}\d+"/.test(condition)) return 'evaluator: a bare address under NotIpAddress mismatches across IPv4/IPv6';
  void engine;
  return undefined;
}
