// The two admission plugins on their own, against registry stores.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type KubeObject, isStatusError } from "@tskube/apimachinery";
import type { Attributes, ResourceStorage } from "@tskube/generic-apiserver";
import { namespaceDefinition } from "../apis/core/v1/namespace/definition.js";
import type { Namespace } from "../apis/core/v1/namespace/schema.js";
import type { Pod } from "../apis/core/v1/pod/schema.js";
import { serviceAccountDefinition } from "../apis/core/v1/serviceaccount/definition.js";
import type { ServiceAccount } from "../apis/core/v1/serviceaccount/schema.js";
import { type TestCoreRegistry, decode, openTestRegistry, scope } from "../apis/test-support.js";
import { NamespaceLifecycle } from "./namespace-lifecycle.js";
import { admissionPlugins } from "./plugins.js";
import { ServiceAccountAdmission } from "./service-account.js";

function attributes(more: Partial<Attributes>): Attributes {
  return {
    operation: "CREATE",
    kind: { group: "", version: "v1", kind: "ConfigMap" },
    resource: { group: "", version: "v1", resource: "configmaps" },
    subresource: "",
    namespace: "team",
    name: "",
    dryRun: false,
    options: { apiVersion: "meta.k8s.io/v1", kind: "CreateOptions" },
    ...more,
  };
}

async function refusal(call: Promise<unknown>): Promise<{ code: number; message: string }> {
  try {
    await call;
  } catch (err) {
    assert.ok(isStatusError(err), String(err));
    return { code: err.code, message: err.status.message ?? "" };
  }
  assert.fail("expected a refusal");
}

let registry: TestCoreRegistry;
let namespaces: ResourceStorage<Namespace>;
let accounts: ResourceStorage<ServiceAccount>;
before(async () => {
  registry = openTestRegistry();
  namespaces = registry.storeFor(namespaceDefinition);
  accounts = registry.storeFor(serviceAccountDefinition);
  await namespaces.main.create(scope(""), decode(namespaceDefinition, { apiVersion: "v1", kind: "Namespace", metadata: { name: "team" } }));
  // A namespace being deleted: a finalizer keeps it, marked, while its phase says Terminating.
  const leaving = { apiVersion: "v1", kind: "Namespace", metadata: { name: "leaving", finalizers: ["example.com/hold"] } };
  await namespaces.main.create(scope(""), decode(namespaceDefinition, leaving));
  await namespaces.main.delete(scope(""), "leaving", {});
  await namespaces.status?.update(scope(""), "leaving", { updatedObject: (ns) => ({ ...ns!, status: { phase: "Terminating" } }) });
  for (const sa of [
    { metadata: { name: "default" } },
    { metadata: { name: "pullers" }, imagePullSecrets: [{ name: "registry" }] },
    {
      metadata: { name: "strict", annotations: { "kubernetes.io/enforce-mountable-secrets": "true" } },
      secrets: [{ name: "allowed" }],
    },
  ]) {
    await accounts.main.create(scope("team"), decode(serviceAccountDefinition, { apiVersion: "v1", kind: "ServiceAccount", ...sa }));
  }
});
after(() => registry.close());

describe("NamespaceLifecycle", () => {
  const plugin = () => new NamespaceLifecycle(namespaces.main as never);

  it("allows what upstream allows", async () => {
    const p = plugin();
    await p.admit(attributes({}));
    await p.admit(attributes({ operation: "UPDATE", name: "c" }));
    // Deleting content, even of a missing namespace, and updating it in a terminating one.
    await p.admit(attributes({ operation: "DELETE", namespace: "missing", name: "c" }));
    await p.admit(attributes({ operation: "UPDATE", namespace: "leaving", name: "c" }));
    await p.admit(attributes({ namespace: "", kind: { group: "rbac.authorization.k8s.io", version: "v1", kind: "ClusterRole" } }));
    await p.admit(
      attributes({
        namespace: "missing",
        kind: { group: "authorization.k8s.io", version: "v1", kind: "LocalSubjectAccessReview" },
        resource: { group: "authorization.k8s.io", version: "v1", resource: "localsubjectaccessreviews" },
      }),
    );
    const ns = { kind: { group: "", version: "v1", kind: "Namespace" }, resource: { group: "", version: "v1", resource: "namespaces" }, namespace: "" };
    await p.admit(attributes({ ...ns, operation: "DELETE", name: "team" }));
    await p.admit(attributes({ ...ns, operation: "DELETE", name: "kube-node-lease" }));
  });

  it("refuses what upstream refuses", async () => {
    const p = plugin();
    const ns = { kind: { group: "", version: "v1", kind: "Namespace" }, resource: { group: "", version: "v1", resource: "namespaces" }, namespace: "" };
    assert.deepEqual(await refusal(p.admit(attributes({ ...ns, operation: "DELETE", name: "kube-public" }))), {
      code: 403,
      message: 'namespaces "kube-public" is forbidden: this namespace may not be deleted',
    });
    assert.deepEqual(await refusal(p.admit(attributes({ namespace: "missing", name: "c" }))), { code: 404, message: 'namespaces "missing" not found' });
    assert.deepEqual(await refusal(p.admit(attributes({ operation: "UPDATE", namespace: "missing", name: "c" }))), {
      code: 404,
      message: 'namespaces "missing" not found',
    });
    assert.deepEqual(await refusal(p.admit(attributes({ namespace: "leaving", name: "c" }))), {
      code: 403,
      message: 'configmaps "c" is forbidden: unable to create new content in namespace leaving because it is being terminated',
    });
  });
});

describe("ServiceAccount admission", () => {
  const plugin = () =>
    new ServiceAccountAdmission(accounts.main as never, { retryIntervalMs: () => 1, generateName: (prefix) => `${prefix}abcde` });
  const podCreate = (spec: Partial<NonNullable<Pod["spec"]>>, meta: Partial<Pod["metadata"]> = {}): Attributes =>
    attributes({
      kind: { group: "", version: "v1", kind: "Pod" },
      resource: { group: "", version: "v1", resource: "pods" },
      object: { apiVersion: "v1", kind: "Pod", metadata: { name: "p", ...meta }, spec: { containers: [{ name: "c", image: "i" }], ...spec } } as KubeObject,
    });
  const specOf = (a: Attributes) => (a.object as Pod).spec!;

  it("leaves other resources, subresources and operations alone", async () => {
    const a = podCreate({});
    await plugin().admit({ ...a, subresource: "status" });
    await plugin().admit({ ...a, operation: "UPDATE" });
    assert.equal(specOf(a).serviceAccountName, undefined);
  });

  it("defaults the account, mounts the token, and copies the account's pull secrets", async () => {
    const a = podCreate({ serviceAccountName: "pullers" });
    await plugin().admit(a);
    assert.deepEqual(specOf(a).imagePullSecrets, [{ name: "registry" }]);
    assert.deepEqual(specOf(a).volumes?.map((v) => v.name), ["kube-api-access-abcde"]);

    const b = podCreate({ volumes: [{ name: "kube-api-access-zzzzz", emptyDir: {} }] });
    await plugin().admit(b);
    assert.equal(specOf(b).serviceAccountName, "default");
    assert.deepEqual(specOf(b).volumes?.map((v) => v.name), ["kube-api-access-zzzzz"], "an existing token volume is reused");
    assert.equal(specOf(b).containers[0]?.volumeMounts?.[0]?.name, "kube-api-access-zzzzz");
  });

  it("keeps the account's mountable secrets when it asks for it", async () => {
    await plugin().admit(podCreate({ serviceAccountName: "strict", volumes: [{ name: "s", secret: { secretName: "allowed" } }] }));
    const refused = await refusal(plugin().admit(podCreate({ serviceAccountName: "strict", volumes: [{ name: "s", secret: { secretName: "other" } }] })));
    assert.deepEqual(refused, {
      code: 403,
      message: 'pods "p" is forbidden: volume with secret.secretName="other" is not allowed because service account strict does not reference that secret',
    });
    const env = await refusal(
      plugin().admit(
        podCreate({
          serviceAccountName: "strict",
          containers: [{ name: "c", image: "i", env: [{ name: "TOKEN", valueFrom: { secretKeyRef: { name: "other", key: "k" } } }] }],
        }),
      ),
    );
    assert.match(env.message, /container c with envVar TOKEN referencing secret\.secretName="other" is not allowed because service account strict/);
  });

  it("refuses missing accounts, and accounts or secrets in mirror pods", async () => {
    assert.deepEqual(await refusal(plugin().admit(podCreate({ serviceAccountName: "ghost" }))), {
      code: 403,
      message: 'pods "p" is forbidden: error looking up service account team/ghost: serviceaccount "ghost" not found',
    });
    const mirror = { annotations: { "kubernetes.io/config.mirror": "x" } };
    const plain = podCreate({}, mirror);
    await plugin().admit(plain);
    assert.equal(specOf(plain).serviceAccountName, undefined, "mirror pods are not changed");
    assert.match((await refusal(plugin().admit(podCreate({ serviceAccountName: "default" }, mirror)))).message, /a mirror pod may not reference service accounts$/);
    assert.match(
      (await refusal(plugin().admit(podCreate({ volumes: [{ name: "s", secret: { secretName: "x" } }] }, mirror)))).message,
      /a mirror pod may not reference secrets$/,
    );
  });

  it("waits a little for the default account, which its controller makes just after the namespace", async () => {
    const a = podCreate({});
    const looking = plugin().admit({ ...a, namespace: "late" });
    await accounts.main.create(scope("late"), decode(serviceAccountDefinition, { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "default" } }));
    await looking;
  });
});

describe("admissionPlugins", () => {
  it("builds the named plugins in upstream's order and refuses unknown names", () => {
    const deps = { namespaces: namespaces.main as never, serviceAccounts: accounts.main as never };
    assert.deepEqual(admissionPlugins(["ServiceAccount", "NamespaceLifecycle"], deps).map((p) => p.name), ["NamespaceLifecycle", "ServiceAccount"]);
    assert.deepEqual(admissionPlugins([], deps), []);
    assert.throws(() => admissionPlugins(["LimitRanger"], deps), /"LimitRanger" is not implemented/);
  });
});
