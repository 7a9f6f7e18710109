// How StatefulSets are written (upstream: pkg/registry/apps/statefulset/strategy.go):
// names are DNS labels (pod names and host names are made from them); a new
// StatefulSet starts with an empty status and generation 1; generation goes
// up when the spec changes (the generic registry does that); only some spec
// fields may change (validation.ts); /status writes only the status.
//
// rollingUpdate.maxUnavailable belongs to the MaxUnavailableStatefulSet
// feature, off by default in v1.32: as upstream, it is dropped unless the
// stored object already uses it.

import { nameIsDNSLabel } from "@tskube/apimachinery";
import type { Strategy } from "@tskube/generic-apiserver";
import { applyStatefulSetDefaults } from "./defaults.js";
import type { StatefulSet } from "./schema.js";
import { validateStatefulSet, validateStatefulSetStatusUpdate, validateStatefulSetUpdate } from "./validation.js";

function dropMaxUnavailable(sts: StatefulSet, old: StatefulSet | undefined): void {
  const spec = sts.spec;
  const rollingUpdate = spec?.updateStrategy?.rollingUpdate;
  if (!spec?.updateStrategy || rollingUpdate?.maxUnavailable === undefined) return;
  if (old?.spec?.updateStrategy?.rollingUpdate?.maxUnavailable !== undefined) return;
  const { maxUnavailable: _dropped, ...rest } = rollingUpdate;
  // A new object rather than a change in place: parts of it may be shared with the stored one.
  sts.spec = { ...spec, updateStrategy: { ...spec.updateStrategy, rollingUpdate: rest } };
}

function revisionHistoryWarnings(sts: StatefulSet): string[] {
  const limit = sts.spec?.revisionHistoryLimit;
  return limit !== undefined && limit < 0 ? ["spec.revisionHistoryLimit: a negative value retains all historical revisions; a value >= 0 is recommended"] : [];
}

export const statefulSetStrategy: Strategy<StatefulSet> = {
  validateName: nameIsDNSLabel,
  applyDefaults: applyStatefulSetDefaults,
  prepareForCreate(sts) {
    sts.status = { replicas: 0, availableReplicas: 0 };
    dropMaxUnavailable(sts, undefined);
  },
  prepareForUpdate(sts, old) {
    dropMaxUnavailable(sts, old);
  },
  validate: validateStatefulSet,
  validateUpdate: validateStatefulSetUpdate,
  validateStatusUpdate: validateStatefulSetStatusUpdate,
  warningsOnCreate: revisionHistoryWarnings,
  warningsOnUpdate: revisionHistoryWarnings,
};
