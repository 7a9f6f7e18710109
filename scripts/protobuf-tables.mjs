// Writes the protobuf field tables (packages/apimachinery/src/protobuf/meta-v1.ts
// and packages/kube-apiserver/src/protobuf/tables/*.ts) from the facts compiled
// into a kubectl binary:
//
//   node scripts/protobuf-tables.mjs [path/to/kubectl-1.32]
//
// 1. Field numbers and wire types: every Go package generated from a
//    generated.proto registers its FileDescriptorProto, gzipped, in the binary.
//    We find the gzip streams, inflate them and read the descriptors (which are
//    themselves protobuf) with a few lines of wire-format reading.
// 2. Whether a field is a Go pointer: the descriptors keep the gogoproto
//    option `nullable = false` (extension 65001) on fields that are not.
// 3. JSON names and `omitempty`: the struct tags of the Go types, which the
//    binary keeps for reflection. We read Go's struct type records (Go 1.23
//    layout) from .rodata and match each struct to its message by the
//    protobuf tags of its fields.
//
// Only the messages reachable from ROOTS are written. The output is checked
// in; run this again (and review the diff) to add a kind or follow a new
// Kubernetes version.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync, constants as zlibConstants } from "node:zlib";

const root = new URL("..", import.meta.url).pathname;
const binaryPath = process.argv[2] ?? "/usr/lib/google-cloud-sdk/bin/kubectl.1.32";
const bin = readFileSync(binaryPath);

/** The kinds whose messages (and everything they reach) get tables. */
const ROOTS = [
  "core/v1.ConfigMap", "core/v1.Secret", "core/v1.Namespace", "core/v1.ServiceAccount", "core/v1.Service",
  "core/v1.Pod", "core/v1.Endpoints", "core/v1.Event", "core/v1.ResourceQuota",
  "apps/v1.Deployment", "batch/v1.Job", "batch/v1.CronJob", "policy/v1.PodDisruptionBudget", "policy/v1.Eviction",
  "scheduling/v1.PriorityClass", "networking/v1.Ingress",
  "rbac/v1.Role", "rbac/v1.RoleBinding", "rbac/v1.ClusterRole", "rbac/v1.ClusterRoleBinding",
  "authentication/v1.TokenRequest", "authentication/v1.SelfSubjectReview",
  "authorization/v1.SelfSubjectAccessReview", "authorization/v1.SelfSubjectRulesReview",
  "autoscaling/v1.Scale",
  "meta/v1.DeleteOptions", "meta/v1.ListMeta",
];

/** API group of each package (the path segment before the version). */
const GROUPS = {
  core: "", apps: "apps", batch: "batch", policy: "policy", scheduling: "scheduling.k8s.io",
  networking: "networking.k8s.io", rbac: "rbac.authorization.k8s.io", authentication: "authentication.k8s.io",
  authorization: "authorization.k8s.io", autoscaling: "autoscaling", meta: "meta.k8s.io",
};

/** Messages with a JSON form of their own (their Go types marshal themselves). */
const SPECIAL = {
  ".k8s.io.apimachinery.pkg.apis.meta.v1.Time": "Time",
  ".k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime": "MicroTime",
  ".k8s.io.apimachinery.pkg.apis.meta.v1.Duration": "Duration",
  ".k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1": "FieldsV1",
  ".k8s.io.apimachinery.pkg.apis.meta.v1.Verbs": "StringList",
  ".k8s.io.apimachinery.pkg.util.intstr.IntOrString": "IntOrString",
  ".k8s.io.apimachinery.pkg.api.resource.Quantity": "Quantity",
  ".k8s.io.apimachinery.pkg.runtime.RawExtension": "RawExtension",
  ".k8s.io.api.authentication.v1.ExtraValue": "StringList",
  ".k8s.io.api.authorization.v1.ExtraValue": "StringList",
};

/**
 * Struct tags the binary cannot tell apart: several Go structs have the same
 * protobuf fields but different JSON tags. Resolved from the types.go of
 * k8s.io/api and k8s.io/apimachinery v0.32 (message -> JSON tag per field).
 */
const TAG_OVERRIDES = {
  ".k8s.io.api.core.v1.EventSeries": { count: "count,omitempty", lastObservedTime: "lastObservedTime,omitempty" },
  ".k8s.io.api.core.v1.HTTPHeader": { name: "name", value: "value" },
  ".k8s.io.api.core.v1.Sysctl": { name: "name", value: "value" },
  ".k8s.io.api.core.v1.PodDNSConfigOption": { name: "name,omitempty", value: "value,omitempty" },
  ".k8s.io.api.core.v1.LocalObjectReference": { name: "name,omitempty" },
  ".k8s.io.api.core.v1.PodOS": { name: "name" },
  ".k8s.io.api.core.v1.PodSchedulingGate": { name: "name" },
  ".k8s.io.api.core.v1.TypedLocalObjectReference": { apiGroup: "apiGroup", kind: "kind", name: "name" },
  ".k8s.io.api.rbac.v1.RoleRef": { apiGroup: "apiGroup", kind: "kind", name: "name" },
  ".k8s.io.api.networking.v1.HTTPIngressPath": { path: "path,omitempty", pathType: "pathType", backend: "backend" },
  ".k8s.io.apimachinery.pkg.apis.meta.v1.Condition": {
    type: "type", status: "status", observedGeneration: "observedGeneration,omitempty",
    lastTransitionTime: "lastTransitionTime", reason: "reason", message: "message",
  },
  ".k8s.io.api.core.v1.EphemeralContainer": { ephemeralContainerCommon: ",inline", targetContainerName: "targetContainerName,omitempty" },
};

// ---- protobuf wire format, just enough to read descriptors ----

function readFields(buf) {
  const out = [];
  let p = 0;
  const varint = () => {
    let r = 0n;
    for (let s = 0n; ; s += 7n) {
      const b = buf[p++];
      r |= BigInt(b & 0x7f) << s;
      if (!(b & 0x80)) return r;
    }
  };
  while (p < buf.length) {
    const key = Number(varint());
    const [n, w] = [key >>> 3, key & 7];
    if (w === 0) out.push([n, varint()]);
    else if (w === 2) {
      const len = Number(varint());
      out.push([n, buf.subarray(p, p + len)]);
      p += len;
    } else if (w === 5) (out.push([n, buf.subarray(p, p + 4)]), (p += 4));
    else if (w === 1) (out.push([n, buf.subarray(p, p + 8)]), (p += 8));
    else throw new Error(`wire type ${w}`);
  }
  return out;
}
const str = (b) => Buffer.from(b).toString("utf8");

function parseField(buf) {
  const f = { name: "", number: 0, repeated: false, type: 0, typeName: "", nullable: true };
  for (const [n, v] of readFields(buf)) {
    if (n === 1) f.name = str(v);
    else if (n === 3) f.number = Number(v);
    else if (n === 4) f.repeated = Number(v) === 3;
    else if (n === 5) f.type = Number(v);
    else if (n === 6) f.typeName = str(v);
    else if (n === 8) for (const [o, ov] of readFields(v)) if (o === 65001) f.nullable = ov !== 0n;
  }
  return f;
}

function parseMessage(buf, prefix, into) {
  const m = { name: "", fields: [], mapEntry: false };
  const nested = [];
  for (const [n, v] of readFields(buf)) {
    if (n === 1) m.name = str(v);
    else if (n === 2) m.fields.push(parseField(v));
    else if (n === 3) nested.push(v);
    else if (n === 7) for (const [o, ov] of readFields(v)) if (o === 7) m.mapEntry = ov !== 0n;
  }
  m.fullName = `${prefix}.${m.name}`;
  into.set(m.fullName, m);
  for (const b of nested) parseMessage(b, m.fullName, into);
}

/** Every message of every registered generated.proto, by full name (`.k8s.io.api.core.v1.Pod`). */
function readDescriptors() {
  const messages = new Map();
  const magic = Buffer.from([0x1f, 0x8b, 0x08]);
  for (let i = bin.indexOf(magic); i >= 0; i = bin.indexOf(magic, i + 1)) {
    let data;
    try {
      data = gunzipSync(bin.subarray(i, i + (1 << 20)), { finishFlush: zlibConstants.Z_SYNC_FLUSH });
    } catch {
      continue;
    }
    let name = "", pkg = "";
    const bodies = [];
    try {
      for (const [n, v] of readFields(data)) {
        if (n === 1) name = str(v);
        else if (n === 2) pkg = str(v);
        else if (n === 4) bodies.push(v);
      }
    } catch {
      continue;
    }
    if (!name.startsWith("k8s.io/") || !name.endsWith("generated.proto")) continue;
    for (const b of bodies) parseMessage(b, `.${pkg}`, messages);
  }
  return messages;
}

// ---- Go struct types in .rodata ----

function rodata() {
  const shoff = Number(bin.readBigUInt64LE(0x28));
  const shentsize = bin.readUInt16LE(0x3a), shnum = bin.readUInt16LE(0x3c), shstrndx = bin.readUInt16LE(0x3e);
  const sec = (i) => {
    const o = shoff + i * shentsize;
    return { name: bin.readUInt32LE(o), addr: Number(bin.readBigUInt64LE(o + 0x10)), off: Number(bin.readBigUInt64LE(o + 0x18)), size: Number(bin.readBigUInt64LE(o + 0x20)) };
  };
  const names = sec(shstrndx);
  for (let i = 0; i < shnum; i++) {
    const s = sec(i);
    const end = bin.indexOf(0, names.off + s.name);
    if (bin.subarray(names.off + s.name, end).toString() === ".rodata") return s;
  }
  throw new Error("no .rodata section");
}

/** Go structs whose fields carry protobuf tags: their fields' names, tags and kinds (22 = pointer). */
function readStructs() {
  const { addr, off, size } = rodata();
  const ro = bin.subarray(off, off + size);
  const inRo = (a) => a >= addr && a < addr + size;
  const u64 = (o) => Number(ro.readBigUInt64LE(o));
  const varint = (o) => {
    let r = 0, s = 0, b;
    do (b = ro[o++]), (r |= (b & 0x7f) << s), (s += 7);
    while (b & 0x80);
    return [r, o];
  };
  // abi.Name: a flags byte, a varint length and the name, then (flag 2) a varint length and the tag.
  const nameAt = (a) => {
    if (!inRo(a)) return undefined;
    let o = a - addr;
    const flags = ro[o++];
    if (flags & 0xf0) return undefined;
    const [n, o2] = varint(o);
    if (n > 200) return undefined;
    const name = ro.subarray(o2, o2 + n).toString("latin1");
    let tag = "";
    if (flags & 2) {
      const [t, o3] = varint(o2 + n);
      if (t > 4000) return undefined;
      tag = ro.subarray(o3, o3 + t).toString("latin1");
    }
    return { name, tag };
  };
  const structs = [];
  // abi.StructType: abi.Type (48 bytes, Kind_ at byte 23), PkgPath, Fields []StructField {Name, Typ, Offset}.
  for (let p = 0; p + 80 < ro.length; p += 8) {
    if ((ro[p + 23] & 0x1f) !== 25) continue;
    const fields = u64(p + 56), len = u64(p + 64), cap = u64(p + 72);
    if (len !== cap || len === 0 || len > 300 || !inRo(fields)) continue;
    const out = [];
    for (let i = 0; i < len; i++) {
      const r = fields - addr + i * 24;
      const nm = nameAt(u64(r));
      if (!nm) break;
      const typ = u64(r + 8);
      out.push({ ...nm, kind: inRo(typ) ? ro[typ - addr + 23] & 0x1f : -1 });
    }
    if (out.length !== len || !out.some((f) => f.tag.includes('protobuf:"'))) continue;
    structs.push(out);
  }
  return structs;
}

const tagPart = (tag, key) => new RegExp(`(?:^| )${key}:"([^"]*)"`).exec(tag)?.[1];

/** Struct fields by protobuf `number:name`, keyed by the struct's whole set of such keys. */
function structIndex(structs) {
  const index = new Map();
  for (const fields of structs) {
    const byField = {};
    for (const f of fields) {
      const pb = tagPart(f.tag, "protobuf");
      if (pb === undefined) continue;
      const parts = pb.split(",");
      const name = parts.find((s) => s.startsWith("name="))?.slice(5) ?? "";
      byField[`${parts[1]}:${name}`] = { json: tagPart(f.tag, "json") ?? "", kind: f.kind };
    }
    const key = Object.keys(byField).sort().join(" ");
    if (!index.has(key)) index.set(key, []);
    index.get(key).push(byField);
  }
  return index;
}

// ---- the tables ----

const messages = readDescriptors();
const index = structIndex(readStructs());

const pkgOf = (fullName) => {
  const m = /^\.k8s\.io\.(?:api\.([a-z]+)\.(v[0-9a-z]+)|apimachinery\.pkg\.apis\.(meta)\.(v1))\./.exec(fullName);
  if (!m) throw new Error(`no package for ${fullName}`);
  return `${m[1] ?? m[3]}/${m[2] ?? m[4]}`;
};
const fullNameOf = (ref) => {
  const [pkg, name] = ref.split(".");
  const [group, version] = pkg.split("/");
  return group === "meta" ? `.k8s.io.apimachinery.pkg.apis.meta.${version}.${name}` : `.k8s.io.api.${group}.${version}.${name}`;
};

/** The JSON tag of every field of a message: from its Go struct, or TAG_OVERRIDES. */
function jsonTags(msg) {
  if (TAG_OVERRIDES[msg.fullName]) return TAG_OVERRIDES[msg.fullName];
  const key = msg.fields.map((f) => `${f.number}:${f.name}`).sort().join(" ");
  const candidates = (index.get(key) ?? []).filter((s) =>
    msg.fields.every((f) => {
      const sf = s[`${f.number}:${f.name}`];
      // A scalar's Go pointer-ness must agree with the descriptor's nullable.
      return f.repeated || f.type === 11 || f.type === 12 || (sf.kind === 22) === f.nullable;
    }),
  );
  const distinct = new Map(candidates.map((s) => [JSON.stringify(msg.fields.map((f) => s[`${f.number}:${f.name}`].json)), s]));
  if (distinct.size === 1) return Object.fromEntries(msg.fields.map((f) => [f.name, [...distinct.values()][0][`${f.number}:${f.name}`].json]));
  // Only struct-valued fields differ: omitempty means nothing for them.
  const differing = msg.fields.filter((f) => new Set(candidates.map((s) => s[`${f.number}:${f.name}`].json)).size > 1);
  if (candidates.length > 0 && differing.every((f) => f.type === 11 && !f.repeated && !f.nullable && !messages.get(f.typeName)?.mapEntry)) {
    return Object.fromEntries(msg.fields.map((f) => [f.name, candidates[0][`${f.number}:${f.name}`].json.split(",")[0]]));
  }
  throw new Error(`cannot tell the JSON tags of ${msg.fullName} (${candidates.length} candidates): add it to TAG_OVERRIDES`);
}

const SCALARS = { 1: "float64", 2: "float32", 3: "int64", 4: "uint64", 5: "int32", 8: "bool", 9: "string", 12: "[]byte", 13: "uint32" };

/** The Go-style type of a field, as the tables write it, and the messages it refers to. */
function typeOf(field, fromPkg, refs) {
  let base;
  if (field.type === 11) {
    const target = messages.get(field.typeName);
    if (!target) throw new Error(`missing message ${field.typeName}`);
    if (target.mapEntry) {
      const [key, value] = target.fields;
      return `map[${SCALARS[key.type]}]${typeOf({ ...value, repeated: false, nullable: false }, fromPkg, refs)}`;
    }
    if (SPECIAL[field.typeName]) base = SPECIAL[field.typeName];
    else {
      const pkg = pkgOf(field.typeName);
      refs.push(field.typeName);
      base = pkg === fromPkg ? target.name : `${pkg}.${target.name}`;
    }
  } else {
    base = SCALARS[field.type];
    if (!base) throw new Error(`unsupported field type ${field.type} of ${field.name}`);
  }
  if (field.repeated) return `[]${base}`;
  return field.nullable && base !== "[]byte" ? `*${base}` : base;
}

const tables = new Map(); // package -> message name -> lines
const pending = ROOTS.map(fullNameOf);
const done = new Set();
while (pending.length > 0) {
  const fullName = pending.pop();
  if (done.has(fullName)) continue;
  done.add(fullName);
  const msg = messages.get(fullName);
  if (!msg) throw new Error(`missing message ${fullName}`);
  const pkg = pkgOf(fullName);
  const tags = jsonTags(msg);
  const lines = [];
  for (const f of [...msg.fields].sort((a, b) => a.number - b.number)) {
    const refs = [];
    const type = typeOf(f, pkg, refs);
    pending.push(...refs);
    const [json = "", ...opts] = (tags[f.name] ?? "").split(",");
    const inline = opts.includes("inline");
    const structValued = !type.startsWith("*") && !type.startsWith("[]") && !type.startsWith("map[") && !Object.values(SCALARS).includes(type);
    // omitempty changes nothing for a struct value; only say "required" where it matters.
    const flag = inline ? "inline" : !opts.includes("omitempty") && !structValued ? "required" : undefined;
    const name = inline ? "" : json;
    if (!inline && name === "") throw new Error(`no JSON name for ${fullName}.${f.name}`);
    lines.push(`    ${f.number}: [${JSON.stringify(name)}, ${JSON.stringify(type)}${flag ? `, ${JSON.stringify(flag)}` : ""}],`);
  }
  if (!tables.has(pkg)) tables.set(pkg, new Map());
  tables.get(pkg).set(msg.name.split(".").pop(), lines);
}

const constName = (pkg) => pkg.replace("/", "_").toUpperCase();
for (const [pkg, byName] of tables) {
  const [group, version] = pkg.split("/");
  const isMeta = group === "meta";
  const source = isMeta ? `k8s.io/apimachinery/pkg/apis/meta/${version}` : `k8s.io/api/${group}/${version}`;
  const body = [...byName.keys()].sort().map((name) => `  ${name}: {\n${byName.get(name).join("\n")}\n  },`).join("\n");
  const text = [
    `// ${pkg} messages in protobuf (${source}/generated.proto, Kubernetes 1.32):`,
    "// for each message, field number -> [JSON name, Go type, flag]. See README.md",
    "// in this folder for how to read them.",
    "//",
    "// Written by scripts/protobuf-tables.mjs from kubectl 1.32's compiled",
    "// descriptors and struct tags; edit by running it again, not by hand.",
    "",
    `import type { ProtobufPackage } from "${isMeta ? "./table.js" : "@tskube/apimachinery"}";`,
    "",
    `export const ${constName(pkg)}: ProtobufPackage = {`,
    `  name: ${JSON.stringify(pkg)},`,
    `  group: ${JSON.stringify(GROUPS[group])},`,
    `  version: ${JSON.stringify(version)},`,
    "  messages: {",
    body.replace(/^/gm, "  "),
    "  },",
    "};",
    "",
  ].join("\n");
  const out = isMeta
    ? join(root, "packages/apimachinery/src/protobuf/meta-v1.ts")
    : join(root, `packages/kube-apiserver/src/protobuf/tables/${group}-${version}.ts`);
  writeFileSync(out, text);
  console.log(`${out}: ${byName.size} messages`);
}
