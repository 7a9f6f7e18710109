// Cells that workload kinds print from their pod template with -o wide
// (upstream: layoutContainerCells in pkg/printers/internalversion/printers.go):
// container names and images, comma-separated, in order.

import type { Container } from "./schema.js";

export function containerCells(containers: readonly Container[]): { names: string; images: string } {
  return { names: containers.map((c) => c.name).join(","), images: containers.map((c) => c.image ?? "").join(",") };
}
