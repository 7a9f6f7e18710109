// Ordering API versions the Kubernetes way (upstream: apimachinery's
// version.CompareKubeAwareVersionStrings): GA before beta before alpha, a
// higher major number first, then a higher minor number (v2 > v1 > v1beta2 >
// v1beta1 > v1alpha1); strings that are not Kubernetes versions come after
// every one that is, in alphabetical order. Discovery lists a group's
// versions in this order when nothing else decides (CRDs, APIServices of
// equal priority).

interface KubeVersion {
  major: number;
  /** 0 = GA, 1 = beta, 2 = alpha: lower sorts first. */
  stability: number;
  minor: number;
}

const KUBE_VERSION = /^v(\d+)(?:(alpha|beta)(\d+))?$/;

function parseKubeVersion(v: string): KubeVersion | undefined {
  const m = KUBE_VERSION.exec(v);
  if (!m) return undefined;
  const stability = m[2] === undefined ? 0 : m[2] === "beta" ? 1 : 2;
  return { major: Number(m[1]), stability, minor: m[3] === undefined ? 0 : Number(m[3]) };
}

/** Negative when `a` comes first (is the more preferred version), positive when `b` does. */
export function compareKubeAwareVersions(a: string, b: string): number {
  const x = parseKubeVersion(a);
  const y = parseKubeVersion(b);
  if (x && y) {
    if (x.stability !== y.stability) return x.stability - y.stability;
    if (x.major !== y.major) return y.major - x.major;
    return y.minor - x.minor;
  }
  if (x) return -1;
  if (y) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
