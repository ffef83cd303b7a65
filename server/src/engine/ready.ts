// What the engine loads before it can read every syntax: Terraform's HCL parser is WebAssembly,
// and WebAssembly loads asynchronously. Hosts (CLI, its workers, the language server, tests) await
// this once; after it, linting is synchronous.
import { hclReady, initHcl } from './sources/terraform/hcl';
import './sources/terraform/terraform';
import './sources/yaml/cloudformation-yaml';

export function ready(): Promise<void> {
  return initHcl();
}

export function isReady(): boolean {
  return hclReady();
}
