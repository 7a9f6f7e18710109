// Cells the workload kinds' tables share (upstream: layoutContainerCells in
// pkg/printers/internalversion/printers.go): the CONTAINERS and IMAGES
// columns of `kubectl get -o wide`.

import type { Container } from "./schema.js";

/** The template's container names and images, each comma-separated in container order. */
export function containerCells(containers: readonly Container[]): { names: string; images: string } {
  return { names: containers.map((c) => c.name).join(","), images: containers.map((c) => c.image ?? "").join(",") };
}
