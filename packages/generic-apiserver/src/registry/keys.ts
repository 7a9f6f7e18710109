// Where a resource's objects live in storage, and the checks on names that
// arrive in URLs. Keys are relative to the Store's prefix (`/registry`):
//
//   namespaced:     /<resource>/<namespace>/<name>
//   cluster-scoped: /<resource>/<name>
//
// A collection (list, watch) is the key without the name.

import { newBadRequest } from "@tskube/apimachinery";

/** Names that cannot be a URL path segment, and characters a path segment may not contain. */
const PATH_SEGMENT_NOT_ALLOWED = [".", ".."];
const PATH_SEGMENT_MAY_NOT_CONTAIN = ["/", "%"];

/** Problems with `name` as a name prefix (generateName) in a URL path segment; empty when fine. */
export function pathSegmentPrefixErrors(name: string): string[] {
  return PATH_SEGMENT_MAY_NOT_CONTAIN.filter((s) => name.includes(s)).map((s) => `may not contain '${s}'`);
}

/** Problems with `name` as a URL path segment (upstream's generic rule for object names); empty when fine. */
export function pathSegmentNameErrors(name: string): string[] {
  if (PATH_SEGMENT_NOT_ALLOWED.includes(name)) return [`may not be '${name}'`];
  return pathSegmentPrefixErrors(name);
}

/** The ValidateNameFunc for kinds without a stricter rule. */
export function validatePathSegmentName(name: string, prefix: boolean): string[] {
  return prefix ? pathSegmentPrefixErrors(name) : pathSegmentNameErrors(name);
}

/** Builds the storage keys of one resource. */
export class ResourceKeys {
  /**
   * @param root the collection key of the resource, e.g. `/deployments`
   *   (custom resources use `/<group>/<resource>`).
   */
  constructor(
    readonly root: string,
    readonly namespaced: boolean,
  ) {}

  /** The key of every object in `namespace` ("" = all namespaces, or a cluster-scoped resource). */
  collection(namespace: string): string {
    return this.namespaced && namespace !== "" ? `${this.root}/${namespace}` : this.root;
  }

  /** The key of one object; a missing namespace or a bad name is a 400, as upstream. */
  object(namespace: string, name: string): string {
    if (this.namespaced && namespace === "") throw newBadRequest("Namespace parameter required.");
    if (name === "") throw newBadRequest("Name parameter required.");
    const problems = pathSegmentNameErrors(name);
    if (problems.length > 0) {
      throw newBadRequest(`Name parameter invalid: ${JSON.stringify(name)}: ${problems.join(";")}`);
    }
    return this.namespaced ? `${this.root}/${namespace}/${name}` : `${this.root}/${name}`;
  }
}
