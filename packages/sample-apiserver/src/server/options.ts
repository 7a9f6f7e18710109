// The sample-apiserver's command line (upstream: the sample's
// WardleServerOptions and the generic secure-serving and delegated
// authentication options, with their names and defaults where they exist
// here). --data-dir is ours: the embedded store.

import { resolve } from "node:path";
import { parseArgs } from "node:util";

export interface SampleOptions {
  bindAddress: string;
  securePort: number;
  /** Absolute path; default <data-dir>/pki. */
  certDir: string;
  tlsCertFile?: string;
  tlsPrivateKeyFile?: string;
  /** Where to read kube-system/extension-apiserver-authentication from (--authentication-kubeconfig, else --kubeconfig). */
  kubeconfig?: string;
  /** Where to send SubjectAccessReviews (--authorization-kubeconfig, else --kubeconfig, else --authentication-kubeconfig). */
  authorizationKubeconfig?: string;
  dataDir: string;
  verbosity: number;
}

export const USAGE = `sample-apiserver [flags]

An aggregated API server for wardle.example.com/v1alpha1 (flunders, fischers),
built on @tskube/generic-apiserver. It learns how to authenticate the
aggregator from kube-system/extension-apiserver-authentication, read through
--authentication-kubeconfig (or --kubeconfig), and asks the kube-apiserver
whether each request may be done with a SubjectAccessReview, sent through
--authorization-kubeconfig (or --kubeconfig).

Flags:
  --bind-address string               address to listen on (default "0.0.0.0")
  --secure-port int                   port to serve HTTPS on (default 443)
  --tls-cert-file string              PEM serving certificate; without it one is generated in --cert-dir
  --tls-private-key-file string       PEM key of --tls-cert-file
  --cert-dir string                   where the generated CA and serving certificate are kept (default <data-dir>/pki)
  --kubeconfig string                 kubeconfig of the cluster's kube-apiserver
  --authentication-kubeconfig string  kubeconfig to read the authentication ConfigMap with (default: --kubeconfig)
  --authorization-kubeconfig string   kubeconfig to create SubjectAccessReviews with (default: --kubeconfig)
  --data-dir string                   directory of the embedded store (default "./.sample-apiserver")
  -v, --v int                         log level; 2 logs who each request is from (default 0)
  -h, --help                          show this help`;

export class SampleFlagError extends Error {}

export function parseSampleOptions(args: string[]): SampleOptions | "help" {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        "bind-address": { type: "string" },
        "secure-port": { type: "string" },
        "tls-cert-file": { type: "string" },
        "tls-private-key-file": { type: "string" },
        "cert-dir": { type: "string" },
        kubeconfig: { type: "string" },
        "authentication-kubeconfig": { type: "string" },
        "authorization-kubeconfig": { type: "string" },
        "data-dir": { type: "string" },
        v: { type: "string", short: "v" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (err) {
    throw new SampleFlagError((err as Error).message);
  }
  if (values.help) return "help";
  const int = (name: string, text: string | undefined, fallback: number): number => {
    if (text === undefined) return fallback;
    if (!/^\d+$/.test(text)) throw new SampleFlagError(`invalid argument ${JSON.stringify(text)} for "--${name}" flag: not a number`);
    return Number(text);
  };
  const dataDir = resolve(values["data-dir"] ?? "./.sample-apiserver");
  const options: SampleOptions = {
    bindAddress: values["bind-address"] ?? "0.0.0.0",
    securePort: int("secure-port", values["secure-port"], 443),
    certDir: resolve(values["cert-dir"] ?? resolve(dataDir, "pki")),
    dataDir,
    verbosity: int("v", values.v, 0),
  };
  if (options.securePort < 1 || options.securePort > 65535) throw new SampleFlagError(`--secure-port ${options.securePort} must be between 1 and 65535, inclusive`);
  if ((values["tls-cert-file"] === undefined) !== (values["tls-private-key-file"] === undefined)) {
    throw new SampleFlagError("--tls-cert-file and --tls-private-key-file must be given together");
  }
  if (values["tls-cert-file"] !== undefined) options.tlsCertFile = resolve(values["tls-cert-file"]);
  if (values["tls-private-key-file"] !== undefined) options.tlsPrivateKeyFile = resolve(values["tls-private-key-file"]);
  const kubeconfig = values["authentication-kubeconfig"] ?? values.kubeconfig;
  if (kubeconfig !== undefined) options.kubeconfig = resolve(kubeconfig);
  const authorizationKubeconfig = values["authorization-kubeconfig"] ?? values.kubeconfig ?? values["authentication-kubeconfig"];
  if (authorizationKubeconfig !== undefined) options.authorizationKubeconfig = resolve(authorizationKubeconfig);
  return options;
}
