// The admission chain (upstream: admission.chainAdmissionHandler): every
// plugin, in the configured order. The REST handlers call it twice per write:
//
//   admit     mutating plugins, after the body is decoded and defaulted and
//             before the registry prepares and validates the object
//   validate  validating plugins, after the registry's own validation, just
//             before the object is stored
//
// The first plugin that throws ends the request with its error.

import type { Attributes } from "./attributes.js";
import { type AdmissionPlugin, type MutatingAdmissionPlugin, type ValidatingAdmissionPlugin, isMutating, isValidating } from "./interfaces.js";

export class AdmissionChain {
  private readonly mutating: readonly MutatingAdmissionPlugin[];
  private readonly validating: readonly ValidatingAdmissionPlugin[];

  constructor(readonly plugins: readonly AdmissionPlugin[] = []) {
    const names = new Set<string>();
    for (const plugin of plugins) {
      if (names.has(plugin.name)) throw new Error(`admission plugin ${JSON.stringify(plugin.name)} is in the chain twice`);
      names.add(plugin.name);
    }
    this.mutating = plugins.filter(isMutating);
    this.validating = plugins.filter(isValidating);
  }

  /** Names of the mutating plugins, in the order they run. */
  get mutatingPluginNames(): string[] {
    return this.mutating.map((p) => p.name);
  }

  /** Names of the validating plugins, in the order they run. */
  get validatingPluginNames(): string[] {
    return this.validating.map((p) => p.name);
  }

  /** Whether any plugin would see this operation (lets handlers skip building attributes). */
  handles(operation: Attributes["operation"]): boolean {
    return this.plugins.some((p) => p.handles(operation));
  }

  /** Runs the mutating plugins; they may change `attributes.object`. */
  async admit(attributes: Attributes): Promise<void> {
    for (const plugin of this.mutating) {
      if (plugin.handles(attributes.operation)) await plugin.admit(attributes);
    }
  }

  /** Runs the validating plugins. */
  async validate(attributes: Attributes): Promise<void> {
    for (const plugin of this.validating) {
      if (plugin.handles(attributes.operation)) await plugin.validate(attributes);
    }
  }
}
