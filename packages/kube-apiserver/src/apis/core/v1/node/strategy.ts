// How Nodes are written (upstream: pkg/registry/core/node/strategy.go):
//
// - create: everything may be set, status included (the kubelet registers
//   its node with capacity, addresses and conditions); the deprecated
//   configSource and status.config are dropped, their feature being gone;
// - update of the main resource: status is kept (the library does, nodes
//   having a status subresource), and configSource may not be newly set;
// - /status: the spec is kept;
// - no metadata.generation.

import { nameIsDNSSubdomain } from "@tskube/apimachinery";
import type { Strategy } from "@tskube/generic-apiserver";
import { dropGeneration } from "../../../../registry/generation.js";
import { applyNodeDefaults } from "./defaults.js";
import type { Node } from "./schema.js";
import { validateNode, validateNodeUpdate } from "./validation.js";

export const nodeStrategy: Strategy<Node> = {
  validateName: nameIsDNSSubdomain,
  applyDefaults: applyNodeDefaults,
  keepStatusOnCreate: true,

  prepareForCreate(node) {
    if (node.spec) delete node.spec.configSource;
    if (node.status) delete node.status.config;
  },
  prepareForUpdate(node, old) {
    // A configSource stays only on a node that already had one.
    if (node.spec && old.spec?.configSource === undefined) delete node.spec.configSource;
  },

  validate: validateNode,
  validateUpdate: (node, old) => [...validateNode(node), ...validateNodeUpdate(node, old)],
  validateStatusUpdate: validateNodeUpdate,

  canonicalize: dropGeneration,
};
