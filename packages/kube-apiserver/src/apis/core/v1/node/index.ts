export { NodeSchema, NodeSpecSchema, NodeStatusSchema, TaintSchema, TAINT_EFFECTS, type Node, type NodeSpec, type NodeStatus, type Taint } from "./schema.js";
export { applyNodeDefaults } from "./defaults.js";
export { validateNode, validateNodeUpdate, isCIDR } from "./validation.js";
export { nodeStrategy } from "./strategy.js";
export { nodeColumns, nodeStatus, nodeRoles } from "./table.js";
export { nodeDefinition } from "./definition.js";
