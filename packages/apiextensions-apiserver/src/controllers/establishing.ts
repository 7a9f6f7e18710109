// The establishing controller (upstream: controller/establish): once a
// CRD's resource is served (the serving code queues it then), its
// Established condition turns True (InitialNamesAccepted, "the initial names
// have been accepted"); `kubectl wait --for condition=established` waits
// for exactly this. Only CRDs whose names were accepted are established.

import type { Informer, RESTClient } from "@tskube/generic-apiserver";
import { ESTABLISHED, NAMES_ACCEPTED, isConditionTrue, setCondition } from "../apis/apiextensions/v1/helpers.js";
import type { CustomResourceDefinition } from "../apis/apiextensions/v1/schema.js";
import { updateCRDStatus } from "./crd-client.js";

export class EstablishingController {
  constructor(
    private readonly client: RESTClient,
    private readonly crds: Informer<CustomResourceDefinition>,
  ) {}

  async sync(name: string): Promise<void> {
    const crd = this.crds.get(name);
    if (crd === undefined || !isConditionTrue(crd, NAMES_ACCEPTED) || isConditionTrue(crd, ESTABLISHED)) return;
    const next = structuredClone(crd);
    setCondition(next, { type: ESTABLISHED, status: "True", reason: "InitialNamesAccepted", message: "the initial names have been accepted" });
    await updateCRDStatus(this.client, next);
  }
}
