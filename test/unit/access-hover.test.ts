// The access summary in the hover of a key policy's `Statement` key.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readDocument } from '../../server/src/engine';
import { accessHover } from '../../server/src/lsp/accessSummary';

const OWN = '111122223333';
const policy = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
const root = { Sid: 'Statement', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OWN}:root` }, Action: 'kms:*', Resource: '*' };
const partner = { Sid: 'Partner`|', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999988887777:root' }, Action: 'kms:Decrypt', Resource: '*' };

describe('access hover', () => {
  it('shows the summary and who can do what on the Statement key, anywhere in the word', () => {
    const text = policy([root, partner]);
    const doc = readDocument(text, { fileName: 'key.json' });
    const key = text.indexOf('"Statement"') + 1;
    for (const offset of [key, key + 4, key + 'Statement'.length]) {
      const hover = accessHover(doc, offset);
      assert.ok(hover, `no hover at ${offset}`);
      assert.match(hover, /^\*\*Key access:\*\* Use: own account, 1 account · Administer: own account · Grants: own account · Everyone: no\n/);
      assert.match(hover, /^- `account 999988887777`: Decrypt — via ``Partner`\|``$/m, 'a code span, its pipe not escaped outside a table');
    }
  });

  it('says nothing elsewhere: other keys, a Sid spelled Statement, identity policies', () => {
    const text = policy([root, partner]);
    const doc = readDocument(text, { fileName: 'key.json' });
    assert.equal(accessHover(doc, text.indexOf('"Version"') + 2), undefined);
    assert.equal(accessHover(doc, text.indexOf('"Statement",') + 2), undefined, 'the Sid value "Statement"');
    const identity = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }] });
    assert.equal(accessHover(readDocument(identity, { fileName: 'id.json' }), identity.indexOf('Statement') + 1), undefined);
  });

  it('uses the accounts it is given', () => {
    const text = policy([root, { ...root, Sid: 'Other', Principal: { AWS: 'arn:aws:iam::999988887777:root' } }]);
    const doc = readDocument(text, { fileName: 'key.json' });
    const offset = text.indexOf('"Statement"') + 1;
    assert.match(accessHover(doc, offset) ?? '', /Use: 2 accounts/);
    assert.match(accessHover(doc, offset, ['999988887777']) ?? '', /Use: own account, 1 account/);
  });
});
