export { RULES, ruleMeta, docsUrl } from './meta';
