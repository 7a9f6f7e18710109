// The core API group (""), version v1, served under /api/v1 (upstream:
// pkg/registry/core/rest/storage_core.go). Each kind lives in its own
// folder (schema, defaults, validation, strategy, table, definition); adding
// one is adding its definition to the list below.

import type { KubeObject } from "@tskube/apimachinery";
import type { APIGroupInfo, ResourceDefinition, ResourceStorage } from "@tskube/generic-apiserver";
import { registryStoreFor } from "../../../registry/registry-store.js";
import type { StorageFactory } from "../../../registry/storage-factory.js";
import { configMapDefinition } from "./configmap/definition.js";
import { endpointsDefinition } from "./endpoints/definition.js";
import { EVENT_TTL_SECONDS, eventDefinition } from "./event/definition.js";
import { limitRangeDefinition } from "./limitrange/definition.js";
import { namespaceDefinition } from "./namespace/definition.js";
import { nodeDefinition } from "./node/definition.js";
import { persistentVolumeDefinition } from "./persistentvolume/definition.js";
import { persistentVolumeClaimDefinition } from "./persistentvolumeclaim/definition.js";
import { namespaceStorage } from "./namespace/storage.js";
import { podDefinition } from "./pod/definition.js";
import { replicationControllerDefinition } from "./replicationcontroller/definition.js";
import { resourceQuotaDefinition } from "./resourcequota/definition.js";
import { secretDefinition } from "./secret/definition.js";
import { type ServiceAllocators, withServiceAllocation } from "./service/allocation/index.js";
import { serviceDefinition } from "./service/definition.js";
import { serviceAccountDefinition, serviceAccountDefinitionWithoutTokens } from "./serviceaccount/definition.js";
import { type TokenRequestOptions, serviceAccountTokenStorage } from "./serviceaccount/token.js";

/** The resources of core/v1, in the order discovery lists them. */
export const coreV1Definitions: readonly ResourceDefinition<KubeObject>[] = [
  configMapDefinition,
  endpointsDefinition,
  eventDefinition,
  limitRangeDefinition,
  namespaceDefinition,
  nodeDefinition,
  persistentVolumeClaimDefinition,
  persistentVolumeDefinition,
  podDefinition,
  replicationControllerDefinition,
  resourceQuotaDefinition,
  secretDefinition,
  serviceDefinition,
  serviceAccountDefinition,
];

/** Resources whose objects expire: events after an hour (upstream's default --event-ttl). */
const TTL_SECONDS: Readonly<Record<string, number>> = { events: EVENT_TTL_SECONDS };

export interface CoreAPIGroupOptions {
  /** Where Services get their cluster IPs and node ports (see service/allocation). */
  serviceAllocators: ServiceAllocators;
  /** ServiceAccount tokens to issue through `serviceaccounts/<name>/token`; without, the subresource is not served. */
  serviceAccountTokens?: TokenRequestOptions;
}

export function coreAPIGroupInfo(storage: StorageFactory, opts: CoreAPIGroupOptions): APIGroupInfo {
  const resources = coreV1Definitions.map((def): ResourceStorage<KubeObject> => {
    // Services: the registry store wrapped so that writes allocate (service/allocation/service-storage.ts).
    if (def === serviceDefinition) return withServiceAllocation(registryStoreFor(serviceDefinition, storage), opts.serviceAllocators);
    // Namespaces have REST storage of their own (two-step deletion, /finalize).
    if (def === namespaceDefinition) return namespaceStorage(storage);
    if (def === serviceAccountDefinition && opts.serviceAccountTokens === undefined) {
      return registryStoreFor(serviceAccountDefinitionWithoutTokens, storage);
    }
    return registryStoreFor(def, storage, TTL_SECONDS[def.resource] !== undefined ? { ttlSeconds: TTL_SECONDS[def.resource] } : {});
  });
  if (opts.serviceAccountTokens !== undefined) {
    const byResource = (resource: string) => {
      const found = resources.find((r) => r.main.definition.resource === resource);
      if (found === undefined) throw new Error(`core/v1: ${resource} is not served`);
      return found;
    };
    byResource("serviceaccounts").subresources = {
      token: serviceAccountTokenStorage(opts.serviceAccountTokens, {
        serviceAccounts: byResource("serviceaccounts").main,
        pods: byResource("pods").main,
        secrets: byResource("secrets").main,
        nodes: byResource("nodes").main,
      }),
    };
  }
  return { name: "", versions: [{ version: "v1", resources }] };
}
