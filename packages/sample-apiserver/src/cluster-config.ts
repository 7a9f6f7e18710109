// The kube-apiserver this server delegates to, as a kubeconfig names it
// (--kubeconfig, --authentication-kubeconfig, --authorization-kubeconfig).

import { KubeConfig } from "@kubernetes/client-node";

/** The client configuration in `kubeconfigPath`; `.makeApiClient(...)` gives an API client over it. */
export function clusterConfig(kubeconfigPath: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  return kc;
}
