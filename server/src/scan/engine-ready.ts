// The engine's WebAssembly parser (Terraform) loads on first need: a scan of JSON and YAML never
// loads it, and a file that may hold HCL waits for it only the first time.
import { isReady, ready } from '../engine';

/** Files whose name says JSON or YAML are never read as Terraform; anything else may hold HCL. */
const NEEDS_NO_HCL = /\.(json|jsonc|ya?ml)$/i;

export async function engineReadyFor(path: string): Promise<void> {
  if (!isReady() && !NEEDS_NO_HCL.test(path)) await ready();
}
