// Kubernetes' IP and CIDR libraries (k8s.io/apiserver/pkg/cel/library/ip.go,
// cidr.go): ip(), isIP(), cidr(), isCIDR() and what they tell.

import { isIPv4, isIPv6 } from "../../schema/formats.js";
import { T } from "../types.js";
import { EvalError, OpaqueValue, type Value } from "../values.js";
import { type Overload, fn, method } from "./overload.js";

export const IP_TYPE = T.opaque("net.IP");
export const CIDR_TYPE = T.opaque("net.CIDR");

function ipv6Bytes(s: string): Uint8Array {
  let text = s;
  const tail: number[] = [];
  const last = text.slice(text.lastIndexOf(":") + 1);
  if (last.includes(".")) {
    tail.push(...last.split(".").map(Number));
    text = `${text.slice(0, text.lastIndexOf(":") + 1)}0:0`;
  }
  const [l, r] = text.includes("::") ? text.split("::") : [text, undefined];
  const left = l ? l.split(":") : [];
  const right = r !== undefined && r !== "" ? r.split(":") : [];
  const groups = [...left, ...Array(8 - left.length - right.length).fill("0"), ...right].map((g) => parseInt(g, 16));
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    bytes[i * 2] = g >> 8;
    bytes[i * 2 + 1] = g & 0xff;
  });
  if (tail.length === 4) bytes.set(tail, 12);
  return bytes;
}

export class IPValue extends OpaqueValue {
  readonly typeName = "net.IP";
  constructor(readonly bytes: Uint8Array) {
    super();
  }
  get family(): 4 | 6 {
    return this.bytes.length === 4 ? 4 : 6;
  }
  equals(other: OpaqueValue): boolean {
    return other instanceof IPValue && other.bytes.length === this.bytes.length && other.bytes.every((b, i) => b === this.bytes[i]);
  }
  override toString(): string {
    if (this.family === 4) return this.bytes.join(".");
    const groups: number[] = [];
    for (let i = 0; i < 16; i += 2) groups.push((this.bytes[i]! << 8) | this.bytes[i + 1]!);
    // The longest run of zero groups (at least two) becomes "::".
    let best = -1;
    let bestLen = 0;
    for (let i = 0; i < 8; ) {
      if (groups[i] !== 0) {
        i++;
        continue;
      }
      let j = i;
      while (j < 8 && groups[j] === 0) j++;
      if (j - i > bestLen && j - i >= 2) (best = i), (bestLen = j - i);
      i = j;
    }
    const hex = groups.map((g) => g.toString(16));
    if (best < 0) return hex.join(":");
    return `${hex.slice(0, best).join(":")}::${hex.slice(best + bestLen).join(":")}`;
  }
}

export function parseIP(s: string): IPValue | string {
  if (isIPv4(s)) return new IPValue(new Uint8Array(s.split(".").map(Number)));
  if (s.includes("%")) return "IP address with zone value is not allowed";
  if (isIPv6(s)) {
    const bytes = ipv6Bytes(s);
    const mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
    if (mapped) return "IPv4-mapped IPv6 address is not allowed";
    return new IPValue(bytes);
  }
  return `IP Address ${JSON.stringify(s)} parse error during conversion from string: ParseAddr(${JSON.stringify(s)}): unable to parse IP`;
}

export class CIDRValue extends OpaqueValue {
  readonly typeName = "net.CIDR";
  constructor(readonly ip: IPValue, readonly prefix: number) {
    super();
  }
  equals(other: OpaqueValue): boolean {
    return other instanceof CIDRValue && other.prefix === this.prefix && other.ip.equals(this.ip);
  }
  masked(): CIDRValue {
    return new CIDRValue(mask(this.ip, this.prefix), this.prefix);
  }
  contains(ip: IPValue): boolean {
    return ip.family === this.ip.family && mask(ip, this.prefix).equals(mask(this.ip, this.prefix));
  }
  override toString(): string {
    return `${this.ip.toString()}/${this.prefix}`;
  }
}

function mask(ip: IPValue, prefix: number): IPValue {
  const out = new Uint8Array(ip.bytes);
  for (let bit = prefix; bit < out.length * 8; bit++) out[bit >> 3]! &= ~(0x80 >> (bit & 7));
  return new IPValue(out);
}

export function parseCIDR(s: string): CIDRValue | string {
  const slash = s.indexOf("/");
  const bad = `network address parse error during conversion from string: network address ${JSON.stringify(s)} invalid`;
  if (slash < 0) return bad;
  const ip = parseIP(s.slice(0, slash));
  if (typeof ip === "string") return bad;
  const bits = s.slice(slash + 1);
  if (!/^(0|[1-9]\d*)$/.test(bits) || Number(bits) > ip.bytes.length * 8) return bad;
  return new CIDRValue(ip, Number(bits));
}

const ip = (v: Value) => v as IPValue;
const cidr = (v: Value) => v as CIDRValue;

function need<T>(r: T | string): T {
  if (typeof r === "string") throw new EvalError(r);
  return r;
}

const isLoopback = (a: IPValue) => (a.family === 4 ? a.bytes[0] === 127 : a.bytes.slice(0, 15).every((b) => b === 0) && a.bytes[15] === 1);
const isUnspecified = (a: IPValue) => a.bytes.every((b) => b === 0);
const isLinkLocalUnicast = (a: IPValue) => (a.family === 4 ? a.bytes[0] === 169 && a.bytes[1] === 254 : a.bytes[0] === 0xfe && (a.bytes[1]! & 0xc0) === 0x80);
const isLinkLocalMulticast = (a: IPValue) => (a.family === 4 ? a.bytes[0] === 224 && a.bytes[1] === 0 && a.bytes[2] === 0 : a.bytes[0] === 0xff && (a.bytes[1]! & 0x0f) === 0x02);
const isMulticast = (a: IPValue) => (a.family === 4 ? (a.bytes[0]! & 0xf0) === 0xe0 : a.bytes[0] === 0xff);
const isBroadcast = (a: IPValue) => a.family === 4 && a.bytes.every((b) => b === 255);
const isGlobalUnicast = (a: IPValue) => !isUnspecified(a) && !isLoopback(a) && !isMulticast(a) && !isLinkLocalUnicast(a) && !isBroadcast(a);

export const ipLibrary: Overload[] = [
  fn("ip", [T.string], IP_TYPE, (s) => need(parseIP(s as string))),
  fn("isIP", [T.string], T.bool, (s) => typeof parseIP(s as string) !== "string"),
  fn("ip.isCanonical", [T.string], T.bool, (s) => {
    const r = need(parseIP(s as string));
    return r.toString() === s;
  }),
  fn("string", [IP_TYPE], T.string, (v) => ip(v).toString()),
  method("family", [IP_TYPE], T.int, (v) => BigInt(ip(v).family)),
  method("isUnspecified", [IP_TYPE], T.bool, (v) => isUnspecified(ip(v))),
  method("isLoopback", [IP_TYPE], T.bool, (v) => isLoopback(ip(v))),
  method("isLinkLocalMulticast", [IP_TYPE], T.bool, (v) => isLinkLocalMulticast(ip(v))),
  method("isLinkLocalUnicast", [IP_TYPE], T.bool, (v) => isLinkLocalUnicast(ip(v))),
  method("isGlobalUnicast", [IP_TYPE], T.bool, (v) => isGlobalUnicast(ip(v))),
  fn("cidr", [T.string], CIDR_TYPE, (s) => need(parseCIDR(s as string))),
  fn("isCIDR", [T.string], T.bool, (s) => typeof parseCIDR(s as string) !== "string"),
  fn("string", [CIDR_TYPE], T.string, (v) => cidr(v).toString()),
  method("containsIP", [CIDR_TYPE, IP_TYPE], T.bool, (c, a) => cidr(c).contains(ip(a))),
  method("containsIP", [CIDR_TYPE, T.string], T.bool, (c, a) => cidr(c).contains(need(parseIP(a as string)))),
  method("containsCIDR", [CIDR_TYPE, CIDR_TYPE], T.bool, (c, o) => cidr(o).prefix >= cidr(c).prefix && cidr(c).contains(cidr(o).ip)),
  method("containsCIDR", [CIDR_TYPE, T.string], T.bool, (c, o) => {
    const other = need(parseCIDR(o as string));
    return other.prefix >= cidr(c).prefix && cidr(c).contains(other.ip);
  }),
  method("ip", [CIDR_TYPE], IP_TYPE, (c) => cidr(c).ip),
  method("masked", [CIDR_TYPE], CIDR_TYPE, (c) => cidr(c).masked()),
  method("prefixLength", [CIDR_TYPE], T.int, (c) => BigInt(cidr(c).prefix)),
];
