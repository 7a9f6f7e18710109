// Sample objects for benchmarks.

import type { KubeObject } from "@tskube/apimachinery";

/**
 * A ConfigMap whose JSON is about `bytes` long (default 1 KiB): a few labels
 * and annotations, and data values filling the rest.
 */
export function sampleConfigMap(namespace: string, name: string, bytes = 1024): KubeObject {
  const obj: KubeObject = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: {
      name,
      namespace,
      uid: "6b1f3c0e-2d4a-4f1e-9c1b-8a7d5e3f2a10",
      creationTimestamp: "2025-01-01T00:00:00Z",
      labels: { app: "bench", tier: "backend" },
      annotations: { "bench.tskube.io/purpose": "storage benchmark" },
    },
    data: {} as Record<string, string>,
  };
  const data = obj["data"] as Record<string, string>;
  // Fill with 100-character values until the JSON is about the size asked for.
  for (let i = 0; JSON.stringify(obj).length < bytes - 110; i++) {
    data[`key-${i}`] = "v".repeat(100);
  }
  const missing = bytes - JSON.stringify(obj).length - `,"pad":""`.length;
  if (missing > 0) data["pad"] = "p".repeat(missing);
  return obj;
}

/** A copy of `obj` under another name (shares everything but metadata). */
export function renamed(obj: KubeObject, name: string): KubeObject {
  return { ...obj, metadata: { ...obj.metadata, name } };
}
