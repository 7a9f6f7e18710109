// APIService through the generic registry: defaults, upstream's validation
// messages, the status subresource, and the table cells kubectl prints.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { isStatusError, type Status } from "@tskube/apimachinery";
import { type RESTStorage, type RequestScope, type ResourceStorage, StorageFactory, createRegistryStore } from "@tskube/generic-apiserver";
import { type KvDriver, openEmbeddedDriver } from "@tskube/storage";
import { apiServiceDefinition } from "./definition.js";
import type { APIService } from "./schema.js";
import { availableCell, serviceCell } from "./table.js";

const scope: RequestScope = { namespace: "", dryRun: false, warnings: [] };

function decode(body: unknown): APIService {
  const obj = apiServiceDefinition.schema.parse(body);
  apiServiceDefinition.strategy.applyDefaults?.(obj);
  return obj;
}

async function rejects(call: Promise<unknown>): Promise<Status> {
  try {
    await call;
  } catch (err) {
    assert.ok(isStatusError(err), String(err));
    return err.status;
  }
  assert.fail("expected an error");
}

const wardle = (overrides: Record<string, unknown> = {}) => ({
  apiVersion: "apiregistration.k8s.io/v1",
  kind: "APIService",
  metadata: { name: "v1alpha1.wardle.example.com" },
  spec: {
    group: "wardle.example.com",
    version: "v1alpha1",
    service: { namespace: "wardle", name: "api" },
    groupPriorityMinimum: 1000,
    versionPriority: 15,
    insecureSkipTLSVerify: true,
    ...overrides,
  },
});

describe("APIService", () => {
  let dataDir: string;
  let kv: KvDriver;
  let factory: StorageFactory;
  let store: ResourceStorage<APIService>;
  let main: RESTStorage<APIService>;

  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), "tskube-apiservice-"));
    kv = openEmbeddedDriver({ dataDir });
    factory = new StorageFactory({ kv, watchCache: { enabled: false } });
    store = createRegistryStore(apiServiceDefinition, {
      storage: factory.storageFor<APIService>("/apiregistration.k8s.io/apiservices"),
      resourcePrefix: "/apiregistration.k8s.io/apiservices",
    });
    main = store.main;
  });
  after(async () => {
    factory.destroy();
    await kv.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("defaults the service port to 443, resets status, keeps no generation", async () => {
    const created = await main.create(scope, decode({ ...wardle(), status: { conditions: [{ type: "Available", status: "True" }] } }));
    assert.equal(created.spec?.service?.port, 443);
    assert.equal(created.status, undefined);
    assert.equal(created.metadata.generation, undefined);
    assert.equal(serviceCell(created), "wardle/api");
    assert.equal(availableCell(created), "Unknown");
  });

  it("the name must be <version>.<group>", async () => {
    const status = await rejects(main.create(scope, decode({ ...wardle(), metadata: { name: "v1.wardle.example.com" } })));
    assert.equal(status.code, 422);
    assert.equal(
      status.message,
      'APIService.apiregistration.k8s.io "v1.wardle.example.com" is invalid: metadata.name: Invalid value: "v1.wardle.example.com": ' +
        'must be `spec.version+"."+spec.group`: "v1alpha1.wardle.example.com"',
    );
  });

  it("rejects priorities out of range, a missing service name, and a CA bundle with insecureSkipTLSVerify", async () => {
    const status = await rejects(
      main.create(
        scope,
        decode(
          wardle({
            groupPriorityMinimum: 0,
            versionPriority: 1001,
            service: { namespace: "wardle" },
            caBundle: Buffer.from("pem").toString("base64"),
          }),
        ),
      ),
    );
    assert.equal(status.code, 422);
    assert.deepEqual(
      status.details?.causes?.map((c) => `${c.field}: ${c.message}`),
      [
        "spec.groupPriorityMinimum: Invalid value: 0: must be positive and less than 20000",
        "spec.versionPriority: Invalid value: 1001: must be positive and less than 1000",
        "spec.service.name: Required value",
        "spec.insecureSkipTLSVerify: Invalid value: true: may not be true if caBundle is present",
      ],
    );
  });

  it("a local APIService (no service) may not have TLS settings; only v1 may have an empty group", async () => {
    const local = { metadata: { name: "v1beta1." }, spec: { version: "v1beta1", groupPriorityMinimum: 100, versionPriority: 1, insecureSkipTLSVerify: true } };
    const status = await rejects(main.create(scope, decode(local)));
    assert.deepEqual(
      status.details?.causes?.map((c) => `${c.field}: ${c.message}`),
      [
        "spec.group: Required value: only v1 may have an empty group and it better be legacy kube",
        "spec.insecureSkipTLSVerify: Invalid value: true: local APIServices may not have insecureSkipTLSVerify",
      ],
    );
    const core = await main.create(scope, decode({ metadata: { name: "v1." }, spec: { version: "v1", groupPriorityMinimum: 18000, versionPriority: 1 } }));
    assert.equal(serviceCell(core), "Local");
  });

  it("status is written through /status; the Available column shows it", async () => {
    const { object } = await store.status!.update(scope, "v1alpha1.wardle.example.com", {
      updatedObject: (current) => ({
        ...current!,
        status: { conditions: [{ type: "Available", status: "False", reason: "MissingEndpoints", message: "no endpoints" }] },
      }),
    });
    assert.equal(availableCell(object), "False (MissingEndpoints)");
    const bad = await rejects(
      store.status!.update(scope, "v1alpha1.wardle.example.com", {
        updatedObject: (current) => ({ ...current!, status: { conditions: [{ type: "Available", status: "Maybe" }] } }),
      }),
    );
    assert.match(bad.message ?? "", /status\.conditions\[0\]\.status: Unsupported value: "Maybe": supported values: "True", "False", "Unknown"/);
  });
});
