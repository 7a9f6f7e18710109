// @tskube/apimachinery: the basics every other package builds on.
export * from "./api/errors.js";
export * from "./validation/field-errors.js";
export * from "./validation/names.js";
export * from "./validation/labels.js";
export * from "./validation/object-meta.js";
export * from "./validation/generic.js";
export * from "./validation/conditions.js";
export * from "./apis/meta/v1/index.js";
export * from "./labels/selector.js";
export * from "./fields/selector.js";
export * from "./protobuf/index.js";
export { parseGoDuration, formatGoDuration, formatGoDurationMs } from "./util/go-duration.js";
export { compareKubeAwareVersions } from "./util/kube-version.js";
