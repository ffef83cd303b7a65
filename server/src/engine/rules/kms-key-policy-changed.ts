import type { Rule } from './rule';

export const keyPolicyChanged: Rule = {
  meta: {
    id: 'kms-key-policy-changed',
    defaultSeverity: 'information',
    description: 'A CloudTrail CreateKey, PutKeyPolicy or ReplicateKey event set (or tried to set) a key policy.',
    note: true,
  },
  checkDocument(ctx) {
    for (const event of ctx.document.events) {
      const verb = event.errorCode ? `tried to set (${event.errorCode})` : 'set';
      ctx.report(event.loc, `A ${event.eventName} event ${verb} this key's policy: review who it lets in.`);
    }
  },
};
