// The admission plugins this kube-apiserver has, by upstream's names, in the
// order upstream runs them. `--enable-admission-plugins` and
// `--disable-admission-plugins` choose among them (cmd/kube-apiserver).

import type { KubeObject } from "@tskube/apimachinery";
import type { AdmissionPlugin, RESTStorage } from "@tskube/generic-apiserver";
import { NAMESPACE_LIFECYCLE, NamespaceLifecycle } from "./namespace-lifecycle.js";
import { SERVICE_ACCOUNT, ServiceAccountAdmission } from "./service-account.js";

/** Every plugin implemented here, in upstream's order; all are on by default upstream too. */
export const ADMISSION_PLUGIN_NAMES: readonly string[] = [NAMESPACE_LIFECYCLE, SERVICE_ACCOUNT];

/** What the plugins read. */
export interface AdmissionPluginDependencies {
  namespaces: RESTStorage<KubeObject>;
  serviceAccounts: RESTStorage<KubeObject>;
}

/** The plugins named, in upstream's order whatever the order of `names`; an unknown name throws. */
export function admissionPlugins(names: readonly string[], deps: AdmissionPluginDependencies): AdmissionPlugin[] {
  for (const name of names) {
    if (!ADMISSION_PLUGIN_NAMES.includes(name)) throw new Error(`admission plugin ${JSON.stringify(name)} is not implemented`);
  }
  const factories: Record<string, () => AdmissionPlugin> = {
    [NAMESPACE_LIFECYCLE]: () => new NamespaceLifecycle(deps.namespaces),
    [SERVICE_ACCOUNT]: () => new ServiceAccountAdmission(deps.serviceAccounts),
  };
  return ADMISSION_PLUGIN_NAMES.filter((name) => names.includes(name)).map((name) => factories[name]!());
}
