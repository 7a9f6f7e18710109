// The storage conformance suite: the semantics of DESIGN.md that every storage
// stack must keep (the Store on etcd3, on the embedded driver, and each behind
// the Cacher). Call `runStorageConformance` from a test file with a factory
// for the stack; every test works under its own key prefix, so one stack
// serves the whole suite.

import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import {
  type KubeObject,
  type Status,
  isStatusError,
  parseFieldSelector,
  parseLabelSelector,
} from "@tskube/apimachinery";
import { StorageError, interpretStorageError } from "../errors.js";
import type { Storage, Watch, WatchEvent } from "../interfaces.js";

export interface ConformanceStack {
  storage: Storage<TestObject>;
  /** Compact the history up to the store's current revision; returns that revision. */
  compact(): Promise<number>;
  close(): Promise<void>;
}

export interface TestObject extends KubeObject {
  data?: Record<string, string>;
}

const RESOURCE = { group: "", resource: "configmaps" };

/** The API error a storage failure becomes (what a client would see). */
export function apiError(err: unknown): { code: number; reason: string; message: string; status: Status } {
  const e = interpretStorageError(err, RESOURCE, "x");
  assert.ok(isStatusError(e), `expected a storage or status error, got ${String(err)}`);
  return { code: e.status.code, reason: e.status.reason ?? "", message: e.status.message ?? "", status: e.status };
}

async function rejectsWith(p: Promise<unknown>, code: number, reason: string): Promise<Status> {
  try {
    await p;
  } catch (err) {
    const e = apiError(err);
    assert.equal(e.reason, reason, `reason (message: ${e.message})`);
    assert.equal(e.code, code);
    return e.status;
  }
  assert.fail(`expected ${code} ${reason}, but the call succeeded`);
}

export function configMap(ns: string, name: string, data: Record<string, string> = {}, labels?: Record<string, string>): TestObject {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name, namespace: ns, uid: randomUUID(), ...(labels ? { labels } : {}) },
    data,
  };
}

/** Collect events from a watch until `done(events)` says so, or fail after `timeoutMs`. */
export async function collectEvents<T extends KubeObject>(
  w: Watch<T>,
  done: (events: WatchEvent<T>[]) => boolean,
  timeoutMs = 10_000,
): Promise<WatchEvent<T>[]> {
  const events: WatchEvent<T>[] = [];
  const it = w[Symbol.asyncIterator]();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`timed out after ${timeoutMs} ms with ${events.length} events: ${summarize(events)}`)),
      timeoutMs,
    );
  });
  try {
    while (!done(events)) {
      const r = await Promise.race([it.next(), timeout]);
      if (r.done) break;
      events.push(r.value);
    }
  } finally {
    clearTimeout(timer);
  }
  return events;
}

function summarize<T extends KubeObject>(events: WatchEvent<T>[]): string {
  return events
    .slice(-5)
    .map((e) => `${e.type}:${e.type === "ERROR" ? e.object.message : `${e.object.metadata?.name}@${e.object.metadata?.resourceVersion}`}`)
    .join(" ");
}

const rv = (o: KubeObject): number => Number(o.metadata.resourceVersion);

export function runStorageConformance(name: string, makeStack: () => Promise<ConformanceStack>): void {
  describe(`storage conformance: ${name}`, () => {
    let stack: ConformanceStack;
    let s: Storage<TestObject>;
    /** A fresh resource prefix per test, so tests never see each other's keys. */
    const fresh = () => `/configmaps-${randomUUID().slice(0, 8)}`;

    before(async () => {
      stack = await makeStack();
      s = stack.storage;
    });
    after(async () => {
      await stack?.close();
    });

    it("create stores the object with a resourceVersion; a second create is AlreadyExists", async () => {
      const p = fresh();
      const created = await s.create(`${p}/ns/a`, configMap("ns", "a", { k: "v" }));
      assert.match(created.metadata.resourceVersion ?? "", /^[1-9][0-9]*$/);
      assert.deepEqual(created.data, { k: "v" });
      const got = await s.get(`${p}/ns/a`);
      assert.deepEqual(got, created);
      await rejectsWith(s.create(`${p}/ns/a`, configMap("ns", "a")), 409, "AlreadyExists");
      const withRV = configMap("ns", "b");
      withRV.metadata.resourceVersion = "5";
      await rejectsWith(s.create(`${p}/ns/b`, withRV), 500, "InternalError");
    });

    it("get honours resourceVersion \"\", \"0\" and not-older-than N", async () => {
      const p = fresh();
      const created = await s.create(`${p}/ns/a`, configMap("ns", "a"));
      const latest = await s.get(`${p}/ns/a`, { resourceVersion: "" });
      const any = await s.get(`${p}/ns/a`, { resourceVersion: "0" });
      const exact = await s.get(`${p}/ns/a`, { resourceVersion: created.metadata.resourceVersion! });
      for (const o of [latest, any, exact]) assert.equal(o.metadata.resourceVersion, created.metadata.resourceVersion);
      const status = await rejectsWith(
        s.get(`${p}/ns/a`, { resourceVersion: String(rv(created) + 1_000_000) }),
        504,
        "Timeout",
      );
      assert.equal(status.details?.causes?.[0]?.reason, "ResourceVersionTooLarge");
      await rejectsWith(s.get(`${p}/ns/a`, { resourceVersion: "abc" }), 400, "BadRequest");
      await rejectsWith(s.get(`${p}/ns/missing`), 404, "NotFound");
      assert.equal(await s.get(`${p}/ns/missing`, { ignoreNotFound: true }), null);
    });

    it("guaranteedUpdate and delete with a stale resourceVersion or wrong uid are Conflicts", async () => {
      const p = fresh();
      const v1 = await s.create(`${p}/ns/a`, configMap("ns", "a", { n: "1" }));
      const v2 = await s.guaranteedUpdate(`${p}/ns/a`, {
        preconditions: { resourceVersion: v1.metadata.resourceVersion!, uid: v1.metadata.uid! },
        tryUpdate: (cur) => ({ ...cur!, data: { n: "2" } }),
      });
      assert.ok(rv(v2) > rv(v1));
      assert.deepEqual(v2.data, { n: "2" });

      const stale = await rejectsWith(
        s.guaranteedUpdate(`${p}/ns/a`, {
          preconditions: { resourceVersion: v1.metadata.resourceVersion! },
          tryUpdate: (cur) => ({ ...cur!, data: { n: "3" } }),
        }),
        409,
        "Conflict",
      );
      assert.match(stale.message ?? "", /Precondition failed: ResourceVersion in precondition/);
      await rejectsWith(
        s.guaranteedUpdate(`${p}/ns/a`, { preconditions: { uid: "wrong" }, tryUpdate: (cur) => ({ ...cur! }) }),
        409,
        "Conflict",
      );
      await rejectsWith(s.delete(`${p}/ns/a`, { preconditions: { resourceVersion: v1.metadata.resourceVersion! } }), 409, "Conflict");
      await rejectsWith(s.delete(`${p}/ns/a`, { preconditions: { uid: "wrong" } }), 409, "Conflict");
      // nothing changed
      assert.deepEqual((await s.get(`${p}/ns/a`)).data, { n: "2" });

      const last = await s.delete(`${p}/ns/a`, { preconditions: { resourceVersion: v2.metadata.resourceVersion!, uid: v1.metadata.uid! } });
      assert.deepEqual(last.data, { n: "2" });
      await rejectsWith(s.get(`${p}/ns/a`), 404, "NotFound");
      await rejectsWith(s.delete(`${p}/ns/a`), 404, "NotFound");
      await rejectsWith(s.guaranteedUpdate(`${p}/ns/a`, { tryUpdate: (cur) => cur! }), 404, "NotFound");
    });

    it("guaranteedUpdate under contention: 8 writers x 100 increments end at exactly 800", async () => {
      const p = fresh();
      await s.create(`${p}/ns/counter`, configMap("ns", "counter", { n: "0" }));
      let attempts = 0;
      const writer = async () => {
        for (let i = 0; i < 100; i++) {
          await s.guaranteedUpdate(`${p}/ns/counter`, {
            tryUpdate: (cur) => {
              attempts++;
              return { ...cur!, data: { n: String(Number(cur!.data!.n) + 1) } };
            },
          });
        }
      };
      await Promise.all(Array.from({ length: 8 }, writer));
      const final = await s.get(`${p}/ns/counter`);
      assert.equal(final.data!.n, "800");
      assert.ok(attempts >= 800);
    });

    it("guaranteedUpdate: a throwing tryUpdate changes nothing; a no-op update does not write; stale cache retries", async () => {
      const p = fresh();
      const v1 = await s.create(`${p}/ns/a`, configMap("ns", "a", { n: "1" }));
      await assert.rejects(
        s.guaranteedUpdate(`${p}/ns/a`, {
          tryUpdate: () => {
            throw new StorageError("InvalidObject", "k", "refused");
          },
        }),
        /refused/,
      );
      const same = await s.guaranteedUpdate(`${p}/ns/a`, { tryUpdate: (cur) => cur! });
      assert.equal(same.metadata.resourceVersion, v1.metadata.resourceVersion);

      const v2 = await s.guaranteedUpdate(`${p}/ns/a`, { tryUpdate: (cur) => ({ ...cur!, data: { n: "2" } }) });
      // A stale cached copy (v1) must not win: the update applies to v2.
      const v3 = await s.guaranteedUpdate(`${p}/ns/a`, {
        cachedExisting: v1,
        tryUpdate: (cur) => ({ ...cur!, data: { n: `${cur!.data!.n}+` } }),
      });
      assert.deepEqual(v3.data, { n: "2+" });
      assert.ok(rv(v3) > rv(v2));
    });

    it("guaranteedUpdate with ignoreNotFound creates a missing object", async () => {
      const p = fresh();
      const created = await s.guaranteedUpdate(`${p}/ns/a`, {
        ignoreNotFound: true,
        tryUpdate: (cur) => {
          assert.equal(cur, null);
          return configMap("ns", "a", { made: "yes" });
        },
      });
      assert.deepEqual((await s.get(`${p}/ns/a`)).data, { made: "yes" });
      assert.ok(rv(created) > 0);
    });

    it("delete runs validateDeletion against the current object", async () => {
      const p = fresh();
      await s.create(`${p}/ns/a`, configMap("ns", "a", { keep: "true" }));
      await assert.rejects(
        s.delete(`${p}/ns/a`, {
          validateDeletion: (cur) => {
            if (cur.data?.keep === "true") throw new Error("protected");
          },
        }),
        /protected/,
      );
      assert.ok(await s.get(`${p}/ns/a`));
    });

    it("getList filters by label and field selectors and keeps namespaces apart", async () => {
      const p = fresh();
      await s.create(`${p}/ns/a`, configMap("ns", "a", {}, { app: "web", tier: "front" }));
      await s.create(`${p}/ns/b`, configMap("ns", "b", {}, { app: "web", tier: "back" }));
      await s.create(`${p}/ns/c`, configMap("ns", "c", {}, { app: "db" }));
      await s.create(`${p}/ns2/d`, configMap("ns2", "d", {}, { app: "web" }));

      const names = (l: { items: TestObject[] }) => l.items.map((o) => o.metadata.name).join(",");
      assert.equal(names(await s.getList(`${p}/ns`)), "a,b,c");
      assert.equal(names(await s.getList(`${p}/`)), "a,b,c,d");
      const web = await s.getList(`${p}/`, { predicate: { label: parseLabelSelector("app=web") } });
      assert.equal(names(web), "a,b,d");
      const notDb = await s.getList(`${p}/ns/`, { predicate: { label: parseLabelSelector("app!=db,tier in (front)") } });
      assert.equal(names(notDb), "a");
      const byName = await s.getList(`${p}/`, { predicate: { field: parseFieldSelector("metadata.name=b") } });
      assert.equal(names(byName), "b");
      const byNs = await s.getList(`${p}/`, { predicate: { field: parseFieldSelector("metadata.namespace!=ns") } });
      assert.equal(names(byNs), "d");
      assert.equal(await s.count(`${p}/`), 4);
      assert.equal(await s.count(`${p}/ns/`), 3);
    });

    it("limit and continue: every item exactly once, all pages from the first page's revision", async () => {
      const p = fresh();
      for (let i = 0; i < 25; i++) await s.create(`${p}/ns/o${String(i).padStart(2, "0")}`, configMap("ns", `o${i}`));
      const seen: string[] = [];
      const first = await s.getList(`${p}/ns/`, { predicate: { limit: 7 } });
      assert.equal(first.items.length, 7);
      assert.equal(first.remainingItemCount, 18);
      assert.ok(first.continue);
      seen.push(...first.items.map((o) => o.metadata.name!));
      // Writes after the first page are not part of this list's snapshot.
      await s.create(`${p}/ns/o99`, configMap("ns", "late"));
      await s.delete(`${p}/ns/o24`);
      let token: string | undefined = first.continue;
      while (token) {
        const page = await s.getList(`${p}/ns/`, { predicate: { limit: 7, continue: token } });
        assert.equal(page.resourceVersion, first.resourceVersion, "every page reads the first page's revision");
        seen.push(...page.items.map((o) => o.metadata.name!));
        token = page.continue;
      }
      assert.equal(seen.length, 25);
      assert.equal(new Set(seen).size, 25);
      assert.ok(!seen.includes("late"));
      assert.ok(seen.includes("o24"));

      // With a selector, pages still fill up to the limit.
      const filtered = await s.getList(`${p}/ns/`, {
        predicate: { limit: 3, field: parseFieldSelector("metadata.name!=o1") },
      });
      assert.equal(filtered.items.length, 3);
      assert.equal(filtered.remainingItemCount, undefined, "no remainingItemCount with selectors");
      await rejectsWith(s.getList(`${p}/ns/`, { predicate: { limit: 3, continue: "not-a-token" } }), 400, "BadRequest");
    });

    it("list at an exact resourceVersion reads that revision", async () => {
      const p = fresh();
      const a = await s.create(`${p}/ns/a`, configMap("ns", "a", { n: "1" }));
      await s.guaranteedUpdate(`${p}/ns/a`, { tryUpdate: (cur) => ({ ...cur!, data: { n: "2" } }) });
      await s.create(`${p}/ns/b`, configMap("ns", "b"));
      const old = await s.getList(`${p}/ns/`, { resourceVersion: a.metadata.resourceVersion!, resourceVersionMatch: "Exact" });
      assert.equal(old.resourceVersion, a.metadata.resourceVersion);
      assert.deepEqual(old.items.map((o) => [o.metadata.name, o.data?.n]), [["a", "1"]]);
      const now = await s.getList(`${p}/ns/`, { resourceVersion: a.metadata.resourceVersion!, resourceVersionMatch: "NotOlderThan" });
      assert.deepEqual(now.items.map((o) => [o.metadata.name, o.data?.n]), [["a", "2"], ["b", undefined]]);
      const latest = await s.getList(`${p}/ns/`);
      assert.ok(Number(latest.resourceVersion) >= rv(a));
      const tooNew = await rejectsWith(
        s.getList(`${p}/ns/`, { resourceVersion: String(Number(latest.resourceVersion) + 1_000_000), resourceVersionMatch: "NotOlderThan" }),
        504,
        "Timeout",
      );
      assert.equal(tooNew.details?.causes?.[0]?.reason, "ResourceVersionTooLarge");
    });

    it("a continue token or exact list from a compacted revision is 410 Expired", async () => {
      const p = fresh();
      for (let i = 0; i < 6; i++) await s.create(`${p}/ns/o${i}`, configMap("ns", `o${i}`));
      const first = await s.getList(`${p}/ns/`, { predicate: { limit: 2 } });
      await s.guaranteedUpdate(`${p}/ns/o0`, { tryUpdate: (cur) => ({ ...cur!, data: { changed: "yes" } }) });
      await stack.compact();
      const status = await rejectsWith(s.getList(`${p}/ns/`, { predicate: { limit: 2, continue: first.continue! } }), 410, "Expired");
      assert.match(status.message ?? "", /continue parameter is too old/);
      // The 410 carries a token that continues (inconsistently) from the latest revision.
      const resume = status.metadata.continue;
      assert.ok(resume, "410 Expired carries a fresh continue token");
      const rest = await s.getList(`${p}/ns/`, { predicate: { limit: 10, continue: resume } });
      assert.deepEqual(rest.items.map((o) => o.metadata.name), ["o2", "o3", "o4", "o5"]);
      await rejectsWith(
        s.getList(`${p}/ns/`, { resourceVersion: first.resourceVersion, resourceVersionMatch: "Exact" }),
        410,
        "Expired",
      );
    });

    it("watch from a revision delivers every later change in order, none lost or repeated, under 8 concurrent writers", async () => {
      const p = fresh();
      const seed = await s.create(`${p}/ns/seed`, configMap("ns", "seed"));
      const w = await s.watch(`${p}/`, { resourceVersion: seed.metadata.resourceVersion! });
      const writes = async (wi: number) => {
        for (let i = 0; i < 25; i++) {
          const key = `${p}/ns/w${wi}-${i % 5}`;
          if (i < 5) await s.create(key, configMap("ns", `w${wi}-${i}`, { i: String(i) }));
          else if (i < 20) await s.guaranteedUpdate(key, { tryUpdate: (cur) => ({ ...cur!, data: { i: String(i) } }) });
          else await s.delete(key);
        }
      };
      const writing = Promise.all(Array.from({ length: 8 }, (_, wi) => writes(wi)));
      const events = await collectEvents(w, (evs) => evs.length >= 200, 30_000);
      await writing;
      w.stop();
      assert.equal(events.length, 200);
      const types = { ADDED: 0, MODIFIED: 0, DELETED: 0 } as Record<string, number>;
      let last = rv(seed);
      for (const e of events) {
        assert.notEqual(e.type, "ERROR");
        const r = rv(e.object as TestObject);
        assert.ok(r > last, `revisions strictly increase: ${r} after ${last}`);
        last = r;
        types[e.type] = (types[e.type] ?? 0) + 1;
      }
      assert.deepEqual(types, { ADDED: 40, MODIFIED: 120, DELETED: 40 });
    });

    it("DELETED events carry the object's last state and the deletion's resourceVersion", async () => {
      const p = fresh();
      const created = await s.create(`${p}/ns/a`, configMap("ns", "a", { last: "state" }));
      const w = await s.watch(`${p}/ns/`, { resourceVersion: created.metadata.resourceVersion! });
      const deleted = await s.delete(`${p}/ns/a`);
      assert.deepEqual(deleted.data, { last: "state" });
      const [ev] = await collectEvents(w, (evs) => evs.length >= 1);
      w.stop();
      assert.equal(ev?.type, "DELETED");
      const obj = ev!.object as TestObject;
      assert.deepEqual(obj.data, { last: "state" });
      assert.equal(obj.metadata.uid, created.metadata.uid);
      assert.ok(rv(obj) > rv(created), "the DELETED event has the deletion's resourceVersion");
    });

    it("watch with resourceVersion \"0\" starts with the current objects as ADDED, then live changes", async () => {
      const p = fresh();
      await s.create(`${p}/ns/a`, configMap("ns", "a"));
      await s.create(`${p}/ns/b`, configMap("ns", "b"));
      const w = await s.watch(`${p}/ns/`, { resourceVersion: "0" });
      const initial = await collectEvents(w, (evs) => evs.length >= 2);
      assert.deepEqual(initial.map((e) => [e.type, (e.object as TestObject).metadata.name]), [["ADDED", "a"], ["ADDED", "b"]]);
      await s.create(`${p}/ns/c`, configMap("ns", "c"));
      const live = await collectEvents(w, (evs) => evs.length >= 1);
      w.stop();
      assert.deepEqual(live.map((e) => [e.type, (e.object as TestObject).metadata.name]), [["ADDED", "c"]]);
    });

    it("sendInitialEvents with bookmarks ends the initial events with an initial-events-end BOOKMARK", async () => {
      const p = fresh();
      await s.create(`${p}/ns/a`, configMap("ns", "a"));
      const w = await s.watch(`${p}/ns/`, { resourceVersion: "", sendInitialEvents: true, allowWatchBookmarks: true });
      const events = await collectEvents(w, (evs) => evs.some((e) => e.type === "BOOKMARK"));
      w.stop();
      assert.equal(events[0]?.type, "ADDED");
      const bookmark = events.find((e) => e.type === "BOOKMARK")!;
      const meta = (bookmark.object as TestObject).metadata;
      assert.equal(meta.annotations?.["k8s.io/initial-events-end"], "true");
      assert.ok(Number(meta.resourceVersion) > 0);
    });

    it("a watch with a selector sees objects leave and enter it as DELETED and ADDED", async () => {
      const p = fresh();
      const a = await s.create(`${p}/ns/a`, configMap("ns", "a", {}, { app: "web" }));
      const w = await s.watch(`${p}/ns/`, { resourceVersion: a.metadata.resourceVersion!, predicate: { label: parseLabelSelector("app=web") } });
      await s.guaranteedUpdate(`${p}/ns/a`, { tryUpdate: (cur) => ({ ...cur!, metadata: { ...cur!.metadata, labels: { app: "db" } } }) });
      await s.create(`${p}/ns/b`, configMap("ns", "b", {}, { app: "db" })); // never matches: no event
      await s.guaranteedUpdate(`${p}/ns/a`, { tryUpdate: (cur) => ({ ...cur!, metadata: { ...cur!.metadata, labels: { app: "web" } } }) });
      const events = await collectEvents(w, (evs) => evs.length >= 2);
      w.stop();
      assert.deepEqual(events.map((e) => e.type), ["DELETED", "ADDED"]);
    });

    it("watch from a compacted revision ends with an ERROR event: 410 Expired", async () => {
      const p = fresh();
      const a = await s.create(`${p}/ns/a`, configMap("ns", "a"));
      await s.guaranteedUpdate(`${p}/ns/a`, { tryUpdate: (cur) => ({ ...cur!, data: { x: "1" } }) });
      await s.guaranteedUpdate(`${p}/ns/a`, { tryUpdate: (cur) => ({ ...cur!, data: { x: "2" } }) });
      await stack.compact();
      const w = await s.watch(`${p}/ns/`, { resourceVersion: String(rv(a) - 1) });
      const events = await collectEvents(w, (evs) => evs.some((e) => e.type === "ERROR"));
      w.stop();
      const err = events.at(-1)!;
      assert.equal(err.type, "ERROR");
      assert.equal((err.object as Status).code, 410);
      assert.equal((err.object as Status).reason, "Expired");
    });

    it("consistent reads see every acknowledged write", async () => {
      const p = fresh();
      for (let i = 0; i < 20; i++) {
        await s.create(`${p}/ns/o${i}`, configMap("ns", `o${i}`));
        const list = await s.getList(`${p}/ns/`, { resourceVersion: "" });
        assert.equal(list.items.length, i + 1);
        assert.ok(Number(list.resourceVersion) >= Number((await s.get(`${p}/ns/o${i}`)).metadata.resourceVersion));
      }
      assert.ok((await s.currentResourceVersion()) > 0);
    });
  });
}
