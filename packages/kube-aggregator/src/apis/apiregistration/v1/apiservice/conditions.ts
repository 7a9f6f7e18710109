// Reading and setting an APIService's conditions (upstream: apiregistration
// v1 helper): setting one keeps its lastTransitionTime unless its status changes.

import { formatTime } from "@tskube/apimachinery";
import { CONDITION_AVAILABLE, type APIService, type APIServiceCondition } from "./schema.js";

export function apiServiceCondition(apiService: APIService, type: string): APIServiceCondition | undefined {
  return apiService.status?.conditions?.find((c) => c.type === type);
}

export function isAPIServiceAvailable(apiService: APIService): boolean {
  return apiServiceCondition(apiService, CONDITION_AVAILABLE)?.status === "True";
}

/** The status with `condition` set: replaces the condition of its type, moving lastTransitionTime only when the status changes. */
export function withAPIServiceCondition(
  apiService: APIService,
  condition: { type: string; status: string; reason: string; message: string },
  now: Date = new Date(),
): NonNullable<APIService["status"]> {
  const conditions = (apiService.status?.conditions ?? []).map((c) => ({ ...c }));
  const existing = conditions.find((c) => c.type === condition.type);
  if (existing === undefined) {
    conditions.push({ ...condition, lastTransitionTime: formatTime(now) });
  } else {
    if (existing.status !== condition.status) existing.lastTransitionTime = formatTime(now);
    existing.status = condition.status;
    existing.reason = condition.reason;
    existing.message = condition.message;
  }
  return { ...apiService.status, conditions };
}

/** Whether the condition of `type` already has this status, reason and message. */
export function hasAPIServiceCondition(apiService: APIService, condition: { type: string; status: string; reason: string; message: string }): boolean {
  const c = apiServiceCondition(apiService, condition.type);
  return c?.status === condition.status && c.reason === condition.reason && c.message === condition.message;
}
