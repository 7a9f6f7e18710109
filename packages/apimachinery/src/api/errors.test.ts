import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  newAlreadyExists,
  newBadRequest,
  newForbidden,
  newInvalid,
  newNotFound,
  newServerTimeout,
  newTooManyRequests,
  newUnauthorized,
  isNotFound,
} from "./errors.js";
import { invalid, required } from "../validation/field-errors.js";
import { StatusSchema } from "../apis/meta/v1/status.js";

describe("Status errors", () => {
  it("NotFound names the resource and leaves out an empty group", () => {
    const err = newNotFound({ group: "", resource: "pods" }, "x");
    assert.deepEqual(err.status, {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: 'pods "x" not found',
      reason: "NotFound",
      details: { name: "x", kind: "pods" },
      code: 404,
    });
    assert.ok(isNotFound(err));
    // Every error is a valid Status per the schema.
    assert.deepEqual(StatusSchema.parse(err.status), err.status);
  });

  it("quotes the name even when it is empty, as upstream", () => {
    assert.equal(newNotFound({ group: "apps", resource: "deployments" }, "").message, 'deployments.apps "" not found');
    assert.equal(newAlreadyExists({ group: "apps", resource: "deployments" }, "d").message, 'deployments.apps "d" already exists');
  });

  it("Forbidden has three message forms", () => {
    assert.equal(newForbidden({ group: "", resource: "pods" }, "p", "no").message, 'pods "p" is forbidden: no');
    assert.equal(newForbidden({ group: "", resource: "pods" }, "", "no").message, "pods is forbidden: no");
    assert.equal(newForbidden({ group: "", resource: "" }, "", "no").message, "forbidden: no");
  });

  it("Invalid aggregates field errors and lists causes", () => {
    const err = newInvalid({ group: "apps", kind: "Deployment" }, "d", [
      invalid("spec.replicas", -1, "must be greater than or equal to 0"),
      required("spec.selector"),
      required("spec.selector"),
    ]);
    assert.equal(err.code, 422);
    assert.equal(
      err.message,
      'Deployment.apps "d" is invalid: [spec.replicas: Invalid value: -1: must be greater than or equal to 0, spec.selector: Required value]',
    );
    assert.equal(err.status.details?.kind, "Deployment");
    assert.equal(err.status.details?.causes?.length, 3);
    assert.deepEqual(err.status.details?.causes?.[1], { reason: "FieldValueRequired", message: "Required value", field: "spec.selector" });
    assert.equal(newInvalid({ group: "", kind: "Pod" }, "p", []).message, 'Pod "p" is invalid');
  });

  it("other constructors", () => {
    assert.equal(newBadRequest("bad").status.reason, "BadRequest");
    assert.equal(newUnauthorized().message, "Unauthorized");
    assert.equal(newUnauthorized("").message, "not authorized");
    assert.deepEqual(newTooManyRequests("slow down", 1).status.details, { retryAfterSeconds: 1 });
    assert.deepEqual(newServerTimeout({ group: "", resource: "pods" }, "get", 2).status.details, {
      name: "get",
      kind: "pods",
      retryAfterSeconds: 2,
    });
  });
});
