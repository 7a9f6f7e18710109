// A small Deployment/Pod schema for the patch tests, with the patch metadata
// upstream's Go types carry in struct tags (k8s.io/api core/v1 and apps/v1).
// It mixes the ways fields get wrapped (optional, optionalField's preprocess
// pipe, default, nullable, lazy) so the tests also exercise the schema walker.

import { ObjectMetaSchema, optionalField } from "@tskube/apimachinery";
import { z } from "zod";

function mergeByKey(key: string) {
  return { "x-kubernetes-patch-strategy": "merge", "x-kubernetes-patch-merge-key": key };
}

const StringMap = z.record(z.string(), z.string());

// ObjectMeta with the two strategies upstream declares on it.
export const TestObjectMetaSchema = ObjectMetaSchema.extend({
  finalizers: optionalField(z.array(z.string()).meta({ "x-kubernetes-patch-strategy": "merge" })),
  ownerReferences: optionalField(
    z.array(z.object({ apiVersion: z.string(), kind: z.string(), name: z.string(), uid: z.string() })).meta(mergeByKey("uid")),
  ),
});

export const EnvVarSchema = z.object({
  name: z.string(),
  value: optionalField(z.string()),
  valueFrom: optionalField(z.object({ secretKeyRef: z.object({ name: z.string(), key: z.string() }) })),
});

export const ContainerPortSchema = z.object({
  name: z.string().optional(),
  containerPort: z.number().int(),
  protocol: z.string().default("TCP"),
});

export const ContainerSchema = z.object({
  name: z.string(),
  image: z.string().optional(),
  // No strategy: lists of scalars without "merge" are replaced whole.
  command: z.array(z.string()).optional(),
  args: z.array(z.string()).optional(),
  ports: z.array(ContainerPortSchema).meta(mergeByKey("containerPort")).optional(),
  env: optionalField(z.array(EnvVarSchema).meta(mergeByKey("name"))),
  volumeMounts: z.array(z.object({ name: z.string(), mountPath: z.string() })).optional().meta(mergeByKey("mountPath")),
  resources: z
    .object({ limits: StringMap.optional(), requests: StringMap.optional() })
    .optional(),
});

export const VolumeSchema = z.object({
  name: z.string(),
  emptyDir: z.object({ medium: z.string().optional() }).optional(),
  configMap: z.object({ name: z.string() }).optional(),
  hostPath: z.object({ path: z.string() }).optional(),
});

export const PodSpecSchema = z.object({
  containers: z.array(ContainerSchema).meta(mergeByKey("name")),
  // z.lazy exercises the walker's lazy support; same element type.
  initContainers: z.lazy(() => z.array(ContainerSchema)).meta(mergeByKey("name")).optional(),
  volumes: z
    .array(VolumeSchema)
    .meta({ "x-kubernetes-patch-strategy": "merge,retainKeys", "x-kubernetes-patch-merge-key": "name" })
    .nullable()
    .optional(),
  imagePullSecrets: z.array(z.object({ name: z.string() })).meta(mergeByKey("name")).optional(),
  // No strategy: a list of maps that is replaced whole.
  tolerations: z.array(z.object({ key: z.string(), operator: z.string().optional(), effect: z.string().optional() })).optional(),
  nodeSelector: StringMap.optional(),
  restartPolicy: z.string().default("Always"),
});

export const PodTemplateSchema = z.object({
  metadata: TestObjectMetaSchema.optional(),
  spec: PodSpecSchema,
});

export const DeploymentSchema = z.object({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: TestObjectMetaSchema,
  spec: z
    .object({
      replicas: z.number().int().optional(),
      selector: z.object({ matchLabels: StringMap.optional() }),
      // retainKeys: clients send `$retainKeys` so a type switch clears rollingUpdate.
      strategy: z
        .object({
          type: z.string().optional(),
          rollingUpdate: z.object({ maxSurge: z.union([z.number(), z.string()]), maxUnavailable: z.union([z.number(), z.string()]) }).partial().optional(),
        })
        .meta({ "x-kubernetes-patch-strategy": "retainKeys" })
        .optional(),
      template: PodTemplateSchema,
    })
    .optional(),
  // Free-form: no schema below, merged like a JSON merge patch.
  status: z.record(z.string(), z.unknown()).optional(),
});

export const PodSchema = z.object({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: TestObjectMetaSchema,
  spec: PodSpecSchema,
});
