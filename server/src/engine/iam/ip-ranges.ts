// IPv4 and IPv6 ranges of `aws:SourceIp` values, and whether a set of them covers every address of
// a family (then it admits anyone: `0.0.0.0/0`, or `0.0.0.0/1` + `128.0.0.0/1`).

export interface IpRange {
  family: 4 | 6;
  start: bigint;
  end: bigint;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  let body = text;
  let tail: bigint | undefined;
  let tailGroups = 0;
  // An IPv4 address in the last 32 bits (`::ffff:192.0.2.1`).
  const lastColon = body.lastIndexOf(':');
  if (lastColon >= 0 && body.slice(lastColon + 1).includes('.')) {
    tail = parseIpv4(body.slice(lastColon + 1));
    if (tail === undefined) return undefined;
    body = `${body.slice(0, lastColon + 1)}0:0`;
    tailGroups = 2;
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (s: string) => (s === '' ? [] : s.split(':'));
  const head = groupsOf(halves[0]);
  const rest = halves.length === 2 ? groupsOf(halves[1]) : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? head.length !== 8 : missing < 1) return undefined;
  const groups = halves.length === 2 ? [...head, ...Array<string>(missing).fill('0'), ...rest] : head;
  let value = 0n;
  for (const group of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    value = (value << 16n) | BigInt(parseInt(group, 16));
  }
  if (tail !== undefined && tailGroups === 2) value = (value & ~0xffffffffn) | tail;
  return value;
}

/** `203.0.113.0/24`, `2001:db8::/32`, or a bare address (a /32 or /128); undefined when it is not an address. */
export function parseRange(text: string): IpRange | undefined {
  const [address, prefixText, ...extra] = text.trim().split('/');
  if (extra.length > 0 || !address) return undefined;
  const isV6 = address.includes(':');
  const value = isV6 ? parseIpv6(address) : parseIpv4(address);
  if (value === undefined) return undefined;
  const bits = isV6 ? 128 : 32;
  let prefix = bits;
  if (prefixText !== undefined) {
    if (!/^\d{1,3}$/.test(prefixText)) return undefined;
    prefix = Number(prefixText);
    if (prefix > bits) return undefined;
  }
  const hostBits = BigInt(bits - prefix);
  const mask = (1n << hostBits) - 1n;
  const start = value & ~mask & ((1n << BigInt(bits)) - 1n);
  return { family: isV6 ? 6 : 4, start, end: start | mask };
}

/** Whether the ranges of one family, together, cover every address of it. */
function coversFamily(ranges: readonly IpRange[], family: 4 | 6): boolean {
  const max = family === 4 ? (1n << 32n) - 1n : (1n << 128n) - 1n;
  const sorted = ranges.filter((r) => r.family === family).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  let next = 0n;
  for (const range of sorted) {
    if (range.start > next) return false;
    if (range.end + 1n > next) next = range.end + 1n;
    if (next > max) return true;
  }
  return false;
}

/** Which address family the ranges leave wide open, if any. */
export function openFamily(values: readonly string[]): 4 | 6 | undefined {
  const ranges: IpRange[] = [];
  for (const value of values) {
    const range = parseRange(value);
    if (range) ranges.push(range);
  }
  if (coversFamily(ranges, 4)) return 4;
  if (coversFamily(ranges, 6)) return 6;
  return undefined;
}
