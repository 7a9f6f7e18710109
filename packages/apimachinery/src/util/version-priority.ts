// The order Kubernetes gives API versions (upstream: apimachinery's
// version.CompareKubeAwareVersionStrings): GA before beta before alpha,
// higher numbers first (v2 before v1, v1beta2 before v1beta1), and versions
// that do not look like Kubernetes versions last, alphabetically. Discovery
// lists a group's versions in this order; the first is the preferred one.

const KUBE_VERSION = /^v(\d+)(?:(alpha|beta)(\d+))?$/;
const STABILITY: Record<string, number> = { alpha: 0, beta: 1, "": 2 };

/** Negative when `a` comes first, positive when `b` does, 0 when equal. */
export function compareKubeAwareVersions(a: string, b: string): number {
  const ma = KUBE_VERSION.exec(a);
  const mb = KUBE_VERSION.exec(b);
  if (ma === null && mb === null) return a < b ? -1 : a > b ? 1 : 0;
  if (ma === null) return 1;
  if (mb === null) return -1;
  const stability = (STABILITY[ma[2] ?? ""] ?? 0) - (STABILITY[mb[2] ?? ""] ?? 0);
  if (stability !== 0) return -stability;
  const major = Number(ma[1]) - Number(mb[1]);
  if (major !== 0) return -major;
  return -(Number(ma[3] ?? 0) - Number(mb[3] ?? 0));
}
