// Sets of key actions as bit masks: a statement's actions are matched against the catalog once, and
// Deny subtraction and merging are then single operations however many statements a policy has.
import { grants, type ActionGrant } from '../iam/actions';
import { ACTIONS_OF, CAPABILITIES, KEY_ACTIONS, type Capability } from './capabilities';

export type ActionMask = bigint;

export const NO_ACTIONS: ActionMask = 0n;
export const ALL_KEY_ACTIONS: ActionMask = (1n << BigInt(KEY_ACTIONS.length)) - 1n;

const BITS: readonly ActionMask[] = KEY_ACTIONS.map((_, i) => 1n << BigInt(i));
const BIT = new Map(KEY_ACTIONS.map((action, i) => [action.toLowerCase(), BITS[i]]));

function maskOfActions(actions: readonly string[]): ActionMask {
  let mask = NO_ACTIONS;
  for (const action of actions) mask |= BIT.get(action.toLowerCase()) ?? NO_ACTIONS;
  return mask;
}

export const CAPABILITY_MASK: Readonly<Record<Capability, ActionMask>> = {
  use: maskOfActions(ACTIONS_OF.use),
  administer: maskOfActions(ACTIONS_OF.administer),
  grants: maskOfActions(ACTIONS_OF.grants),
  view: maskOfActions(ACTIONS_OF.view),
};

/** The key actions an Action / NotAction grant matches. */
export function maskOfGrant(grant: ActionGrant): ActionMask {
  let mask = NO_ACTIONS;
  for (let i = 0; i < KEY_ACTIONS.length; i++) if (grants(grant, KEY_ACTIONS[i])) mask |= BITS[i];
  return mask;
}

/** The actions of a mask, as `kms:Name`, in catalog order. */
export function actionsOfMask(mask: ActionMask): string[] {
  const out: string[] = [];
  for (let i = 0; i < KEY_ACTIONS.length; i++) if ((mask & BITS[i]) !== NO_ACTIONS) out.push(KEY_ACTIONS[i]);
  return out;
}

export function capabilitiesOfMask(mask: ActionMask): Capability[] {
  return CAPABILITIES.filter((capability) => (mask & CAPABILITY_MASK[capability]) !== NO_ACTIONS);
}

export { maskOfActions };
