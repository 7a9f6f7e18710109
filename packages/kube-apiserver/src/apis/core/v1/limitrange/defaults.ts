// What the server fills in when a LimitRange is decoded (upstream:
// SetDefaults_LimitRangeItem): for containers, a resource with a max but no
// default limit gets the max as default; one with a default limit but no
// default request gets the limit as default request, else the min.

import type { ResourceList } from "../pod-spec/schema.js";
import type { LimitRange, LimitRangeItem } from "./schema.js";

function fillMissing(into: ResourceList, from: ResourceList | undefined): void {
  for (const [name, value] of Object.entries(from ?? {})) if (into[name] === undefined) into[name] = value;
}

function defaultContainerItem(item: LimitRangeItem): void {
  const defaults: ResourceList = { ...item.default };
  fillMissing(defaults, item.max);
  const defaultRequest: ResourceList = { ...item.defaultRequest };
  fillMissing(defaultRequest, defaults);
  fillMissing(defaultRequest, item.min);
  // Empty maps are left out, as upstream serializes them.
  if (Object.keys(defaults).length > 0) item.default = defaults;
  if (Object.keys(defaultRequest).length > 0) item.defaultRequest = defaultRequest;
}

export function applyLimitRangeDefaults(lr: LimitRange): void {
  for (const item of lr.spec?.limits ?? []) if (item.type === "Container") defaultContainerItem(item);
}
