// The `scale` subresource (`.../deployments/x/scale`): the object seen as an
// autoscaling/v1 Scale, which is what `kubectl scale` and autoscalers use.
// Writing it sets the object's spec replicas (ScaleSubresource.withSpecReplicas)
// and goes through the main resource's update, so the kind's update rules,
// generation and resourceVersion checks all apply. A Scale that carries a
// resourceVersion must match the object's (else 409 Conflict).

import {
  type FieldError,
  type KubeObject,
  type ObjectMeta,
  invalid,
  newInvalid,
  newNotFound,
} from "@tskube/apimachinery";
import { checkNameMatchesRequest } from "./object-meta.js";
import { groupResourceOf } from "./objects.js";
import type { ScaleSubresource } from "./resource.js";
import type { RequestScope, SubresourceStorage, UpdatedObjectInfo } from "./rest-storage.js";
import type { RegistryStore } from "./store.js";

/** autoscaling/v1 Scale. */
export interface Scale extends KubeObject {
  apiVersion: "autoscaling/v1";
  kind: "Scale";
  /** `replicas` is left out when 0, as upstream serializes it. */
  spec: { replicas?: number };
  status: { replicas: number; selector?: string };
}

/** The Scale view of an object: identity from its metadata, replicas and selector from the kind's accessors. */
export function scaleOf<T extends KubeObject>(obj: T, accessors: ScaleSubresource<T>): Scale {
  const m = obj.metadata;
  const metadata: ObjectMeta = {};
  if (m.name !== undefined) metadata.name = m.name;
  if (m.namespace !== undefined) metadata.namespace = m.namespace;
  if (m.uid !== undefined) metadata.uid = m.uid;
  if (m.resourceVersion !== undefined) metadata.resourceVersion = m.resourceVersion;
  if (m.creationTimestamp !== undefined) metadata.creationTimestamp = m.creationTimestamp;
  const specReplicas = accessors.specReplicas(obj);
  const selector = accessors.selector(obj);
  return {
    apiVersion: "autoscaling/v1",
    kind: "Scale",
    metadata,
    spec: specReplicas !== 0 ? { replicas: specReplicas } : {},
    status: { replicas: accessors.statusReplicas(obj), ...(selector !== "" ? { selector } : {}) },
  };
}

/** spec.replicas of a Scale a client sent: absent is 0 (Go's zero value); else a non-negative integer, or 422. */
function requestedReplicas(scale: KubeObject, name: string): number {
  const spec = scale.spec;
  const replicas = typeof spec === "object" && spec !== null ? (spec as Record<string, unknown>).replicas : undefined;
  if (replicas === undefined || replicas === null) return 0;
  const errs: FieldError[] = [];
  if (typeof replicas !== "number" || !Number.isInteger(replicas)) {
    errs.push(invalid("spec.replicas", replicas, "must be an integer"));
  } else if (replicas < 0) {
    errs.push(invalid("spec.replicas", replicas, "must be greater than or equal to 0"));
  }
  if (errs.length > 0) throw newInvalid({ group: "autoscaling", kind: "Scale" }, name, errs);
  return replicas as number;
}

export class ScaleStorage<T extends KubeObject> implements SubresourceStorage<KubeObject> {
  constructor(
    private readonly store: RegistryStore<T>,
    private readonly accessors: ScaleSubresource<T>,
  ) {}

  async get(scope: RequestScope, name: string): Promise<Scale> {
    return scaleOf(await this.store.get(scope, name), this.accessors);
  }

  async update(
    scope: RequestScope,
    name: string,
    objInfo: UpdatedObjectInfo<KubeObject>,
  ): Promise<{ object: Scale; created: boolean }> {
    const { accessors } = this;
    const notFound = newNotFound(groupResourceOf(this.store.definition), name);
    const preconditions = objInfo.preconditions?.();
    const { object } = await this.store.updateObject(
      scaleScope(scope, accessors),
      name,
      {
        ...(preconditions ? { preconditions: () => preconditions } : {}),
        async updatedObject(current: T | null): Promise<T> {
          if (current === null) throw notFound;
          const scale = await objInfo.updatedObject(scaleOf(current, accessors));
          checkNameMatchesRequest(scale.metadata ?? {}, name, scope.namespace);
          const next = accessors.withSpecReplicas(current, requestedReplicas(scale, name));
          // A resourceVersion on the Scale is a precondition on the object.
          const rv = scale.metadata?.resourceVersion;
          return rv ? { ...next, metadata: { ...next.metadata, resourceVersion: rv } } : next;
        },
      },
      { target: "main", allowCreate: false },
    );
    return { object: scaleOf(object, accessors), created: false };
  }
}

/** The request's checks (validating admission) see the Scale, as the client wrote it, not the scaled object. */
function scaleScope<T extends KubeObject>(scope: RequestScope, accessors: ScaleSubresource<T>): RequestScope {
  const update = scope.validation?.update;
  if (update === undefined) return scope;
  return {
    ...scope,
    validation: { ...scope.validation, update: (obj, old) => update(scaleOf(obj as T, accessors), scaleOf(old as T, accessors)) },
  };
}
