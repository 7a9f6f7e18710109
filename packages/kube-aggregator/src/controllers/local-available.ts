// Local APIServices (no service: served by the chain behind the aggregator)
// are always available (upstream: the local availability controller).

import type { Logger, RequestScope, ResourceStorage } from "@tskube/generic-apiserver";
import { WorkQueue } from "@tskube/generic-apiserver";
import { isNotFound } from "@tskube/apimachinery";
import { hasAPIServiceCondition, withAPIServiceCondition } from "../apis/apiregistration/v1/apiservice/conditions.js";
import { CONDITION_AVAILABLE, type APIService } from "../apis/apiregistration/v1/apiservice/schema.js";
import type { Informer } from "@tskube/generic-apiserver";

export const LOCAL_AVAILABLE = {
  type: CONDITION_AVAILABLE,
  status: "True",
  reason: "Local",
  message: "Local APIServices are always available",
};

const scope: RequestScope = { namespace: "", dryRun: false, warnings: [] };

export async function runLocalAvailabilityController(
  apiServices: ResourceStorage<APIService>,
  informer: Informer<APIService>,
  signal: AbortSignal,
  logger?: Logger,
): Promise<void> {
  const queue = new WorkQueue({ name: "local-availability", ...(logger ? { logger } : {}) });
  const enqueue = (a: APIService) => {
    if (a.spec?.service === undefined) queue.add(a.metadata.name ?? "");
  };
  informer.addHandlers({ added: enqueue, updated: (_, a) => enqueue(a) });
  if (!(await informer.waitForSync(signal))) return;
  for (const a of informer.list()) enqueue(a);
  void queue.run(async (name) => {
    const current = informer.get(name);
    if (current === undefined || current.spec?.service !== undefined || hasAPIServiceCondition(current, LOCAL_AVAILABLE)) return;
    try {
      await apiServices.status!.update(scope, name, {
        updatedObject: (stored) => ({ ...(stored ?? current), status: withAPIServiceCondition(stored ?? current, LOCAL_AVAILABLE) }),
      });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }, signal);
}
