// Re-exports for rules: what a statement grants.
export { grantOf as grantOfStatement, hasCondition, isAllow } from '../iam/grants';
export { grantedKmsActions, grants, grantsAllKms, grantsAnyKms } from '../iam/actions';
