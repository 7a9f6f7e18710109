// Validation of PriorityClasses (upstream: ValidatePriorityClass and
// ValidatePriorityClassUpdate in pkg/apis/scheduling/validation).

import { type FieldError, forbidden, notSupported, required, validateImmutableField } from "@tskube/apimachinery";
import { HIGHEST_USER_DEFINABLE_PRIORITY, type PriorityClass, SYSTEM_PRIORITY_CLASS_PREFIX } from "./schema.js";
import { systemPriorityClassError } from "./system.js";

export function validatePriorityClass(pc: PriorityClass): FieldError[] {
  const errs: FieldError[] = [];
  const name = pc.metadata.name ?? "";
  if (name.startsWith(SYSTEM_PRIORITY_CLASS_PREFIX)) {
    const err = systemPriorityClassError(name, pc.value ?? 0, pc.globalDefault ?? false);
    if (err !== undefined) {
      errs.push(forbidden("metadata.name", `priority class names with '${SYSTEM_PRIORITY_CLASS_PREFIX}' prefix are reserved for system use only. error: ${err}`));
    }
  } else if ((pc.value ?? 0) > HIGHEST_USER_DEFINABLE_PRIORITY) {
    errs.push(forbidden("value", `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`));
  }
  const policy = pc.preemptionPolicy;
  if (policy !== undefined) {
    if (policy === "") errs.push(required("preemptionPolicy"));
    else if (policy !== "PreemptLowerPriority" && policy !== "Never") errs.push(notSupported("preemptionPolicy", policy, ["PreemptLowerPriority", "Never"]));
  }
  return errs;
}

/** value and preemptionPolicy cannot change; description and globalDefault can. */
export function validatePriorityClassUpdate(pc: PriorityClass, old: PriorityClass): FieldError[] {
  const errs: FieldError[] = [];
  if ((pc.value ?? 0) !== (old.value ?? 0)) errs.push(forbidden("value", "may not be changed in an update."));
  errs.push(...validateImmutableField(pc.preemptionPolicy, old.preemptionPolicy, "preemptionPolicy"));
  return errs;
}
