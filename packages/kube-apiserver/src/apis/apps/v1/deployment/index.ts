export { DeploymentSchema, DeploymentSpecSchema, DeploymentStatusSchema, DEPLOYMENT_STRATEGY_TYPES, type Deployment, type DeploymentSpec } from "./schema.js";
export { applyDeploymentDefaults } from "./defaults.js";
export { validateDeployment, validateDeploymentUpdate, validateDeploymentStatusUpdate } from "./validation.js";
export { deploymentStrategy } from "./strategy.js";
export { deploymentColumns } from "./table.js";
export { deploymentDefinition } from "./definition.js";
