// Generates a reproducible corpus of KMS and IAM policy documents of every kind the scanner reads.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Small deterministic PRNG (mulberry32), so every run and machine gets the same corpus. */
export function createRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min, max) => min + Math.floor(next() * (max - min + 1));
  const pick = (items) => items[Math.floor(next() * items.length)];
  const chance = (p) => next() < p;
  const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[int(0, 15)]).join('');
  return { next, int, pick, chance, hex };
}

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2', 'ap-northeast-1'];
const TEAMS = ['payments', 'ledger', 'search', 'identity', 'analytics', 'platform', 'media', 'billing', 'risk', 'ml'];
const ROLE_KINDS = ['app', 'ci-deploy', 'etl', 'reader', 'admin', 'lambda-exec', 'ecs-task', 'backup', 'breakglass'];
const USAGE_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'];
const ADMIN_ACTIONS = [
  'kms:Create*', 'kms:Describe*', 'kms:Enable*', 'kms:List*', 'kms:Put*', 'kms:Update*', 'kms:Revoke*', 'kms:Disable*',
  'kms:Get*', 'kms:Delete*', 'kms:TagResource', 'kms:UntagResource', 'kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion',
];
const GRANT_ACTIONS = ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'];
const OTHER_ACTIONS = [
  's3:GetObject', 's3:PutObject', 's3:ListBucket', 'dynamodb:GetItem', 'dynamodb:Query', 'sqs:SendMessage', 'sqs:ReceiveMessage',
  'logs:CreateLogStream', 'logs:PutLogEvents', 'secretsmanager:GetSecretValue', 'ssm:GetParameter', 'sns:Publish',
];
const VIA_SERVICES = ['s3', 'ebs', 'rds', 'secretsmanager', 'dynamodb', 'sqs', 'lambda', 'ssm'];

export function account(random) {
  return String(random.int(100000000000, 999999999999));
}

function keyId(random) {
  return `${random.hex(8)}-${random.hex(4)}-${random.hex(4)}-${random.hex(4)}-${random.hex(12)}`;
}

function roleArn(random, acct) {
  return `arn:aws:iam::${acct}:role/${random.pick(TEAMS)}-${random.pick(ROLE_KINDS)}-${random.hex(4)}`;
}

function keyArn(random, acct, region, id) {
  return `arn:aws:kms:${region}:${acct}:key/${id}`;
}

function some(random, items, min, max) {
  const count = Math.min(items.length, random.int(min, max));
  const pool = [...items];
  const out = [];
  while (out.length < count) out.push(pool.splice(random.int(0, pool.length - 1), 1)[0]);
  return out;
}

function principals(random, acct, min, max) {
  const list = Array.from({ length: random.int(min, max) }, () => roleArn(random, acct));
  return list.length === 1 ? list[0] : list;
}

/** A key policy shaped like the ones AWS and teams write: root, admins, users, grants, services, sometimes a mistake. */
export function keyPolicy(random, acct, region) {
  const statements = [
    { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${acct}:root` }, Action: 'kms:*', Resource: '*' },
    { Sid: 'Allow access for Key Administrators', Effect: 'Allow', Principal: { AWS: principals(random, acct, 1, 6) }, Action: ADMIN_ACTIONS, Resource: '*' },
  ];
  const users = random.int(1, 7);
  for (let i = 0; i < users; i++) {
    const statement = { Sid: `Allow use of the key ${i + 1}`, Effect: 'Allow', Principal: { AWS: principals(random, acct, 1, 10) }, Action: USAGE_ACTIONS, Resource: '*' };
    if (random.chance(0.5)) {
      statement.Condition = {
        StringEquals: { 'kms:ViaService': `${random.pick(VIA_SERVICES)}.${region}.amazonaws.com`, 'kms:CallerAccount': acct },
      };
    }
    statements.push(statement);
  }
  if (random.chance(0.7)) {
    statements.push({
      Sid: 'Allow attachment of persistent resources', Effect: 'Allow', Principal: { AWS: principals(random, acct, 1, 4) },
      Action: GRANT_ACTIONS, Resource: '*', Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
    });
  }
  if (random.chance(0.3)) {
    statements.push({
      Sid: 'Allow CloudWatch Logs', Effect: 'Allow', Principal: { Service: `logs.${region}.amazonaws.com` },
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'], Resource: '*',
      Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${region}:${acct}:log-group:*` } },
    });
  }
  // About one key in eight has a problem the rules exist for.
  const mistake = random.int(0, 15);
  if (mistake === 0) statements.push({ Sid: 'Open', Effect: 'Allow', Principal: { AWS: '*' }, Action: random.pick(['kms:*', 'kms:Decrypt']), Resource: '*' });
  if (mistake === 1) statements.push({ Sid: 'Partner', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account(random)}:root` }, Action: 'kms:*', Resource: '*' });
  if (mistake === 2) {
    statements.push({
      Sid: 'OrgOnly', Effect: 'Allow', Principal: '*', Action: USAGE_ACTIONS, Resource: '*',
      Condition: { StringEquals: { 'aws:PrincipalOrgID': `o-${random.hex(10)}` } },
    });
  }
  return { Version: '2012-10-17', Id: `key-policy-${random.hex(6)}`, Statement: statements };
}

export function identityPolicy(random, acct, region) {
  const statements = [];
  const count = random.int(2, 14);
  for (let i = 0; i < count; i++) {
    if (random.chance(0.4)) {
      const keys = Array.from({ length: random.int(1, 5) }, () => keyArn(random, acct, random.pick(REGIONS), keyId(random)));
      statements.push({ Sid: `UseKeys${i}`, Effect: 'Allow', Action: some(random, USAGE_ACTIONS, 1, 5), Resource: keys.length === 1 ? keys[0] : keys });
    } else {
      const bucket = `${random.pick(TEAMS)}-${random.hex(6)}`;
      statements.push({
        Sid: `Data${i}`, Effect: 'Allow', Action: some(random, OTHER_ACTIONS, 1, 6),
        Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`, `arn:aws:dynamodb:${region}:${acct}:table/${bucket}`],
      });
    }
  }
  const mistake = random.int(0, 9);
  if (mistake === 0) statements.push({ Sid: 'DecryptAnything', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:DescribeKey'], Resource: '*' });
  if (mistake === 1) statements.push({ Sid: 'KmsAdmin', Effect: 'Allow', Action: 'kms:*', Resource: `arn:aws:kms:*:${acct}:key/*` });
  if (mistake === 2) statements.push({ Sid: 'DenyDelete', Effect: 'Deny', Action: ['kms:ScheduleKeyDeletion', 'kms:Delete*'], Resource: '*' });
  return { Version: '2012-10-17', Statement: statements };
}

/** JSONC as people keep it in repositories: a header comment and notes beside statements. */
function withComments(random, policy) {
  const lines = JSON.stringify(policy, null, 2).split('\n');
  const out = [`// ${random.pick(TEAMS)} service role policy, reviewed ${2020 + random.int(0, 6)}-0${random.int(1, 9)}`];
  for (const line of lines) {
    if (line.includes('"Sid"') && random.chance(0.5)) out.push(`      // ticket SEC-${random.int(100, 9999)}`);
    out.push(line);
  }
  return out.join('\n') + '\n';
}

function keyDescription(random, acct, region) {
  const id = keyId(random);
  const origin = random.chance(0.9) ? 'AWS_KMS' : random.pick(['EXTERNAL', 'AWS_CLOUDHSM']);
  const keySpec = random.chance(0.85) ? 'SYMMETRIC_DEFAULT' : random.pick(['RSA_2048', 'ECC_NIST_P256', 'HMAC_256']);
  return {
    AWSAccountId: acct,
    Arn: keyArn(random, acct, region, id),
    Region: region,
    KeyId: id,
    CreationDate: `202${random.int(0, 6)}-0${random.int(1, 9)}-1${random.int(0, 9)}T0${random.int(0, 9)}:1${random.int(0, 9)}:00Z`,
    Enabled: true,
    Description: `${random.pick(TEAMS)} data key`,
    KeyUsage: keySpec.startsWith('HMAC') ? 'GENERATE_VERIFY_MAC' : keySpec === 'SYMMETRIC_DEFAULT' ? 'ENCRYPT_DECRYPT' : 'SIGN_VERIFY',
    KeyState: random.chance(0.05) ? 'PendingDeletion' : 'Enabled',
    Origin: origin,
    KeyManager: random.chance(0.85) ? 'CUSTOMER' : 'AWS',
    KeySpec: keySpec,
    CustomerMasterKeySpec: keySpec,
    EncryptionAlgorithms: keySpec === 'SYMMETRIC_DEFAULT' ? ['SYMMETRIC_DEFAULT'] : [],
    KeyRotationEnabled: random.pick([true, true, true, false, null]),
    MultiRegion: false,
    Tags: { team: random.pick(TEAMS), env: random.pick(['prod', 'staging', 'dev']) },
    Policy: JSON.stringify(keyPolicy(random, acct, region)),
  };
}

function cloudTrailRecord(random, acct, region) {
  const id = keyId(random);
  const changesPolicy = random.chance(0.4);
  const eventName = changesPolicy ? random.pick(['PutKeyPolicy', 'PutKeyPolicy', 'CreateKey']) : random.pick(['Decrypt', 'GenerateDataKey', 'DescribeKey', 'Encrypt']);
  const caller = roleArn(random, acct);
  const record = {
    eventVersion: '1.08',
    userIdentity: {
      type: 'AssumedRole',
      principalId: `AROA${random.hex(16).toUpperCase()}:session-${random.hex(6)}`,
      arn: caller.replace(':role/', ':assumed-role/') + `/session-${random.hex(6)}`,
      accountId: acct,
      accessKeyId: `ASIA${random.hex(16).toUpperCase()}`,
      sessionContext: {
        sessionIssuer: { type: 'Role', principalId: `AROA${random.hex(16).toUpperCase()}`, arn: caller, accountId: acct, userName: caller.split('/')[1] },
        attributes: { creationDate: '2026-03-01T10:00:00Z', mfaAuthenticated: 'false' },
      },
    },
    eventTime: `2026-0${random.int(1, 9)}-1${random.int(0, 9)}T1${random.int(0, 9)}:${random.int(10, 59)}:${random.int(10, 59)}Z`,
    eventSource: 'kms.amazonaws.com',
    eventName,
    awsRegion: region,
    sourceIPAddress: `10.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`,
    userAgent: random.pick(['aws-cli/2.15.0 Python/3.11.6', 'Boto3/1.34.0 Python/3.12.1', 'aws-sdk-java/2.21.0', 'terraform-provider-aws/5.31.0']),
    requestParameters: changesPolicy
      ? { keyId: id, policyName: 'default', policy: JSON.stringify(keyPolicy(random, acct, region)), bypassPolicyLockoutSafetyCheck: false }
      : { keyId: keyArn(random, acct, region, id), encryptionAlgorithm: 'SYMMETRIC_DEFAULT' },
    responseElements: null,
    requestID: keyId(random),
    eventID: keyId(random),
    readOnly: !changesPolicy,
    resources: [{ accountId: acct, type: 'AWS::KMS::Key', ARN: keyArn(random, acct, region, id) }],
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: acct,
    eventCategory: 'Management',
  };
  return record;
}

/** The kinds of file, by share of the corpus. Each returns the file's name suffix and its text. */
const KINDS = [
  { share: 0.25, make: (r, a, g) => ['.json', JSON.stringify(keyPolicy(r, a, g), null, r.chance(0.5) ? 2 : 4)] },
  { share: 0.2, make: (r, a, g) => ['.json', JSON.stringify(identityPolicy(r, a, g), null, 2)] },
  { share: 0.05, make: (r, a, g) => ['.jsonc', withComments(r, identityPolicy(r, a, g))] },
  { share: 0.15, make: (r, a, g) => ['.json', JSON.stringify({ Policy: JSON.stringify(keyPolicy(r, a, g), null, 4), PolicyName: 'default' }, null, 4)] },
  { share: 0.2, make: (r, a, g) => ['.json', JSON.stringify(keyDescription(r, a, g), null, 2)] },
  { share: 0.15, make: (r, a, g) => ['.json', JSON.stringify({ Records: Array.from({ length: r.int(1, 4) }, () => cloudTrailRecord(r, a, g)) })] },
];

/** Writes `count` files into `dir` (100 per folder) and returns the total size in bytes. */
export function writeCorpus(dir, count, seed = 20260401) {
  const random = createRandom(seed);
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const folder = join(dir, `account-${String(Math.floor(i / 100)).padStart(3, '0')}`);
    if (i % 100 === 0) mkdirSync(folder, { recursive: true });
    let roll = random.next();
    const kind = KINDS.find((k) => (roll -= k.share) < 0) ?? KINDS[0];
    const [suffix, text] = kind.make(random, account(random), random.pick(REGIONS));
    writeFileSync(join(folder, `policy-${String(i).padStart(5, '0')}${suffix}`), text);
    bytes += Buffer.byteLength(text);
  }
  return bytes;
}

/** Bump when the generator changes, so a kept corpus is never stale. */
const CORPUS_VERSION = 2;

/**
 * The corpus of `count` files in `dir`, generated unless a marker beside it (so no scan reads it)
 * says it is there already for this generator; `regenerate` writes it anew. Returns {version, files, bytes}.
 */
export function ensureCorpus(dir, count, { regenerate = false } = {}) {
  const marker = `${dir}.corpus.json`;
  if (!regenerate && existsSync(marker)) {
    const found = JSON.parse(readFileSync(marker, 'utf8'));
    if (found.version === CORPUS_VERSION && found.files === count) return found;
  }
  rmSync(dir, { recursive: true, force: true });
  const started = performance.now();
  const bytes = writeCorpus(dir, count);
  const info = { version: CORPUS_VERSION, files: count, bytes };
  writeFileSync(marker, JSON.stringify(info));
  console.log(`generated ${count} files, ${(bytes / 1e6).toFixed(1)} MB in ${dir} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  return info;
}
