// An API group as installed in a server: its versions (preferred first),
// each with the resources it serves. Discovery, OpenAPI and the REST
// installer all read this one description.

import type { KubeObject } from "@tskube/apimachinery";
import type { ResourceStorage } from "../registry/rest-storage.js";

export interface APIGroupVersion {
  version: string;
  resources: ResourceStorage<KubeObject>[];
}

export interface APIGroupInfo {
  /** "" is the core (legacy) group served under /api. */
  name: string;
  /** Preferred version first. */
  versions: APIGroupVersion[];
}
