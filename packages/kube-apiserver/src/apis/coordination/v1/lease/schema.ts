// coordination.k8s.io/v1 Lease: a lock with a holder and an expiry, used for
// leader election and node heartbeats. Every field of upstream's v1.32 type;
// descriptions in our own words. Times are MicroTime (six fractional digits).

import { MicroTimeSchema, ObjectMetaSchema, TypeMetaSchema, knownStrings, optionalField } from "@tskube/apimachinery";
import { z } from "zod";

export const COORDINATED_LEASE_STRATEGIES = ["OldestEmulationVersion"] as const;

const opt = optionalField;

export const LeaseSpecSchema = z
  .object({
    holderIdentity: opt(z.string().describe("Who holds the lease now.")),
    leaseDurationSeconds: opt(z.int32().describe("How long candidates wait after the last renewal before taking the lease over.")),
    acquireTime: opt(MicroTimeSchema.describe("When the current holder took the lease.")),
    renewTime: opt(MicroTimeSchema.describe("When the holder last renewed the lease.")),
    leaseTransitions: opt(z.int32().describe("How many times the lease changed holders.")),
    strategy: opt(knownStrings(COORDINATED_LEASE_STRATEGIES, "How a coordinated leader election picks the holder (alpha; dropped unless enabled).")),
    preferredHolder: opt(z.string().describe("The holder a coordinated election wants next (alpha; dropped unless enabled).")),
  })
  .meta({ id: "io.k8s.api.coordination.v1.LeaseSpec" })
  .describe("Who holds a lease and for how long.");

export const LeaseSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.describe("Standard object metadata: name, namespace, labels, annotations, ..."),
  spec: optionalField(LeaseSpecSchema),
}).describe("A lock held by one party at a time, renewed to keep it.");

export type Lease = z.infer<typeof LeaseSchema>;
export type LeaseSpec = z.infer<typeof LeaseSpecSchema>;
