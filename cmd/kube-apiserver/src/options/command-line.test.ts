import assert from "node:assert/strict";
import { resolve } from "node:path";
import { describe, it } from "node:test";
import { parseCommandLine } from "./command-line.js";
import { FlagError } from "./flag-error.js";
import type { Options } from "./options.js";

async function options(args: string[]): Promise<Options> {
  const parsed = await parseCommandLine(args);
  assert.equal(parsed.action, "run");
  return (parsed as { options: Options }).options;
}

async function error(args: string[]): Promise<string> {
  try {
    await parseCommandLine(args);
  } catch (err) {
    assert.ok(err instanceof FlagError, String(err));
    return err.message;
  }
  assert.fail(`${args.join(" ")} was accepted`);
}

describe("command line", () => {
  it("reads the front-proxy flags; the header names default to X-Remote-*", async () => {
    const defaults = await options([]);
    assert.deepEqual(defaults.authentication.requestHeader, {
      usernameHeaders: ["X-Remote-User"],
      groupHeaders: ["X-Remote-Group"],
      extraHeadersPrefix: ["X-Remote-Extra-"],
    });
    assert.deepEqual(defaults.proxyClient, {});
    const o = await options([
      "--requestheader-client-ca-file=/etc/front-proxy-ca.crt",
      "--requestheader-allowed-names=aggregator,other",
      "--requestheader-username-headers=X-User",
      "--requestheader-group-headers=X-Group",
      "--requestheader-extra-headers-prefix=X-Extra-",
      "--proxy-client-cert-file=/etc/proxy.crt",
      "--proxy-client-key-file=/etc/proxy.key",
    ]);
    assert.deepEqual(o.authentication.requestHeader, {
      clientCAFile: "/etc/front-proxy-ca.crt",
      allowedNames: ["aggregator", "other"],
      usernameHeaders: ["X-User"],
      groupHeaders: ["X-Group"],
      extraHeadersPrefix: ["X-Extra-"],
    });
    assert.deepEqual(o.proxyClient, { certFile: "/etc/proxy.crt", keyFile: "/etc/proxy.key" });
    assert.match(await error(["--proxy-client-cert-file=/etc/proxy.crt"]), /--proxy-client-cert-file and --proxy-client-key-file must be given together/);
  });

  it("defaults as upstream, plus --data-dir", async () => {
    const o = await options([]);
    assert.equal(o.dataDir, resolve(".kube-apiserver"));
    assert.equal(o.serving.certDir, resolve(".kube-apiserver", "pki"));
    assert.equal(o.serving.securePort, 6443);
    assert.equal(o.serving.bindAddress, "0.0.0.0");
    assert.deepEqual(o.etcd, { servers: [], prefix: "/registry", compactionIntervalMs: 300_000, watchCache: true });
    assert.deepEqual(o.limits, { maxRequestsInFlight: 400, maxMutatingRequestsInFlight: 200, requestTimeoutMs: 60_000 });
    assert.equal(o.shutdownDelayMs, 0);
    assert.equal(o.authentication.anonymous, true);
    assert.deepEqual(o.authorization.modes, ["AlwaysAllow"]);
    assert.deepEqual(o.services.nodePortRange, { base: 30000, size: 2768 });
    assert.equal(o.verbosity, 0);
    assert.equal(o.given.size, 0);
  });

  it("reads values in pflag's forms: --flag value, --flag=value, repeated and comma-separated lists, Go durations", async () => {
    const o = await options([
      "--secure-port=7443",
      "--etcd-servers",
      "http://127.0.0.1:2379,http://127.0.0.1:2380",
      "--etcd-servers=http://127.0.0.1:2381",
      "--request-timeout",
      "1m30s",
      "--etcd-compaction-interval=0",
      "--shutdown-delay-duration=250ms",
      "--watch-cache=false",
      "--anonymous-auth=f",
      "-v=4",
      "--service-node-port-range=20000+100",
    ]);
    assert.equal(o.serving.securePort, 7443);
    assert.deepEqual(o.etcd.servers, ["http://127.0.0.1:2379", "http://127.0.0.1:2380", "http://127.0.0.1:2381"]);
    assert.equal(o.limits.requestTimeoutMs, 90_000);
    assert.equal(o.etcd.compactionIntervalMs, 0);
    assert.equal(o.shutdownDelayMs, 250);
    assert.equal(o.etcd.watchCache, false);
    assert.equal(o.authentication.anonymous, false);
    assert.equal(o.verbosity, 4);
    assert.deepEqual(o.services.nodePortRange, { base: 20000, size: 100 });
    assert.ok(o.given.has("secure-port") && o.given.has("v") && !o.given.has("bind-address"));
  });

  it("names the flag of every problem, all at once", async () => {
    assert.equal(await error(["--nope"]), "unknown flag: --nope");
    assert.equal(await error(["--no-watch-cache"]), "unknown flag: --no-watch-cache");
    assert.equal(await error(["--secure-port"]), "flag needs an argument: --secure-port");
    assert.equal(await error(["extra"]), 'kube-apiserver does not take any arguments, got ["extra"]');
    const message = await error(["--secure-port=70000", "--max-requests-inflight=-1", "--request-timeout=soon", "--authorization-mode=RBAC,RBAC"]);
    assert.deepEqual(message.split("\n"), [
      'invalid argument "soon" for "--request-timeout" flag: time: invalid duration "soon"',
      'authorization-mode "RBAC" has mode specified more than once',
      "--secure-port 70000 must be between 1 and 65535, inclusive. It cannot be turned off with 0",
      "--max-requests-inflight can not be negative value",
    ]);
  });

  it("checks the values of list and network flags", async () => {
    assert.match(await error(["--authorization-mode=ABAC"]), /ABAC's authorization policy file not passed/);
    assert.match(await error(["--enable-admission-plugins=NamespaceLifecycle", "--disable-admission-plugins=NamespaceLifecycle"]), /NamespaceLifecycle in enable-admission-plugins and disable-admission-plugins overlapped/);
    assert.match(await error(["--service-cluster-ip-range=10.0.0.0/8,10.1.0.0/16"]), /different IP families/);
    assert.match(await error(["--service-cluster-ip-range=10.0.0.0"]), /is not a valid CIDR/);
    assert.equal(
      await error(["--service-cluster-ip-range=10.0.0.0/8"]),
      "specified --service-cluster-ip-range is too large; for 32-bit addresses, the mask must be >= 12",
    );
    assert.match(await error(["--service-cluster-ip-range=10.0.0.0/24,fd00::/64"]), /for 128-bit addresses, the mask must be >= 108/);
    assert.match(await error(["--service-node-port-range=32767-30000"]), /for "--service-node-port-range" flag/);
    assert.match(await error(["--etcd-servers=127.0.0.1:2379"]), /--etcd-servers "127.0.0.1:2379" is not a URL/);
    assert.match(await error(["--tls-cert-file=a.crt"]), /--tls-cert-file and --tls-private-key-file must be given together/);
    assert.match(await error(["-v=x"]), /invalid argument "x" for "-v" flag/);
  });

  it("service account flags: a default issuer (upstream requires one), repeatable issuers and key files", async () => {
    const defaults = await options([]);
    assert.deepEqual(defaults.serviceAccounts, {
      issuers: ["https://kubernetes.default.svc.cluster.local"],
      keyFiles: [],
      maxExpirationMs: 0,
      extendExpiration: true,
    });
    assert.deepEqual(defaults.authentication.apiAudiences, []);

    const o = await options([
      "--service-account-issuer=https://new.example.com",
      "--service-account-issuer",
      "https://old.example.com,with-comma",
      "--service-account-key-file=a.pub",
      "--service-account-key-file=b.pem",
      "--service-account-signing-key-file=sa.key",
      "--api-audiences=api,vault",
      "--service-account-max-token-expiration=24h",
      "--service-account-extend-token-expiration=false",
      "--service-account-jwks-uri=https://keys.example.com/jwks",
    ]);
    // A stringArray flag keeps each value whole, commas and all, as pflag's StringArray.
    assert.deepEqual(o.serviceAccounts.issuers, ["https://new.example.com", "https://old.example.com,with-comma"]);
    assert.deepEqual(o.serviceAccounts.keyFiles, [resolve("a.pub"), resolve("b.pem")]);
    assert.equal(o.serviceAccounts.signingKeyFile, resolve("sa.key"));
    assert.deepEqual(o.authentication.apiAudiences, ["api", "vault"]);
    assert.equal(o.serviceAccounts.maxExpirationMs, 86_400_000);
    assert.equal(o.serviceAccounts.extendExpiration, false);
    assert.equal(o.serviceAccounts.jwksURI, "https://keys.example.com/jwks");
  });

  it("checks the service account flags with upstream's messages", async () => {
    const message = await error([
      "--service-account-issuer=https://a.example.com",
      "--service-account-issuer=https://a.example.com",
      "--service-account-issuer=",
      "--service-account-jwks-uri=http://keys.example.com/jwks",
      "--service-account-max-token-expiration=30m",
    ]);
    assert.deepEqual(message.split("\n"), [
      'service-account-issuer "https://a.example.com" is already specified',
      "service-account-issuer should not be an empty string",
      "service-account-jwks-uri requires https scheme, parsed as: http://keys.example.com/jwks",
      "the service-account-max-token-expiration must be between 1 hour and 2^32 seconds",
    ]);
    assert.equal(
      await error(["--service-account-key-file=a.pub"]),
      "--service-account-signing-key-file, --service-account-issuer, and --api-audiences should be specified together",
    );
  });

  it("--help and --version", async () => {
    const help = await parseCommandLine(["--help"]);
    assert.equal(help.action, "help");
    assert.match((help as { text: string }).text, /Etcd flags:\n\s+--etcd-compaction-interval/);
    assert.equal((await parseCommandLine(["--version"])).action, "version");
  });
});
