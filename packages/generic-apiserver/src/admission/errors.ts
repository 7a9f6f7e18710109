// The errors admission plugins answer with.

import { type StatusCause, StatusError, newForbidden } from "@tskube/apimachinery";
import type { Attributes } from "./attributes.js";

/**
 * 403 Forbidden naming what the request is about (upstream: admission.NewForbidden):
 * `pods "web" is forbidden: <reason>`. Without a name in the request, the object's
 * name is used, then its generateName, then "Unknown", as upstream.
 */
export function newAdmissionForbidden(attributes: Attributes, reason: string, causes: StatusCause[] = []): StatusError {
  const err = newForbidden({ group: attributes.resource.group, resource: attributes.resource.resource }, nameOf(attributes), reason);
  if (causes.length === 0) return err;
  const status = err.status;
  return new StatusError({
    code: status.code,
    ...(status.reason !== undefined ? { reason: status.reason } : {}),
    ...(status.message !== undefined ? { message: status.message } : {}),
    details: { ...status.details, causes: [...(status.details?.causes ?? []), ...causes] },
  });
}

function nameOf(attributes: Attributes): string {
  if (attributes.name !== "") return attributes.name;
  const meta = attributes.object?.metadata;
  return meta?.name || meta?.generateName || "Unknown";
}
