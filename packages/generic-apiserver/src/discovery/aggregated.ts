// Aggregated discovery (apidiscovery.k8s.io/v2, and v2beta1 for older
// clients): every group, version and resource in one document, so a client
// needs two requests (/api and /apis) instead of one per group-version.

import type { MediaRange } from "./accept.js";
import { parseAccept, rangeMatches } from "./accept.js";
import type { AggregatedDiscoveryVersion, APIGroupDiscovery, APIGroupDiscoveryList, DiscoveryGroup } from "./types.js";

export const DISCOVERY_GROUP = "apidiscovery.k8s.io";
export const DISCOVERY_LIST_KIND = "APIGroupDiscoveryList";

/**
 * The Accept header client-go sends for discovery (aggregated v2, then
 * v2beta1, then plain JSON); also what an aggregator sends to the servers it
 * fetches discovery from.
 */
export const DISCOVERY_ACCEPT = [
  "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList",
  "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList",
  "application/json",
].join(",");

/** Preferred first: what we pick when a client accepts both. */
const SERVED_VERSIONS: readonly AggregatedDiscoveryVersion[] = ["v2", "v2beta1"];

/** The Content-Type of an aggregated response; client-go picks its decoder from it. */
export function aggregatedContentType(version: AggregatedDiscoveryVersion): string {
  return `application/json;g=${DISCOVERY_GROUP};v=${version};as=${DISCOVERY_LIST_KIND}`;
}

export function aggregatedListOf(
  groups: readonly DiscoveryGroup[],
  version: AggregatedDiscoveryVersion,
): APIGroupDiscoveryList {
  return {
    kind: DISCOVERY_LIST_KIND,
    apiVersion: `${DISCOVERY_GROUP}/${version}`,
    metadata: {},
    items: groups.map(groupDiscoveryOf),
  };
}

function groupDiscoveryOf(group: DiscoveryGroup): APIGroupDiscovery {
  return {
    // Upstream leaves the core group's name out (it is "").
    metadata: group.name === "" ? {} : { name: group.name },
    versions: group.versions,
  };
}

/** What a discovery request asked for, from its Accept header. */
export type DiscoveryFormat =
  | { aggregated: true; version: AggregatedDiscoveryVersion }
  | { aggregated: false }
  /** Nothing we can produce (e.g. protobuf only): 406. */
  | null;

/**
 * Picks the response format the way upstream negotiates: the first acceptable
 * media range (by quality, then order) wins. A JSON range naming the
 * APIGroupDiscoveryList of a version we serve selects aggregated discovery; a
 * JSON range without `as` selects the plain documents; ranges for other types
 * or transformations are skipped. kubectl 1.32 sends
 * `application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,
 * application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json`.
 */
export function negotiateDiscoveryFormat(accept: string | undefined): DiscoveryFormat {
  for (const range of parseAccept(accept)) {
    if (!rangeMatches(range, "application", "json")) continue;
    const aggregated = aggregatedVersionOf(range);
    if (aggregated !== undefined) return { aggregated: true, version: aggregated };
    if (range.params.as === undefined && range.params.g === undefined && range.params.v === undefined) {
      return { aggregated: false };
    }
  }
  return null;
}

function aggregatedVersionOf(range: MediaRange): AggregatedDiscoveryVersion | undefined {
  const { g, v, as } = range.params;
  if (g !== DISCOVERY_GROUP || as !== DISCOVERY_LIST_KIND) return undefined;
  return SERVED_VERSIONS.find((served) => served === v);
}
