// How custom resources are written (upstream: registry/customresource/
// strategy.go and validator.go):
//
// - names are DNS subdomains; a PUT must carry a resourceVersion (422
//   otherwise) and never creates;
// - the status and generation rules are the generic spec/status split
//   (status kept from the main resource when a status subresource exists,
//   generation bumped on any change outside metadata and status);
// - validation is the schema engine's: schema values (ratcheted on update),
//   list sets and maps, embedded resources, CEL rules with oldSelf on update;
//   plus the scale subresource's replica and selector fields. Failures that
//   ratcheting tolerates come back as warnings.

import { type FieldError, type KubeObject, nameIsDNSSubdomain } from "@tskube/apimachinery";
import type { Strategy } from "@tskube/generic-apiserver";
import type { CustomResourceSubresourceScale } from "../apis/apiextensions/v1/schema.js";
import { validateCustomResource } from "../schema/custom-resource.js";
import type { Structural } from "../schema/structural.js";
import { validateScaleSpec, validateScaleStatus } from "./scale.js";

export interface CustomResourceStrategyOptions {
  /** The version's structural schema; none for a version without one (nothing to validate). */
  structural: Structural | undefined;
  scale: CustomResourceSubresourceScale | undefined;
}

export function customResourceStrategy(opts: CustomResourceStrategyOptions): Strategy<KubeObject> {
  const { structural, scale } = opts;
  // Ratcheting warnings of the last validation of an object, for the warnings hook that follows it.
  const warnings = new WeakMap<KubeObject, string[]>();

  const validate = (obj: KubeObject, old: KubeObject | undefined, target: "main" | "status"): FieldError[] => {
    const errs: FieldError[] = [];
    if (structural !== undefined) {
      const result = validateCustomResource(obj, structural, old);
      errs.push(...result.errors);
      warnings.set(obj, result.warnings);
    }
    if (scale !== undefined) {
      if (target === "main") errs.push(...validateScaleSpec(obj, scale));
      errs.push(...validateScaleStatus(obj, scale));
    }
    return errs;
  };

  return {
    validateName: nameIsDNSSubdomain,
    validate: (obj) => validate(obj, undefined, "main"),
    validateUpdate: (obj, old) => validate(obj, old, "main"),
    validateStatusUpdate: (obj, old) => validate(obj, old, "status"),
    warningsOnCreate: (obj) => warnings.get(obj) ?? [],
    warningsOnUpdate: (obj) => warnings.get(obj) ?? [],
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: false,
  };
}
