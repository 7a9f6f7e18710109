// Cells the workload printers share (upstream: layoutContainerCells in
// pkg/printers/internalversion/printers.go): the template's container names
// and images, comma-separated, and the selector as text.

import type { TableColumn } from "@tskube/generic-apiserver";
import { type KubeObject, type MetaLabelSelector, formatLabelSelector } from "@tskube/apimachinery";
import type { PodTemplateSpec } from "../../../core/v1/pod-spec/schema.js";

interface TemplatedWorkload extends KubeObject {
  spec?: { template?: PodTemplateSpec; selector?: MetaLabelSelector };
}

const containersOf = (obj: TemplatedWorkload) => obj.spec?.template?.spec?.containers ?? [];

/** CONTAINERS and IMAGES, shown with -o wide. */
export function containerColumns<T extends TemplatedWorkload>(): TableColumn<T>[] {
  return [
    {
      name: "Containers",
      type: "string",
      priority: 1,
      description: "The names of the template's containers.",
      cell: (obj) => containersOf(obj).map((c) => c.name).join(","),
    },
    {
      name: "Images",
      type: "string",
      priority: 1,
      description: "The images of the template's containers.",
      cell: (obj) => containersOf(obj).map((c) => c.image ?? "").join(","),
    },
  ];
}

/** SELECTOR, shown with -o wide. */
export function selectorColumn<T extends TemplatedWorkload>(description: string): TableColumn<T> {
  return { name: "Selector", type: "string", priority: 1, description, cell: (obj) => formatLabelSelector(obj.spec?.selector) };
}
