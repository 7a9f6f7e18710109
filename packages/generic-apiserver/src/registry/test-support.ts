// Test fixtures for the registry: two small kinds, an embedded store in a
// temporary directory, and helpers to call the store the way handlers do.
//
// - Widget (widgets.example.com): namespaced, spec/status, with `status` and
//   `scale` subresources and a selectable field `spec.size`; PUT without a
//   resourceVersion is allowed; replicas must not be negative.
// - Gadget (gadgets.example.com): cluster-scoped, no subresources; PUT may
//   create; PUT needs a resourceVersion (like custom resources).

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type FieldError,
  type KubeObject,
  type Status,
  invalid,
  isStatusError,
  nameIsDNSSubdomain,
} from "@tskube/apimachinery";
import { Store, openEmbeddedDriver } from "@tskube/storage";
import { z } from "zod";
import { createRegistryStore } from "./create-registry-store.js";
import { ALL_VERBS, type ResourceDefinition } from "./resource.js";
import type { RequestScope, ResourceStorage, UpdatedObjectInfo } from "./rest-storage.js";
import type { RegistryStoreOptions } from "./store.js";

export interface Widget extends KubeObject {
  spec?: { replicas?: number; size?: string };
  status?: { replicas?: number; ready?: boolean };
}

export interface Gadget extends KubeObject {
  spec?: { color?: string };
}

export const widgetDefinition: ResourceDefinition<Widget> = {
  group: "example.com",
  version: "v1",
  kind: "Widget",
  resource: "widgets",
  singular: "widget",
  namespaced: true,
  verbs: ALL_VERBS,
  schema: z.custom<Widget>(),
  strategy: {
    validateName: nameIsDNSSubdomain,
    validate(obj): FieldError[] {
      const replicas = obj.spec?.replicas ?? 0;
      return replicas < 0 ? [invalid("spec.replicas", replicas, "must be greater than or equal to 0")] : [];
    },
    validateUpdate(obj): FieldError[] {
      return this.validate?.(obj) ?? [];
    },
  },
  subresources: {
    status: true,
    scale: {
      specReplicas: (w) => w.spec?.replicas ?? 0,
      statusReplicas: (w) => w.status?.replicas ?? 0,
      selector: (w) => `app=${w.metadata.name ?? ""}`,
      withSpecReplicas: (w, replicas) => ({ ...w, spec: { ...w.spec, replicas } }),
    },
  },
  selectableFields: { "spec.size": (w) => w.spec?.size ?? "" },
};

export const gadgetDefinition: ResourceDefinition<Gadget> = {
  group: "example.com",
  version: "v1",
  kind: "Gadget",
  resource: "gadgets",
  singular: "gadget",
  namespaced: false,
  verbs: ALL_VERBS,
  schema: z.custom<Gadget>(),
  strategy: { validateName: nameIsDNSSubdomain, allowCreateOnUpdate: true, allowUnconditionalUpdate: false },
};

export function widget(namespace: string, name: string, spec: Widget["spec"] = { replicas: 1 }, extra: Partial<Widget["metadata"]> = {}): Widget {
  return { apiVersion: "example.com/v1", kind: "Widget", metadata: { name, namespace, ...extra }, spec };
}

export function gadget(name: string, color = "red"): Gadget {
  return { apiVersion: "example.com/v1", kind: "Gadget", metadata: { name }, spec: { color } };
}

/** What a handler passes for a request in `namespace`. */
export function scope(namespace: string, more: Partial<RequestScope> = {}): RequestScope {
  return { namespace, dryRun: false, warnings: [], ...more };
}

/** A PUT: the body replaces the object; its uid, if any, is a precondition (as upstream). */
export function put<T extends KubeObject>(body: T): UpdatedObjectInfo<T> {
  return {
    updatedObject: () => structuredClone(body),
    preconditions: () => (body.metadata.uid ? { uid: body.metadata.uid } : undefined),
  };
}

/** A PATCH-like update: `change` edits a copy of the current object. */
export function edit<T extends KubeObject>(change: (obj: T) => void): UpdatedObjectInfo<T> {
  return {
    updatedObject(current) {
      assert.ok(current, "edit() needs an existing object");
      const next = structuredClone(current);
      change(next);
      return next;
    },
  };
}

/** Runs `call`, expects a StatusError with `code` and `reason`, and returns its Status. */
export async function rejects(call: Promise<unknown>, code: number, reason: string): Promise<Status> {
  try {
    await call;
  } catch (err) {
    assert.ok(isStatusError(err), `expected a StatusError, got ${String(err)}`);
    assert.equal(err.status.reason, reason, `reason (message: ${err.status.message})`);
    assert.equal(err.status.code, code, `code (message: ${err.status.message})`);
    return err.status;
  }
  assert.fail(`expected ${code} ${reason}, but the call succeeded`);
}

/** An embedded store in a fresh temporary directory, with the two test resources on it. */
export interface TestRegistry {
  storage: Store;
  widgets: ResourceStorage<Widget>;
  gadgets: ResourceStorage<Gadget>;
  /** Another store for widgets on the same storage, with other options. */
  widgetsWith(opts: Omit<RegistryStoreOptions<Widget>, "storage">): ResourceStorage<Widget>;
  close(): Promise<void>;
}

export function openTestRegistry(): TestRegistry {
  const dataDir = mkdtempSync(join(tmpdir(), "tskube-registry-"));
  const kv = openEmbeddedDriver({ dataDir });
  const storage = new Store({ kv });
  return {
    storage,
    widgets: createRegistryStore(widgetDefinition, { storage: storage as Store<Widget> }),
    gadgets: createRegistryStore(gadgetDefinition, { storage: storage as Store<Gadget> }),
    widgetsWith: (opts) => createRegistryStore(widgetDefinition, { ...opts, storage: storage as Store<Widget> }),
    async close() {
      await kv.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
