// The admission plugins upstream's kube-apiserver knows (1.32), in the
// order it runs them, and the ones it enables by default. The flags are
// validated against this list so that a command line written for upstream is
// accepted or rejected the same way; of the plugins enabled, those the
// kube-apiserver package implements run (ADMISSION_PLUGIN_NAMES there).

export const ADMISSION_PLUGINS = [
  "AlwaysAdmit",
  "NamespaceAutoProvision",
  "NamespaceLifecycle",
  "NamespaceExists",
  "LimitPodHardAntiAffinityTopology",
  "LimitRanger",
  "ServiceAccount",
  "NodeRestriction",
  "TaintNodesByCondition",
  "AlwaysPullImages",
  "ImagePolicyWebhook",
  "PodSecurity",
  "PodNodeSelector",
  "Priority",
  "DefaultTolerationSeconds",
  "PodTolerationRestriction",
  "EventRateLimit",
  "ExtendedResourceToleration",
  "DefaultStorageClass",
  "StorageObjectInUseProtection",
  "OwnerReferencesPermissionEnforcement",
  "PersistentVolumeClaimResize",
  "RuntimeClass",
  "CertificateApproval",
  "CertificateSigning",
  "ClusterTrustBundleAttest",
  "CertificateSubjectRestriction",
  "DefaultIngressClass",
  "DenyServiceExternalIPs",
  "MutatingAdmissionPolicy",
  "MutatingAdmissionWebhook",
  "ValidatingAdmissionPolicy",
  "ValidatingAdmissionWebhook",
  "ResourceQuota",
  "AlwaysDeny",
] as const;

/** Enabled unless --disable-admission-plugins names them. */
export const DEFAULT_ENABLED_ADMISSION_PLUGINS: readonly string[] = [
  "NamespaceLifecycle",
  "LimitRanger",
  "ServiceAccount",
  "TaintNodesByCondition",
  "PodSecurity",
  "Priority",
  "DefaultTolerationSeconds",
  "DefaultStorageClass",
  "StorageObjectInUseProtection",
  "PersistentVolumeClaimResize",
  "RuntimeClass",
  "CertificateApproval",
  "CertificateSigning",
  "ClusterTrustBundleAttest",
  "CertificateSubjectRestriction",
  "DefaultIngressClass",
  "MutatingAdmissionWebhook",
  "ValidatingAdmissionPolicy",
  "ValidatingAdmissionWebhook",
  "ResourceQuota",
];

/** The plugins that would run, in upstream's order: the defaults plus --enable, minus --disable. */
export function enabledAdmissionPlugins(enable: readonly string[], disable: readonly string[]): string[] {
  const on = new Set([...DEFAULT_ENABLED_ADMISSION_PLUGINS, ...enable]);
  for (const name of disable) on.delete(name);
  return ADMISSION_PLUGINS.filter((name) => on.has(name));
}
