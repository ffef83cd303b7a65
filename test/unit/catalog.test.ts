// The IAM catalog hover, completion and unknown-name checks read: real lookups in the generated data,
// and proof that linting never loads it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
// Imported first and used before any lookup: the lint path must leave the catalog unread.
import { lintText } from '../../server/src/engine';
import {
  actionsOf,
  catalogLoadState,
  catalogVersion,
  conditionKeysOf,
  listServices,
  lookupAction,
  lookupConditionKey,
  lookupService,
  matchActions,
  suggest,
} from '../../server/src/engine/iam/catalog';
import { IAM_DATA_VERSION, KMS_ACTIONS } from '../../server/src/engine/iam/kms-actions.generated';

const ROOT = path.resolve(__dirname, '..', '..');

describe('loading', () => {
  // Runs first (node:test keeps declaration order), before anything below reads the catalog.
  it('linting a policy, even with unknown and non-KMS names, reads nothing of the catalog while iam-unknown-action is off', () => {
    const text = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: '*' }, Action: ['kms:Decrypts', 's3:GetObject', 'kms:*'], Resource: '*', Condition: { StringEquals: { 'kms:CallerAcount': '111122223333' } } },
      ],
    });
    assert.ok(lintText(text, { rules: { 'iam-unknown-action': 'off' } }).findings.length > 0, 'the policy is linted');
    assert.deepEqual(catalogLoadState(), { indexLoaded: false, servicesParsed: 0 });
  });

  it('a lookup parses the index and only the service it names', () => {
    assert.equal(lookupAction('kms:Decrypt')?.name, 'Decrypt');
    assert.deepEqual(catalogLoadState(), { indexLoaded: true, servicesParsed: 1 });
    lookupConditionKey('kms:CallerAccount');
    lookupConditionKey('aws:PrincipalArn');
    assert.equal(catalogLoadState().servicesParsed, 1, 'kms again, and global keys from the index');
  });

  // Like cli.test.ts, this runs the bundle: `npm run build` first.
  it('the CLI linting a file with iam-unknown-action off never opens the catalog files', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-lint-path-'));
    try {
      const policy = path.join(dir, 'key-policy.json');
      fs.writeFileSync(policy, JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: ['kms:Decrypt', 'kms:Decrypts', 'ec2:RunInstances'], Resource: '*' }] }));
      // A preload that records every file the process opens by path.
      const hook = path.join(dir, 'record-opens.cjs');
      const log = path.join(dir, 'opened.txt');
      fs.writeFileSync(
        hook,
        `const fs = require('fs');
         const seen = [];
         for (const name of ['openSync', 'readFileSync']) {
           const original = fs[name];
           fs[name] = function (file, ...rest) { if (typeof file === 'string') seen.push(file); return original.call(this, file, ...rest); };
         }
         process.on('exit', () => fs.writeFileSync(${JSON.stringify(log)}, seen.join('\\n')));`,
      );
      const run = spawnSync(process.execPath, ['--require', hook, path.join(ROOT, 'dist', 'cli.js'), 'scan', policy, '--jobs', '1', '--fail-on', 'none', '--rule', 'iam-unknown-action=off'], { encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /kms-wildcard-principal/, 'the file was linted');
      const opened = fs.readFileSync(log, 'utf8').split('\n');
      assert.ok(opened.includes(policy), 'the hook sees the files the CLI reads');
      assert.deepEqual(opened.filter((file) => file.includes('iam-catalog')), []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('services', () => {
  it('lists every service of the data with its reference name', () => {
    const services = listServices();
    assert.ok(services.length > 400, `${services.length} services`);
    assert.deepEqual(lookupService('KMS'), { prefix: 'kms', name: 'AWS Key Management Service' });
    assert.equal(services.find((s) => s.prefix === 's3')?.name, 'Amazon S3');
    assert.equal(lookupService('nope'), undefined);
  });

  it('comes from the same data version as the KMS table the rules use', () => {
    assert.equal(catalogVersion(), IAM_DATA_VERSION);
    assert.deepEqual(
      actionsOf('kms').map((a) => a.name),
      KMS_ACTIONS.map(([name]) => name),
    );
  });
});

describe('lookupAction', () => {
  it('kms:Decrypt: Write, on a required key resource, with its condition keys', () => {
    const decrypt = lookupAction('kms:Decrypt');
    assert.ok(decrypt);
    assert.equal(decrypt.service, 'kms');
    assert.equal(decrypt.fullName, 'kms:Decrypt');
    assert.equal(decrypt.accessLevel, 'Write');
    assert.match(decrypt.description, /decrypt ciphertext/i);
    assert.deepEqual(decrypt.resourceTypes.map((r) => [r.name, r.required]), [['key', true]]);
    assert.equal(decrypt.resourceTypes[0].arn, 'arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}');
    assert.ok(decrypt.resourceTypes[0].conditionKeys.includes('kms:KeySpec'));
    for (const key of ['kms:CallerAccount', 'kms:ViaService', 'kms:EncryptionContext:${EncryptionContextKey}']) {
      assert.ok(decrypt.conditionKeys.includes(key), key);
    }
  });

  it('is case-insensitive and answers in the reference spelling', () => {
    assert.equal(lookupAction('KMS:decrypt')?.fullName, 'kms:Decrypt');
    assert.equal(lookupAction('S3:getobject')?.fullName, 's3:GetObject');
  });

  it('names the access levels as the reference does, not as "Tagging, Write"', () => {
    assert.equal(lookupAction('kms:TagResource')?.accessLevel, 'Tagging');
    assert.equal(lookupAction('kms:PutKeyPolicy')?.accessLevel, 'Permissions management');
    assert.equal(lookupAction('kms:ListKeys')?.accessLevel, 'List');
    assert.equal(lookupAction('kms:DescribeKey')?.accessLevel, 'Read');
  });

  it('an action with no resource type needs "*"', () => {
    assert.deepEqual(lookupAction('kms:ListKeys')?.resourceTypes, []);
  });

  it('knows services beyond KMS', () => {
    const runInstances = lookupAction('ec2:RunInstances');
    assert.ok(runInstances);
    assert.ok(runInstances.resourceTypes.some((r) => r.name === 'instance' && r.required));
  });

  it('returns nothing for unknown names, patterns and junk', () => {
    for (const name of ['kms:Decrypts', 'kms:Re*', 'kms:', ':Decrypt', 'Decrypt', 'nope:Decrypt', '', 'kms:Decrypt:x', 'x'.repeat(100_000)]) {
      assert.equal(lookupAction(name), undefined, name.slice(0, 20));
    }
  });

  it('serialises as a plain object', () => {
    const json = JSON.parse(JSON.stringify(lookupAction('kms:ListKeys')));
    assert.deepEqual(Object.keys(json).sort(), ['accessLevel', 'conditionKeys', 'description', 'fullName', 'name', 'resourceTypes', 'service']);
  });
});

describe('matchActions', () => {
  const names = (pattern: string) => matchActions(pattern).map((a) => a.fullName);

  it('kms:Re* is the KMS actions starting with Re', () => {
    assert.deepEqual(names('kms:Re*'), ['kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:ReplicateKey', 'kms:RetireGrant', 'kms:RevokeGrant']);
  });

  it('? is exactly one character', () => {
    assert.deepEqual(names('s3:Get?bject'), ['s3:GetObject']);
    assert.deepEqual(names('kms:Decryp?'), ['kms:Decrypt']);
    assert.deepEqual(names('kms:Decrypt?'), []);
  });

  it('is case-insensitive', () => {
    assert.deepEqual(names('KMS:decrypt'), ['kms:Decrypt']);
    assert.deepEqual(names('kms:*key'), names('KMS:*KEY'));
  });

  it('kms:* is every KMS action; * and *:* are every action of every service', () => {
    assert.equal(matchActions('kms:*').length, KMS_ACTIONS.length);
    const all = matchActions('*');
    assert.ok(all.length > 20_000, `${all.length} actions`);
    assert.equal(matchActions('*:*').length, all.length);
    assert.equal(new Set(all.map((a) => a.fullName)).size, all.length);
  });

  it('wildcards in the service part, and patterns without a colon', () => {
    assert.deepEqual(names('km?:Decrypt'), ['kms:Decrypt']);
    const getObjects = names('*:GetObject');
    assert.ok(getObjects.includes('s3:GetObject'));
    assert.ok(getObjects.every((n) => n.endsWith(':GetObject')));
    assert.deepEqual(names('kms*'), names('kms:*'));
    assert.ok(names('*Decrypt').includes('kms:Decrypt'));
    assert.deepEqual(names('*:Decrypt*').filter((n) => n.startsWith('kms:')), ['kms:Decrypt']);
  });

  it('matches nothing for names that are no pattern of a known action', () => {
    for (const pattern of ['kms:Decrypts', 'nope:*', 'kms', 'kms:Decrypt:*', '', ':']) assert.deepEqual(names(pattern), [], pattern);
  });

  it('stays fast on hostile patterns (no backtracking blow-up)', () => {
    const started = performance.now();
    assert.deepEqual(names(`kms:${'*a'.repeat(5_000)}b`), []);
    assert.deepEqual(names(`${'*?'.repeat(5_000)}`), []);
    assert.deepEqual(names(`kms:${'?'.repeat(1_000_000)}`), []);
    assert.ok(performance.now() - started < 2_000);
  });
});

describe('lookupConditionKey', () => {
  it('kms:CallerAccount is a String documented by KMS', () => {
    const key = lookupConditionKey('kms:CallerAccount');
    assert.ok(key);
    assert.deepEqual([key.key, key.type, key.service, key.global], ['kms:CallerAccount', 'String', 'kms', false]);
    assert.match(key.description, /account ID of the caller/);
  });

  it('global keys, with their types and a description', () => {
    const arn = lookupConditionKey('aws:principalarn');
    assert.deepEqual([arn?.key, arn?.type, arn?.service, arn?.global], ['aws:PrincipalArn', 'ARN', 'aws', true]);
    assert.ok(arn?.description);
    assert.equal(lookupConditionKey('aws:SourceIp')?.type, 'IPAddress');
    assert.equal(lookupConditionKey('aws:SecureTransport')?.type, 'Bool');
    assert.equal(lookupConditionKey('aws:PrincipalOrgPaths')?.type, 'ArrayOfString');
    for (const key of conditionKeysOf('aws')) assert.ok(key.description, `${key.key} has a description`);
  });

  it('instances of templated keys', () => {
    assert.equal(lookupConditionKey('aws:PrincipalTag/team')?.key, 'aws:PrincipalTag/${TagKey}');
    assert.equal(lookupConditionKey('aws:RequestTag/Environment')?.key, 'aws:RequestTag/${TagKey}');
    assert.equal(lookupConditionKey('aws:ResourceTag/owner')?.key, 'aws:ResourceTag/${TagKey}');
    assert.equal(lookupConditionKey('kms:EncryptionContext:aws:s3:arn')?.key, 'kms:EncryptionContext:${EncryptionContextKey}');
    assert.equal(lookupConditionKey('kms:EncryptionContext:aws:s3:arn')?.service, 'kms');
    assert.equal(lookupConditionKey('aws:PrincipalTag/${TagKey}')?.key, 'aws:PrincipalTag/${TagKey}');
    assert.equal(lookupConditionKey('aws:PrincipalTag/'), undefined, 'a tag key is at least one character');
  });

  it('the tag keys the reference spells with a literal tag-key take any tag key too', () => {
    assert.equal(lookupConditionKey('secretsmanager:ResourceTag/managed-by')?.key, 'secretsmanager:ResourceTag/tag-key');
    assert.match(lookupConditionKey('ssm:resourceTag/Environment')?.key ?? '', /^ssm:resourceTag\//);
    assert.equal(lookupConditionKey('secretsmanager:ResourceTag'), undefined, 'without a tag key it is no key');
  });

  it('prefers the named service\'s own description of a global key', () => {
    const forKms = lookupConditionKey('aws:RequestTag/team', 'kms');
    assert.equal(forKms?.service, 'kms');
    assert.match(forKms?.description ?? '', /KMS/);
    assert.equal(lookupConditionKey('aws:RequestTag/team')?.service, 'aws');
  });

  it('keys documented under another service (federation, session keys)', () => {
    assert.equal(lookupConditionKey('accounts.google.com:aud')?.service, 'sts');
    assert.equal(lookupConditionKey('token.actions.githubusercontent.com:repository')?.service, 'sts');
    assert.equal(lookupConditionKey('token.actions.githubusercontent.com/acme:actor')?.key, 'token.actions.githubusercontent.com/${SubPath}:actor');
    assert.equal(lookupConditionKey('ec2:SourceInstanceArn')?.type, 'ARN');
    assert.equal(lookupConditionKey('s3:x-amz-acl')?.service, 's3');
  });

  it('returns nothing for unknown keys and junk', () => {
    for (const key of ['kms:CallerAcount', 'aws:Nope', 'CallerAccount', 'nope:x', '', ':', 'kms:']) assert.equal(lookupConditionKey(key), undefined, key);
  });

  it('conditionKeysOf lists a service\'s keys', () => {
    const keys = conditionKeysOf('kms').map((k) => k.key);
    assert.ok(keys.includes('kms:ViaService'));
    assert.ok(keys.includes('aws:ResourceTag/${TagKey}'));
    assert.deepEqual(conditionKeysOf('nope'), []);
  });
});

describe('suggest', () => {
  it('did you mean, for actions', () => {
    assert.deepEqual(suggest('kms:Decrypts', 'action'), ['kms:Decrypt']);
    assert.deepEqual(suggest('kms:Decrpyt', 'action'), ['kms:Decrypt'], 'a swap of two letters is one edit');
    assert.deepEqual(suggest('kms:generatedatakey', 'action'), [], 'known (case-insensitive): nothing to suggest');
    assert.deepEqual(suggest('kms:GenerateDataKeyy', 'action'), ['kms:GenerateDataKey']);
    assert.deepEqual(suggest('kmss:Decrypt', 'action'), ['kms:Decrypt'], 'a mistyped service');
    assert.deepEqual(suggest('s3:GetObjekt', 'action'), ['s3:GetObject']);
  });

  it('did you mean, for condition keys', () => {
    assert.deepEqual(suggest('kms:CallerAcount', 'conditionKey'), ['kms:CallerAccount']);
    assert.deepEqual(suggest('aws:PrincipleArn', 'conditionKey'), ['aws:PrincipalArn']);
    assert.deepEqual(suggest('aws:SourceVPC', 'conditionKey'), [], 'known (case-insensitive)');
    assert.deepEqual(suggest('aws:PrincipalTags/team', 'conditionKey'), ['aws:PrincipalTag/team'], 'keeps the tag the user wrote');
    assert.deepEqual(suggest('kms:EncryptionContex:aws:s3:arn', 'conditionKey'), ['kms:EncryptionContext:aws:s3:arn']);
    assert.deepEqual(suggest('km:CallerAccount', 'conditionKey'), ['kms:CallerAccount'], 'a mistyped prefix');
  });

  it('a pattern is never unknown when it matches something', () => {
    assert.deepEqual(suggest('kms:Re*', 'action'), []);
    assert.deepEqual(suggest('*', 'action'), []);
    assert.deepEqual(suggest('kmss:*', 'action'), ['kms:*'], 'a pattern matching nothing may name a mistyped service');
  });

  it('suggests nothing far from every name', () => {
    assert.deepEqual(suggest('kms:TotallyDifferent', 'action'), []);
    assert.deepEqual(suggest('zzzzzz:Decrypt', 'action'), []);
    assert.deepEqual(suggest('Decrypt', 'action'), []);
    assert.deepEqual(suggest('x'.repeat(10_000), 'conditionKey'), []);
  });

  it('answers quickly once the service is loaded', () => {
    suggest('ec2:RunInstance', 'action');
    const started = performance.now();
    for (let i = 0; i < 100; i++) suggest(`ec2:DescribeInstance${i}`, 'action');
    const perCall = (performance.now() - started) / 100;
    assert.ok(perCall < 20, `${perCall.toFixed(2)} ms per suggestion`);
  });
});

describe('consistency of the generated data', () => {
  it('every action and every condition key it lists can be looked up', () => {
    let actions = 0;
    for (const { prefix } of listServices()) {
      for (const action of actionsOf(prefix)) {
        actions++;
        assert.equal(lookupAction(action.fullName), action);
        for (const key of action.conditionKeys) assert.ok(lookupConditionKey(key, prefix), `${action.fullName}: ${key}`);
      }
      for (const key of conditionKeysOf(prefix)) assert.ok(lookupConditionKey(key.key), `${prefix}: ${key.key}`);
    }
    assert.equal(actions, matchActions('*').length);
  });
});
