// Objects and paths of the example group, for the integration tests.

import type { KubeObject, Status } from "@tskube/apimachinery";
import assert from "node:assert/strict";
import { EXAMPLE_API_VERSION, EXAMPLE_GROUP, type Gadget, type Widget } from "./example-group.js";
import type { Response } from "./harness.js";

export const GROUP_PATH = `/apis/${EXAMPLE_GROUP}/v1`;

/** `/apis/example.tskube.dev/v1/namespaces/<ns>/widgets[/<name>[/<sub>]]` */
export function widgetsPath(namespace: string, name?: string, subresource?: string): string {
  return [`${GROUP_PATH}/namespaces/${namespace}/widgets`, name, subresource].filter((s) => s !== undefined).join("/");
}

/** `/apis/example.tskube.dev/v1/gadgets[/<name>]` */
export function gadgetsPath(name?: string): string {
  return name === undefined ? `${GROUP_PATH}/gadgets` : `${GROUP_PATH}/gadgets/${name}`;
}

export function widget(name: string, fields: Partial<Omit<Widget, "metadata">> & { metadata?: Widget["metadata"] } = {}): Widget {
  return { apiVersion: EXAMPLE_API_VERSION, kind: "Widget", ...fields, metadata: { name, ...fields.metadata } };
}

export function gadget(name: string, spec: Gadget["spec"] = {}): Gadget {
  return { apiVersion: EXAMPLE_API_VERSION, kind: "Gadget", metadata: { name }, spec };
}

export interface List<T = KubeObject> {
  apiVersion: string;
  kind: string;
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  items: T[];
}

export function namesOf(list: { items: KubeObject[] }): string[] {
  return list.items.map((item) => item.metadata.name ?? "");
}

/** The response is a failure Status with this code and reason; returns the Status. */
export function expectStatus(res: Response, code: number, reason: string | undefined): Status {
  assert.equal(res.status, code, `expected ${code}, got ${res.status}: ${res.text}`);
  assert.equal(res.headers["content-type"], "application/json");
  const status = res.json<Status>();
  assert.equal(status.kind, "Status");
  assert.equal(status.apiVersion, "v1");
  assert.equal(status.status, "Failure");
  assert.equal(status.code, code);
  assert.equal(status.reason, reason);
  return status;
}

/** The response has this code (with the body in the failure message). */
export function expectCode(res: Response, code: number): void {
  assert.equal(res.status, code, `expected ${code}, got ${res.status}: ${res.text}`);
}

export function rvOf(obj: KubeObject): number {
  return Number(obj.metadata.resourceVersion);
}
