// The events.k8s.io group, version v1 (upstream: pkg/registry/events/rest).
//
// One resource, events, which is core/v1's events in another shape.
// Upstream keeps both in /registry/events in core/v1's form and converts
// each request's objects to and from it (its storage codec), so that an
// event created through either API can be read, listed and watched through
// the other, with the same resourceVersion. Here the same holds by
// construction: the events.k8s.io registry store is built on the very
// Storage (Store and watch cache) of core's events, seen through
// convertedStorage, which converts every object going in or out
// (./event/conversion.ts). Each version keeps its own definition: schema,
// validation (events.k8s.io's is stricter), field selectors and table.
// Both stores give events the same one-hour TTL.

import type { APIGroupInfo, ResourceStorage } from "@tskube/generic-apiserver";
import { convertedStorage } from "../../../registry/converted-storage.js";
import { registryStoreFor } from "../../../registry/registry-store.js";
import type { StorageFactory } from "../../../registry/storage-factory.js";
import { EVENT_TTL_SECONDS, eventDefinition as coreEventDefinition } from "../../core/v1/event/definition.js";
import type { Event as CoreEvent } from "../../core/v1/event/schema.js";
import { eventStorageConversion } from "./event/conversion.js";
import { eventDefinition } from "./event/definition.js";
import type { Event } from "./event/schema.js";

/** The registry store of events.k8s.io/v1 events, on core/v1 events' storage. */
export function eventsV1Store(storage: StorageFactory): ResourceStorage<Event> {
  // The same storage core/v1's events store asks the factory for.
  const coreEvents = storage.storageFor<CoreEvent>(`/${coreEventDefinition.resource}`);
  return registryStoreFor(eventDefinition, storage, {
    ttlSeconds: EVENT_TTL_SECONDS,
    storage: convertedStorage(coreEvents, eventStorageConversion),
  });
}

export function eventsAPIGroupInfo(storage: StorageFactory): APIGroupInfo {
  return { name: "events.k8s.io", versions: [{ version: "v1", resources: [eventsV1Store(storage)] }] };
}
