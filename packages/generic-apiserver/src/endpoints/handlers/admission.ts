// Where the REST handlers call admission (upstream: the admission calls in
// handlers/create.go, update.go, patch.go and delete.go, and
// rest.AdmissionToValidateObjectFunc and friends):
//
//   create            mutating after decoding and defaulting, in the handler;
//                     validating in the registry, after the strategy's validation
//   update, patch     both inside the registry's retry loop, against the object
//                     as stored on that try: mutating right after the new object
//                     is computed, validating after the strategy's validation
//                     (an update that creates the object is a CREATE)
//   delete            mutating, then validating, in the registry, with the stored
//                     object as oldObject (deletecollection: once per object, with
//                     no name, as upstream)
//
// Subresources are admitted like the main resource, with their subresource
// and kind (autoscaling/v1 Scale for `scale`). Dry runs are admitted too.

import type { DeleteOptions, KubeObject } from "@tskube/apimachinery";
import type { Attributes, Operation, OperationOptions } from "../../admission/attributes.js";
import type { WriteValidation } from "../../registry/rest-storage.js";
import type { WriteOptions } from "./options.js";
import type { EndpointRequest } from "./scope.js";

/** The options of a create, update or patch as admission sees them (patches as UpdateOptions). */
export function writeOptionsObject(kind: "CreateOptions" | "UpdateOptions", opts: WriteOptions): OperationOptions {
  return {
    apiVersion: "meta.k8s.io/v1",
    kind,
    ...(opts.dryRun ? { dryRun: ["All"] } : {}),
    ...(opts.fieldManager !== undefined ? { fieldManager: opts.fieldManager } : {}),
    fieldValidation: opts.fieldValidation,
  };
}

export function deleteOptionsObject(opts: DeleteOptions): OperationOptions {
  return { ...opts, apiVersion: "meta.k8s.io/v1", kind: "DeleteOptions" };
}

function attributesFor(
  er: EndpointRequest,
  operation: Operation,
  name: string,
  options: OperationOptions,
  dryRun: boolean,
  objects: { object?: KubeObject; oldObject?: KubeObject },
): Attributes {
  const { definition, type, subresource } = er.endpoint;
  return {
    operation,
    kind: { group: type.group, version: type.version, kind: type.kind },
    resource: { group: definition.group, version: definition.version, resource: definition.resource },
    subresource,
    namespace: er.namespace,
    name,
    ...objects,
    dryRun,
    options,
    ...(er.ctx.user ? { user: er.ctx.user } : {}),
  };
}

/**
 * Mutating admission of a new object (POST, or an update that creates):
 * plugins change `obj` in place. The name is the request's, or the object's
 * (it may still be empty when the server generates it).
 */
export async function admitCreate(er: EndpointRequest, obj: KubeObject, options: OperationOptions, dryRun: boolean): Promise<void> {
  const chain = er.admission;
  if (!chain?.handles("CREATE")) return;
  const name = er.name || (obj.metadata?.name ?? "");
  await chain.admit(attributesFor(er, "CREATE", name, options, dryRun, { object: obj }));
}

/**
 * Mutating admission of an update, on one try of the registry's loop: `old`
 * is the stored object, or null when the update creates it (then a CREATE).
 */
export async function admitUpdate(
  er: EndpointRequest,
  obj: KubeObject,
  old: KubeObject | null,
  options: { update: OperationOptions; create: OperationOptions },
  dryRun: boolean,
): Promise<void> {
  if (old === null) return admitCreate(er, obj, options.create, dryRun);
  const chain = er.admission;
  if (!chain?.handles("UPDATE")) return;
  await chain.admit(attributesFor(er, "UPDATE", er.name, options.update, dryRun, { object: obj, oldObject: old }));
}

/** Validating admission of the writes a create, update or patch may make. */
export function writeValidation(
  er: EndpointRequest,
  options: { update?: OperationOptions; create: OperationOptions },
  dryRun: boolean,
): WriteValidation | undefined {
  const chain = er.admission;
  if (chain === undefined || chain.plugins.length === 0) return undefined;
  const updateOptions = options.update;
  return {
    create: async (obj) => {
      const name = er.name || (obj.metadata?.name ?? "");
      await chain.validate(attributesFor(er, "CREATE", name, options.create, dryRun, { object: obj }));
    },
    ...(updateOptions
      ? {
          update: async (obj: KubeObject, old: KubeObject) => {
            await chain.validate(attributesFor(er, "UPDATE", er.name, updateOptions, dryRun, { object: obj, oldObject: old }));
          },
        }
      : {}),
  };
}

/**
 * Admission of a delete, run by the registry on the stored object: the
 * mutating plugins (which cannot change anything here, but may refuse),
 * then the validating ones. For deletecollection `name` is "".
 */
export function deleteValidation(er: EndpointRequest, name: string, opts: DeleteOptions, dryRun: boolean): WriteValidation | undefined {
  const chain = er.admission;
  if (chain === undefined || !chain.handles("DELETE")) return undefined;
  const options = deleteOptionsObject(opts);
  return {
    delete: async (old) => {
      const attributes = attributesFor(er, "DELETE", name, options, dryRun, { oldObject: old });
      await chain.admit(attributes);
      await chain.validate(attributes);
    },
  };
}
