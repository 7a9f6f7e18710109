// The command line: every flag with its group, kind, default and help text,
// in one table. Names, defaults and groups follow upstream's kube-apiserver
// (`kube-apiserver --help`); --data-dir is ours. yargs reads the command
// line and prints --help; options.ts turns the values into typed Options.
//
// Every value flag is read as text and converted by options.ts, so a bad
// value fails with a message naming the flag, as upstream's pflag does.

import { formatGoDurationMs } from "@tskube/apimachinery";

/** The kinds of values, named as upstream's --help names them. */
export type FlagKind = "int" | "bool" | "string" | "strings" | "stringArray" | "duration" | "ip" | "portRange" | "Level";

export interface FlagSpec {
  name: string;
  kind: FlagKind;
  /** What --help shows as the default (upstream's rendering); absent = no default. */
  default?: string | boolean;
  description: string;
}

export interface FlagGroup {
  title: string;
  flags: FlagSpec[];
}

export const DEFAULT_DATA_DIR = "./.kube-apiserver";
/** Ours: upstream has no default and requires --service-account-issuer. */
export const DEFAULT_SERVICE_ACCOUNT_ISSUER = "https://kubernetes.default.svc.cluster.local";

export const FLAG_GROUPS: FlagGroup[] = [
  {
    title: "Generic flags:",
    flags: [
      {
        name: "max-mutating-requests-inflight",
        kind: "int",
        default: "200",
        description: "Most mutating requests served at once; more get 429 Too Many Requests. 0 means no limit.",
      },
      {
        name: "max-requests-inflight",
        kind: "int",
        default: "400",
        description: "Most read-only requests served at once; more get 429 Too Many Requests. 0 means no limit.",
      },
      {
        name: "request-timeout",
        kind: "duration",
        default: formatGoDurationMs(60_000),
        description: "Longest a request may take before the server answers 504 Timeout. Watches are not limited by it; a request's ?timeout= can shorten it.",
      },
      {
        name: "shutdown-delay-duration",
        kind: "duration",
        default: formatGoDurationMs(0),
        description: "On SIGTERM, keep serving this long while /readyz reports not ready, so load balancers can stop sending traffic first.",
      },
    ],
  },
  {
    title: "Etcd flags:",
    flags: [
      {
        name: "etcd-compaction-interval",
        kind: "duration",
        default: formatGoDurationMs(5 * 60_000),
        description: "How often old revisions are compacted away (at least one interval of history is kept). 0 turns compaction off.",
      },
      {
        name: "etcd-prefix",
        kind: "string",
        default: "/registry",
        description: "Prefix of every key the server stores.",
      },
      {
        name: "etcd-servers",
        kind: "strings",
        description: "etcd client URLs (scheme://ip:port), comma-separated. Without it, objects are kept in the embedded store in --data-dir.",
      },
      {
        name: "watch-cache",
        kind: "bool",
        default: true,
        description: "Serve watches and most lists from a cache in memory, one per resource.",
      },
    ],
  },
  {
    title: "Secure serving flags:",
    flags: [
      {
        name: "bind-address",
        kind: "ip",
        default: "0.0.0.0",
        description: "Address to listen on for HTTPS; 0.0.0.0 (or ::) for every interface.",
      },
      {
        name: "cert-dir",
        kind: "string",
        description:
          "Directory of the generated TLS files (CA, serving and admin certificates); default <data-dir>/pki. Not used for serving when --tls-cert-file and --tls-private-key-file are given.",
      },
      {
        name: "secure-port",
        kind: "int",
        default: "6443",
        description: "Port to serve HTTPS on, 1 to 65535.",
      },
      {
        name: "tls-cert-file",
        kind: "string",
        description: "PEM serving certificate (followed by any intermediates). Without it, one signed by the generated CA is made in --cert-dir.",
      },
      {
        name: "tls-private-key-file",
        kind: "string",
        description: "PEM private key of --tls-cert-file.",
      },
    ],
  },
  {
    title: "Authentication flags:",
    flags: [
      {
        name: "anonymous-auth",
        kind: "bool",
        default: true,
        description:
          "Let requests without credentials in as system:anonymous (group system:unauthenticated), subject to authorization. Turned off, with a warning, when --authorization-mode includes AlwaysAllow, as upstream does.",
      },
      {
        name: "api-audiences",
        kind: "strings",
        description:
          "Who this API is (comma-separated): a ServiceAccount token is accepted only if it is for one of these audiences, and tokens asked for without audiences get them. Default: the --service-account-issuer values.",
      },
      {
        name: "client-ca-file",
        kind: "string",
        description:
          "PEM bundle of the CAs that sign client certificates; a client certificate's CN is the user name and its O fields the groups. Default: the generated CA.",
      },
      {
        name: "requestheader-allowed-names",
        kind: "strings",
        description:
          "Common names a front-proxy client certificate may have to be believed in the --requestheader-username-headers; empty: any certificate the --requestheader-client-ca-file CA signed. Default with the generated front-proxy CA: front-proxy-client.",
      },
      {
        name: "requestheader-client-ca-file",
        kind: "string",
        description:
          "PEM bundle of the CAs that sign front-proxy client certificates (the aggregator's --proxy-client-cert-file); requests with one may name their user in headers. Default: a front-proxy CA generated in --cert-dir.",
      },
      {
        name: "requestheader-extra-headers-prefix",
        kind: "strings",
        description: "Header prefixes whose headers carry the user's extra information. Default X-Remote-Extra- (upstream suggests it; kubeadm sets it).",
      },
      {
        name: "requestheader-group-headers",
        kind: "strings",
        description: "Headers that carry the user's groups. Default X-Remote-Group (upstream suggests it; kubeadm sets it).",
      },
      {
        name: "requestheader-username-headers",
        kind: "strings",
        description: "Headers that carry the user name, the first non-empty one wins. Default X-Remote-User (upstream suggests it; kubeadm sets it).",
      },
      {
        name: "service-account-extend-token-expiration",
        kind: "bool",
        default: true,
        description:
          "Keep the token a pod's projected volume asks for (3607 seconds) valid for a year, only warning after the hour, so workloads that do not reload their token keep working.",
      },
      {
        name: "service-account-issuer",
        kind: "stringArray",
        default: DEFAULT_SERVICE_ACCOUNT_ISSUER,
        description:
          "Issuer (iss claim) of ServiceAccount tokens; repeat the flag to also accept tokens of earlier issuers (the first one issues). An https URL also turns on the OpenID discovery documents. Upstream requires this flag; here it has a default.",
      },
      {
        name: "service-account-jwks-uri",
        kind: "string",
        description: "The jwks_uri of /.well-known/openid-configuration (an https URL). Default: https://<the server's address>/openid/v1/jwks.",
      },
      {
        name: "service-account-key-file",
        kind: "stringArray",
        description:
          "PEM file of keys that verify ServiceAccount tokens: RSA or ECDSA public or private keys, or certificates; repeatable. Default: the public half of --service-account-signing-key-file.",
      },
      {
        name: "service-account-max-token-expiration",
        kind: "duration",
        default: formatGoDurationMs(0),
        description: "Longest lifetime a requested ServiceAccount token gets; longer requests are shortened, with a warning. 0: no limit. At least 1h.",
      },
      {
        name: "token-auth-file",
        kind: "string",
        description:
          "CSV file of bearer tokens: token,user,uid,\"group1,group2\" per line. Read again whenever it changes (upstream reads it only at start).",
      },
    ],
  },
  {
    title: "Authorization flags:",
    flags: [
      {
        name: "authorization-mode",
        kind: "strings",
        default: "AlwaysAllow",
        description:
          "Ordered authorizers, comma-separated: AlwaysAllow, AlwaysDeny, ABAC, Webhook, RBAC, Node. AlwaysAllow, AlwaysDeny and RBAC are implemented; Node, ABAC and Webhook allow nothing. Members of system:masters are always allowed.",
      },
    ],
  },
  {
    title: "Admission flags:",
    flags: [
      {
        name: "disable-admission-plugins",
        kind: "strings",
        description: "Admission plugins to turn off even though they are on by default, comma-separated. (Of upstream's plugins, NamespaceLifecycle and ServiceAccount are implemented.)",
      },
      {
        name: "enable-admission-plugins",
        kind: "strings",
        description: "Admission plugins to turn on besides the default ones, comma-separated. (Of upstream's plugins, NamespaceLifecycle and ServiceAccount are implemented.)",
      },
    ],
  },
  {
    title: "Logs flags:",
    flags: [
      {
        name: "v",
        kind: "Level",
        default: "0",
        description: "Log verbosity: higher numbers log more.",
      },
    ],
  },
  {
    title: "Misc flags:",
    flags: [
      {
        name: "proxy-client-cert-file",
        kind: "string",
        description:
          "PEM client certificate the aggregator presents to aggregated API servers; they believe the X-Remote-* headers only with it. Default: CN=front-proxy-client, signed by the generated front-proxy CA in --cert-dir.",
      },
      {
        name: "proxy-client-key-file",
        kind: "string",
        description: "PEM private key of --proxy-client-cert-file.",
      },
      {
        name: "service-cluster-ip-range",
        kind: "string",
        default: "10.0.0.0/24",
        description: "CIDR (or two, one per IP family) that Service cluster IPs are allocated from.",
      },
      {
        name: "service-account-signing-key-file",
        kind: "string",
        description:
          "PEM private key (RSA or ECDSA) that signs ServiceAccount tokens. Default: an RSA key generated in --cert-dir (sa.key, with sa.pub) on the first start and reused after.",
      },
      {
        name: "service-node-port-range",
        kind: "portRange",
        default: "30000-32767",
        description: "Ports reserved for NodePort Services, e.g. 30000-32767 (both ends included).",
      },
    ],
  },
  {
    title: "tskube flags:",
    flags: [
      {
        name: "data-dir",
        kind: "string",
        default: DEFAULT_DATA_DIR,
        description: "Directory of the embedded store (unless --etcd-servers is given) and of the generated credentials and admin.kubeconfig.",
      },
    ],
  },
  {
    title: "Global flags:",
    flags: [
      { name: "help", kind: "bool", description: "Show this help and exit." },
      { name: "version", kind: "bool", description: "Print the version and exit." },
    ],
  },
];

export const ALL_FLAGS: readonly FlagSpec[] = FLAG_GROUPS.flatMap((group) => group.flags);

export function flagSpec(name: string): FlagSpec | undefined {
  return ALL_FLAGS.find((flag) => flag.name === name);
}
