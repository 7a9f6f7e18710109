// IP addresses as numbers, for the cluster IP allocator: an address is a
// bigint (32 bits for IPv4, 128 for IPv6), a CIDR a network number and a
// prefix length. Addresses are printed the way Go's net.IP prints them
// (upstream's allocator hands out IPs in that form): IPv4 dotted, IPv6 in
// lower case with the longest run of two or more zero groups as `::`.

import { isIP } from "node:net";

export type IPFamily = "IPv4" | "IPv6";

/** The 16 bytes of an IPv6 address (a zone `%eth0` is ignored, an embedded IPv4 tail is read), or null. */
export function ipv6Bytes(ip: string): number[] | null {
  if (isIP(ip) !== 6) return null;
  let text = ip.split("%")[0] ?? "";
  const tail: number[] = [];
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4?.[1]) {
    tail.push(...v4[1].split(".").map(Number));
    text = text.slice(0, -v4[1].length) + "0:0";
  }
  const [head = "", rest] = text.split("::");
  const groups = (part: string) => (part === "" ? [] : part.split(":").map((g) => Number.parseInt(g, 16)));
  const h = groups(head);
  const r = rest === undefined ? [] : groups(rest);
  const all = [...h, ...Array<number>(8 - h.length - r.length).fill(0), ...r];
  const bytes = all.flatMap((g) => [g >> 8, g & 0xff]);
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}

/** The family of a valid IP string, or null for anything else. */
export function familyOfIP(ip: string): IPFamily | null {
  const kind = isIP(ip);
  return kind === 4 ? "IPv4" : kind === 6 ? "IPv6" : null;
}

const BITS: Record<IPFamily, number> = { IPv4: 32, IPv6: 128 };

/** An IP as a number, with its family; null when `ip` is not an IP. */
export function parseIP(ip: string): { family: IPFamily; value: bigint } | null {
  const family = familyOfIP(ip);
  if (family === "IPv4") {
    const value = ip.split(".").reduce((n, part) => (n << 8n) | BigInt(Number(part)), 0n);
    return { family, value };
  }
  if (family === "IPv6") {
    const bytes = ipv6Bytes(ip) ?? [];
    return { family, value: bytes.reduce((n, b) => (n << 8n) | BigInt(b), 0n) };
  }
  return null;
}

/** The text of an address, as Go prints it. */
export function formatIP(family: IPFamily, value: bigint): string {
  if (family === "IPv4") {
    return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join(".");
  }
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  // The longest run of zero groups (the first of equal runs), if it is at least two long.
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.length) best = { start: i, length: j - i };
    i = j;
  }
  const hex = (gs: number[]) => gs.map((g) => g.toString(16)).join(":");
  if (best.length < 2) return hex(groups);
  return `${hex(groups.slice(0, best.start))}::${hex(groups.slice(best.start + best.length))}`;
}

/** A network: its family, first address and prefix length. */
export interface CIDR {
  family: IPFamily;
  network: bigint;
  prefixLength: number;
  /** Addresses in the network: 2^(bits - prefixLength). */
  size: bigint;
}

/**
 * Reads `a.b.c.d/n` or `x::y/n`; the host bits are cleared, as Go's
 * ParseCIDR does (`10.0.0.5/24` is 10.0.0.0/24). Null when not a CIDR.
 */
export function parseCIDR(text: string): CIDR | null {
  const slash = text.indexOf("/");
  if (slash < 0) return null;
  const ip = parseIP(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (ip === null || !/^\d{1,3}$/.test(prefixText)) return null;
  const bits = BITS[ip.family];
  const prefixLength = Number(prefixText);
  if (prefixLength > bits) return null;
  const hostBits = BigInt(bits - prefixLength);
  const network = (ip.value >> hostBits) << hostBits;
  return { family: ip.family, network, prefixLength, size: 1n << hostBits };
}

export function formatCIDR(cidr: CIDR): string {
  return `${formatIP(cidr.family, cidr.network)}/${cidr.prefixLength}`;
}

/** Whether `ip` (of any family) lies in `cidr`. */
export function cidrContains(cidr: CIDR, ip: { family: IPFamily; value: bigint }): boolean {
  return ip.family === cidr.family && ip.value >= cidr.network && ip.value < cidr.network + cidr.size;
}
