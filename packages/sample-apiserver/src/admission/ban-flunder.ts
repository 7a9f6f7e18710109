// BanFlunder (upstream: the sample's admission plugin): a flunder may not be
// created with a name that any fischer lists in disallowedFlunders.

import type { Attributes, RESTStorage, ValidatingAdmissionPlugin } from "@tskube/generic-apiserver";
import { handlesOperations, newAdmissionForbidden } from "@tskube/generic-apiserver";
import type { Fischer } from "../apis/wardle/v1alpha1/fischer/schema.js";

export class BanFlunder implements ValidatingAdmissionPlugin {
  readonly name = "BanFlunder";
  readonly handles = handlesOperations("CREATE");

  constructor(private readonly fischers: RESTStorage<Fischer>) {}

  async validate(attributes: Attributes): Promise<void> {
    if (attributes.resource.group !== "wardle.example.com" || attributes.resource.resource !== "flunders" || attributes.subresource !== "") return;
    const name = attributes.object?.metadata.name ?? attributes.name;
    const fischers = await this.fischers.list({ namespace: "", dryRun: false, warnings: [] }, {});
    if (fischers.items.some((f) => f.disallowedFlunders?.includes(name))) {
      throw newAdmissionForbidden(attributes, "this name may not be used, please change the resource name");
    }
  }
}
