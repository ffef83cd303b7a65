// The yaml package, loaded when the first YAML text is read: setting it up costs every start a few
// milliseconds, and a scan of JSON files never needs it.
export function yamlPackage(): typeof import('yaml') {
  return require('yaml') as typeof import('yaml');
}
