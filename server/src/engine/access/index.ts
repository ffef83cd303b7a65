// Who can use a key, and who can change it: the access summary's entry points.
export { accessOfDocument, accessOfPolicy, policyAnchor, type AccessOptions } from './compute';
export { ACTION_CAPABILITY, ACTIONS_OF, CAPABILITIES, CAPABILITY_TITLES, capabilityOf, KEY_ACTIONS } from './capabilities';
export { summaryLine } from './summary';
export type * from './types';
