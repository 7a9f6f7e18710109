// The binary with --authorization-mode=RBAC, driven by kubectl: a user with
// a static token (--token-auth-file), one with a client certificate and a
// ServiceAccount with a token from `kubectl create token`, bound through a Role that allows get and list of ConfigMaps in one
// namespace. What they may do, what is 403 and how it is worded, `kubectl
// auth can-i` (and --list) agreeing, `--as`, escalation refused, anonymous
// health and version, aggregated ClusterRoles, and the default policy
// reconciled on restart.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { parse as parseYAML } from "yaml";
import { type RunningAPIServer, hasKubectl, startAPIServer } from "./support/apiserver.js";
import { type Kubectl, kubectlFor, mustSucceed } from "./support/kubectl.js";

const T = { timeout: 60_000 };

interface Kubeconfig {
  clusters: { cluster: { server: string; "certificate-authority-data": string } }[];
}

/** A kubeconfig for the same server with other credentials. */
function userKubeconfig(dir: string, admin: string, name: string, credentials: Record<string, string>): string {
  const cluster = (parseYAML(readFileSync(admin, "utf8")) as Kubeconfig).clusters[0]?.cluster;
  assert.ok(cluster);
  const user = Object.entries(credentials).map(([k, v]) => `    ${k}: ${v}`).join("\n");
  const file = join(dir, `${name}.kubeconfig`);
  writeFileSync(
    file,
    `apiVersion: v1
kind: Config
clusters:
- name: tskube
  cluster:
    server: ${cluster.server}
    certificate-authority-data: ${cluster["certificate-authority-data"]}
users:
- name: ${name}
  user:
${user}
contexts:
- name: ${name}
  context:
    cluster: tskube
    user: ${name}
current-context: ${name}
`,
  );
  return file;
}

/** A client certificate for `user` in `group`, signed by the server's CA (as an administrator would, with openssl). */
function clientCertificate(dir: string, pki: string, user: string, group: string): { cert: string; key: string } {
  const key = join(dir, `${user}.key`);
  const csr = join(dir, `${user}.csr`);
  const cert = join(dir, `${user}.crt`);
  execFileSync("openssl", ["req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", csr, "-subj", `/CN=${user}/O=${group}`], { stdio: "ignore" });
  execFileSync("openssl", ["x509", "-req", "-in", csr, "-CA", join(pki, "ca.crt"), "-CAkey", join(pki, "ca.key"), "-CAcreateserial", "-out", cert, "-days", "1"], {
    stdio: "ignore",
  });
  return { cert, key };
}

/** GET without credentials (as system:anonymous): status and body. */
function anonymousGet(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, rejectUnauthorized: false }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

describe("kube-apiserver --authorization-mode=RBAC", { skip: !hasKubectl() && "kubectl not found" }, () => {
  let server: RunningAPIServer;
  let dir: string;
  let admin: Kubectl;
  let alice: Kubectl; // static token, group dev
  let carol: Kubectl; // client certificate, group qa
  let bob: Kubectl; // static token, may write roles in team

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "tskube-e2e-rbac-"));
    const tokens = join(dir, "tokens.csv");
    writeFileSync(tokens, 'alice-token,alice,1001,"dev"\nbob-token,bob,1002\n');
    server = await startAPIServer({ args: ["--authorization-mode=RBAC", `--token-auth-file=${tokens}`] });
    admin = kubectlFor(server.kubeconfig);
    alice = kubectlFor(userKubeconfig(dir, server.kubeconfig, "alice", { token: "alice-token" }));
    bob = kubectlFor(userKubeconfig(dir, server.kubeconfig, "bob", { token: "bob-token" }));
    const carolCert = clientCertificate(dir, join(server.dataDir, "pki"), "carol", "qa");
    carol = kubectlFor(userKubeconfig(dir, server.kubeconfig, "carol", { "client-certificate": carolCert.cert, "client-key": carolCert.key }));

    const ok = mustSucceed(admin);
    await ok(["create", "namespace", "team"]);
    await ok(["create", "role", "cm-reader", "-n", "team", "--verb=get,list", "--resource=configmaps"]);
    await ok(["create", "rolebinding", "readers", "-n", "team", "--role=cm-reader", "--user=alice", "--user=carol"]);
    await ok(["create", "configmap", "settings", "-n", "team", "--from-literal=color=blue"]);
    await ok(["create", "role", "role-writer", "-n", "team", "--verb=create,get", "--resource=roles,rolebindings"]);
    await ok(["create", "rolebinding", "bob-writer", "-n", "team", "--role=role-writer", "--user=bob"]);
    // The authorizer learns of bindings through its watches.
    assert.ok(await eventually(async () => (await alice(["get", "configmaps", "-n", "team"])).code === 0), "alice's binding took effect");
  });
  after(async () => {
    await server?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("the bound users may list and get ConfigMaps in their namespace", T, async () => {
    for (const [who, kubectl] of [["alice", alice], ["carol", carol]] as const) {
      const list = await mustSucceed(kubectl)(["get", "configmaps", "-n", "team", "-o", "name"]);
      assert.match(list, /configmap\/settings/, who);
      const cm = JSON.parse(await mustSucceed(kubectl)(["get", "configmap", "settings", "-n", "team", "-o", "json"])) as { data: Record<string, string> };
      assert.deepEqual(cm.data, { color: "blue" }, who);
    }
  });

  it("secrets, other namespaces and writes are 403 with upstream's message", T, async () => {
    const cases: [string[], string][] = [
      [["get", "secrets", "-n", "team"], 'Error from server (Forbidden): secrets is forbidden: User "alice" cannot list resource "secrets" in API group "" in the namespace "team"'],
      [["get", "configmaps", "-n", "default"], 'Error from server (Forbidden): configmaps is forbidden: User "alice" cannot list resource "configmaps" in API group "" in the namespace "default"'],
      [
        ["create", "configmap", "new", "-n", "team", "--from-literal=a=b"],
        'error: failed to create configmap: configmaps is forbidden: User "alice" cannot create resource "configmaps" in API group "" in the namespace "team"',
      ],
      [
        ["delete", "configmap", "settings", "-n", "team"],
        'Error from server (Forbidden): configmaps "settings" is forbidden: User "alice" cannot delete resource "configmaps" in API group "" in the namespace "team"',
      ],
      [["get", "namespaces"], 'Error from server (Forbidden): namespaces is forbidden: User "alice" cannot list resource "namespaces" in API group "" at the cluster scope'],
    ];
    for (const [args, message] of cases) {
      const result = await alice(args);
      assert.notEqual(result.code, 0, args.join(" "));
      assert.equal(result.stderr.trim(), message, args.join(" "));
    }
    const carolSecrets = await carol(["get", "secrets", "-n", "team"]);
    assert.match(carolSecrets.stderr, /User "carol" cannot list resource "secrets"/);
  });

  it("a ServiceAccount bound through the Role: its token from kubectl create token lists ConfigMaps, and nothing more; gone with the account", T, async () => {
    const ok = mustSucceed(admin);
    await ok(["create", "serviceaccount", "reader", "-n", "team"]);
    await ok(["create", "rolebinding", "sa-readers", "-n", "team", "--role=cm-reader", "--serviceaccount=team:reader"]);
    const token = (await ok(["create", "token", "reader", "-n", "team"])).trim();
    const reader = kubectlFor(userKubeconfig(dir, server.kubeconfig, "reader", { token }));
    const user = "system:serviceaccount:team:reader";
    assert.ok(await eventually(async () => (await reader(["get", "configmaps", "-n", "team"])).code === 0), "the service account's binding took effect");
    assert.match(await mustSucceed(reader)(["get", "configmap", "settings", "-n", "team", "-o", "name"]), /configmap\/settings/);
    const denied: [string[], string][] = [
      [["get", "secrets", "-n", "team"], `secrets is forbidden: User "${user}" cannot list resource "secrets" in API group "" in the namespace "team"`],
      [["get", "configmaps", "-n", "default"], `configmaps is forbidden: User "${user}" cannot list resource "configmaps" in API group "" in the namespace "default"`],
      [["delete", "configmap", "settings", "-n", "team"], `configmaps "settings" is forbidden: User "${user}" cannot delete resource "configmaps" in API group "" in the namespace "team"`],
    ];
    for (const [args, message] of denied) {
      const result = await reader(args);
      assert.notEqual(result.code, 0, args.join(" "));
      assert.ok(result.stderr.includes(message), `${args.join(" ")}: ${result.stderr}`);
    }
    for (const [args, answer] of [
      [["list", "configmaps", "-n", "team"], "yes"],
      [["list", "secrets", "-n", "team"], "no"],
      [["create", "configmaps", "-n", "team"], "no"],
      [["list", "configmaps", "-n", "default"], "no"],
    ] as const) {
      const result = await reader(["auth", "can-i", ...args]);
      assert.equal(result.stdout.trim(), answer, args.join(" "));
    }
    // Once the ServiceAccount is deleted its token no longer authenticates: 401.
    await ok(["delete", "serviceaccount", "reader", "-n", "team"]);
    assert.ok(
      await eventually(async () => /Unauthorized|must be logged in/.test((await reader(["get", "configmaps", "-n", "team"])).stderr)),
      "the deleted account's token is refused",
    );
  });

  it("kubectl auth can-i agrees, for each user; --list shows the rules", T, async () => {
    const cases: [string[], "yes" | "no"][] = [
      [["list", "configmaps", "-n", "team"], "yes"],
      [["get", "configmaps/settings", "-n", "team"], "yes"],
      [["list", "secrets", "-n", "team"], "no"],
      [["list", "configmaps", "-n", "default"], "no"],
      [["create", "configmaps", "-n", "team"], "no"],
      [["get", "/version"], "yes"],
      [["get", "/metrics"], "no"],
    ];
    for (const kubectl of [alice, carol]) {
      for (const [args, answer] of cases) {
        const result = await kubectl(["auth", "can-i", ...args]);
        assert.equal(result.stdout.trim(), answer, args.join(" "));
        assert.equal(result.code, answer === "yes" ? 0 : 1, args.join(" "));
      }
    }
    const list = await mustSucceed(alice)(["auth", "can-i", "--list", "-n", "team"]);
    const lines = list.trim().split("\n").map((l) => l.trim().split(/\s{2,}/));
    assert.deepEqual(lines[0], ["Resources", "Non-Resource URLs", "Resource Names", "Verbs"]);
    assert.ok(lines.some((l) => l[0] === "configmaps" && l[3] === "[get list]"), list);
    assert.ok(lines.some((l) => l[0] === "selfsubjectaccessreviews.authorization.k8s.io" && l[3] === "[create]"), list);
    assert.ok(lines.some((l) => l[0] === "[/version]" && l[2] === "[get]"), list);
    assert.equal((await mustSucceed(admin)(["auth", "can-i", "*", "*"])).trim(), "yes");
  });

  it("kubectl --as: the admin acting as alice gets alice's rights; alice may not impersonate", T, async () => {
    assert.match(await mustSucceed(admin)(["get", "configmaps", "-n", "team", "--as=alice"]), /settings/);
    const secrets = await admin(["get", "secrets", "-n", "team", "--as=alice"]);
    assert.equal(secrets.stderr.trim(), 'Error from server (Forbidden): secrets is forbidden: User "alice" cannot list resource "secrets" in API group "" in the namespace "team"');
    assert.equal((await admin(["auth", "can-i", "list", "configmaps", "-n", "team", "--as=alice"])).stdout.trim(), "yes");
    assert.equal((await admin(["auth", "can-i", "list", "secrets", "-n", "team", "--as=alice"])).stdout.trim(), "no");
    // Groups given with --as-group count: dev gets nothing extra, but system:masters would be everything.
    assert.equal((await admin(["auth", "can-i", "list", "secrets", "-n", "team", "--as=alice", "--as-group=system:masters"])).stdout.trim(), "yes");
    const impersonate = await alice(["get", "configmaps", "-n", "team", "--as=bob"]);
    assert.equal(impersonate.stderr.trim(), 'Error from server (Forbidden): users "bob" is forbidden: User "alice" cannot impersonate resource "users" in API group "" at the cluster scope');
    // Granted the impersonate verb on that one user, alice may act as bob.
    const ok = mustSucceed(admin);
    await ok(["create", "clusterrole", "impersonate-bob", "--verb=impersonate", "--resource=users", "--resource-name=bob"]);
    await ok(["create", "clusterrolebinding", "alice-impersonates-bob", "--clusterrole=impersonate-bob", "--user=alice"]);
    assert.ok(await eventually(async () => (await alice(["auth", "can-i", "get", "roles", "-n", "team", "--as=bob"])).stdout.trim() === "yes"));
    const asCarol = await alice(["get", "configmaps", "-n", "team", "--as=carol"]);
    assert.match(asCarol.stderr, /users "carol" is forbidden: User "alice" cannot impersonate resource "users"/);
  });

  it("an escalation attempt is refused with the permissions it lacks", T, async () => {
    const attempt = await bob(["create", "role", "secret-reader", "-n", "team", "--verb=get,list", "--resource=secrets"]);
    assert.notEqual(attempt.code, 0);
    assert.equal(
      attempt.stderr.trim(),
      'Error from server (Forbidden): roles.rbac.authorization.k8s.io "secret-reader" is forbidden: user "bob" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["secrets"], Verbs:["get" "list"]}',
    );
    const bindAdmin = await bob(["create", "rolebinding", "bob-admin", "-n", "team", "--clusterrole=admin", "--user=bob"]);
    assert.notEqual(bindAdmin.code, 0);
    assert.match(bindAdmin.stderr, /rolebindings\.rbac\.authorization\.k8s\.io "bob-admin" is forbidden: user "bob" \(groups=\["system:authenticated"\]\) is attempting to grant RBAC permissions not currently held:\n\{APIGroups:\[""\], Resources:\["bindings"\]/);
    // Within what bob holds, he may write roles and bind them.
    await mustSucceed(bob)(["create", "role", "role-reader", "-n", "team", "--verb=get", "--resource=roles"]);
    await mustSucceed(bob)(["create", "rolebinding", "alice-role-reader", "-n", "team", "--role=role-reader", "--user=alice"]);
  });

  it("anonymous requests get /version and /healthz, not /api/v1/namespaces", T, async () => {
    const version = await anonymousGet(server.port, "/version");
    assert.equal(version.status, 200);
    assert.equal((JSON.parse(version.body) as { major: string }).major, "1");
    assert.deepEqual(await anonymousGet(server.port, "/healthz"), { status: 200, body: "ok" });
    const namespaces = await anonymousGet(server.port, "/api/v1/namespaces");
    assert.equal(namespaces.status, 403);
    const status = JSON.parse(namespaces.body) as { reason: string; message: string };
    assert.equal(status.reason, "Forbidden");
    assert.equal(status.message, 'namespaces is forbidden: User "system:anonymous" cannot list resource "namespaces" in API group "" at the cluster scope');
  });

  it("an aggregated ClusterRole picks up a new labelled role", T, async () => {
    const ok = mustSucceed(admin);
    await ok(["create", "rolebinding", "alice-view", "-n", "team", "--clusterrole=view", "--user=alice"]);
    // Upstream's view does not grant leases.
    assert.equal((await alice(["auth", "can-i", "list", "leases.coordination.k8s.io", "-n", "team"])).stdout.trim(), "no");
    await ok(["create", "clusterrole", "lease-viewer", "--verb=get,list,watch", "--resource=leases.coordination.k8s.io"]);
    await ok(["label", "clusterrole", "lease-viewer", "rbac.authorization.k8s.io/aggregate-to-view=true"]);
    assert.ok(
      await eventually(async () => (await alice(["auth", "can-i", "list", "leases.coordination.k8s.io", "-n", "team"])).stdout.trim() === "yes"),
      "view now grants leases",
    );
    const leases = await alice(["get", "leases", "-n", "team"]);
    assert.equal(leases.code, 0, leases.stderr);
    assert.match(leases.stderr, /No resources found in team namespace/);
    const view = JSON.parse(await ok(["get", "clusterrole", "view", "-o", "json"])) as { rules: { apiGroups?: string[]; resources?: string[] }[] };
    assert.ok(view.rules.some((r) => r.apiGroups?.includes("coordination.k8s.io") && r.resources?.includes("leases")));
    const table = await ok(["get", "clusterroles", "view", "edit"]);
    assert.match(table, /^NAME\s+CREATED AT\n/);
    const bindings = await ok(["get", "rolebindings", "-n", "team", "-o", "wide"]);
    assert.match(bindings, /^NAME\s+ROLE\s+AGE\s+USERS\s+GROUPS\s+SERVICEACCOUNTS\n/);
    assert.match(bindings, /readers\s+Role\/cm-reader\s+\S+\s+alice, carol/);
  });
});

describe("kube-apiserver RBAC bootstrap policy across a restart", { skip: !hasKubectl() && "kubectl not found" }, () => {
  let first: RunningAPIServer;
  let second: RunningAPIServer | undefined;
  after(async () => {
    await second?.stop();
    await first?.cleanup();
  });

  it("missing rules and subjects of the defaults come back; autoupdate=false is respected", T, async () => {
    first = await startAPIServer({ args: ["--authorization-mode=RBAC"] });
    const ok = mustSucceed(kubectlFor(first.kubeconfig));
    await ok(["patch", "clusterrole", "system:discovery", "--type=json", "-p", '[{"op":"replace","path":"/rules","value":[]}]']);
    await ok(["patch", "clusterrolebinding", "system:basic-user", "--type=json", "-p", '[{"op":"replace","path":"/subjects","value":[]}]']);
    await ok(["patch", "clusterrole", "system:monitoring", "--type=json", "-p", '[{"op":"replace","path":"/rules","value":[]}]']);
    await ok(["annotate", "--overwrite", "clusterrole", "system:monitoring", "rbac.authorization.kubernetes.io/autoupdate=false"]);
    assert.equal(await first.stop(), 0);

    second = await startAPIServer({ dataDir: first.dataDir, args: ["--authorization-mode=RBAC"] });
    const again = mustSucceed(kubectlFor(second.kubeconfig));
    const discovery = JSON.parse(await again(["get", "clusterrole", "system:discovery", "-o", "json"])) as { rules: { nonResourceURLs: string[] }[] };
    assert.deepEqual(discovery.rules.flatMap((r) => r.nonResourceURLs).sort(), ["/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/"]);
    const basic = JSON.parse(await again(["get", "clusterrolebinding", "system:basic-user", "-o", "json"])) as { subjects: { name: string }[] };
    assert.deepEqual(basic.subjects.map((s) => s.name), ["system:authenticated"]);
    const monitoring = JSON.parse(await again(["get", "clusterrole", "system:monitoring", "-o", "json"])) as { rules: unknown[] | null };
    assert.deepEqual(monitoring.rules ?? [], []);
  });
});
