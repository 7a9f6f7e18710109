// The priorities of the built-in group/versions' APIServices (upstream: the
// apiVersionPriorities table of kube-apiserver's aggregator.go). They order
// discovery, and so what kubectl picks when two groups have a resource of the
// same name: the higher group priority first; within a group, the higher
// version priority first.

export interface APIServicePriority {
  group: number;
  version: number;
}

/** By `<group>/<version>` ("/v1" for the core group). */
const BUILT_IN_PRIORITIES: ReadonlyMap<string, APIServicePriority> = new Map(
  (
    [
      ["", "v1", 18000, 1],
      ["apiregistration.k8s.io", "v1", 18000, 15],
      ["apps", "v1", 17800, 15],
      ["events.k8s.io", "v1", 17750, 15],
      ["events.k8s.io", "v1beta1", 17750, 5],
      ["authentication.k8s.io", "v1", 17700, 15],
      ["authentication.k8s.io", "v1beta1", 17700, 9],
      ["authentication.k8s.io", "v1alpha1", 17700, 1],
      ["authorization.k8s.io", "v1", 17600, 15],
      ["autoscaling", "v1", 17500, 15],
      ["autoscaling", "v2", 17500, 30],
      ["autoscaling", "v2beta1", 17500, 9],
      ["autoscaling", "v2beta2", 17500, 1],
      ["batch", "v1", 17400, 15],
      ["batch", "v1beta1", 17400, 9],
      ["batch", "v2alpha1", 17400, 9],
      ["certificates.k8s.io", "v1", 17300, 15],
      ["certificates.k8s.io", "v1beta1", 17300, 9],
      ["certificates.k8s.io", "v1alpha1", 17300, 1],
      ["networking.k8s.io", "v1", 17200, 15],
      ["networking.k8s.io", "v1beta1", 17200, 9],
      ["networking.k8s.io", "v1alpha1", 17200, 1],
      ["policy", "v1", 17100, 15],
      ["policy", "v1beta1", 17100, 9],
      ["rbac.authorization.k8s.io", "v1", 17000, 15],
      ["storage.k8s.io", "v1", 16800, 15],
      ["storage.k8s.io", "v1beta1", 16800, 9],
      ["storage.k8s.io", "v1alpha1", 16800, 1],
      ["apiextensions.k8s.io", "v1", 16700, 15],
      ["admissionregistration.k8s.io", "v1", 16700, 15],
      ["admissionregistration.k8s.io", "v1beta1", 16700, 12],
      ["admissionregistration.k8s.io", "v1alpha1", 16700, 9],
      ["scheduling.k8s.io", "v1", 16600, 15],
      ["coordination.k8s.io", "v1", 16500, 15],
      ["coordination.k8s.io", "v1beta1", 16500, 13],
      ["coordination.k8s.io", "v1alpha2", 16500, 12],
      ["node.k8s.io", "v1", 16300, 15],
      ["node.k8s.io", "v1alpha1", 16300, 1],
      ["node.k8s.io", "v1beta1", 16300, 9],
      ["discovery.k8s.io", "v1", 16200, 15],
      ["discovery.k8s.io", "v1beta1", 16200, 12],
      ["flowcontrol.apiserver.k8s.io", "v1", 16100, 21],
      ["flowcontrol.apiserver.k8s.io", "v1beta3", 16100, 18],
      ["flowcontrol.apiserver.k8s.io", "v1beta2", 16100, 15],
      ["flowcontrol.apiserver.k8s.io", "v1beta1", 16100, 12],
      ["flowcontrol.apiserver.k8s.io", "v1alpha1", 16100, 9],
      ["internal.apiserver.k8s.io", "v1alpha1", 16000, 9],
      ["resource.k8s.io", "v1beta1", 15900, 15],
      ["resource.k8s.io", "v1alpha3", 15900, 9],
      ["storagemigration.k8s.io", "v1alpha1", 15800, 9],
    ] as const
  ).map(([group, version, groupPriority, versionPriority]) => [`${group}/${version}`, { group: groupPriority, version: versionPriority }]),
);

/**
 * What upstream gives the APIServices of CustomResourceDefinitions (its
 * crdregistration controller), and what we give every group/version of the
 * delegates that is not built in.
 */
export const CUSTOM_RESOURCE_PRIORITY: APIServicePriority = { group: 1000, version: 100 };

/** The built-in priority of a group/version, if it is one. */
export function builtInPriority(group: string, version: string): APIServicePriority | undefined {
  return BUILT_IN_PRIORITIES.get(`${group}/${version}`);
}

/**
 * In discovery, apiregistration.k8s.io comes before every other group,
 * whatever the APIServices say (upstream: one more than the highest priority allowed).
 */
export const APIREGISTRATION_GROUP_PRIORITY = 20001;
