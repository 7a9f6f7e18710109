// authentication.k8s.io/v1 TokenReview: "who is this token?", asked by
// someone who was handed a token (an aggregated API server, a webhook, a
// workload checking its callers). Every field of upstream's v1.32 type;
// descriptions in our own words.

import { ObjectMetaSchema, TypeMetaSchema, optionalField } from "@tskube/apimachinery";
import { z } from "zod";
import { UserInfoSchema } from "../user-info.js";

const audiences = (description: string) =>
  optionalField(z.array(z.string()).meta({ "x-kubernetes-list-type": "atomic" }).describe(description));

export const TokenReviewSpecSchema = z
  .object({
    token: optionalField(z.string().describe("The token to check.")),
    audiences: audiences("Audiences the reviewer accepts; the token must be for at least one of them. Empty: the API server's own audiences."),
  })
  .meta({ id: "io.k8s.api.authentication.v1.TokenReviewSpec" })
  .describe("The token to authenticate.");

export const TokenReviewStatusSchema = z
  .object({
    authenticated: optionalField(z.boolean().describe("Whether the token is valid.")),
    user: optionalField(UserInfoSchema.describe("Who the token stands for, when it is valid.")),
    audiences: audiences("Which of the asked-for audiences the token is valid for."),
    error: optionalField(z.string().describe("Why the token could not be checked or was refused.")),
  })
  .meta({ id: "io.k8s.api.authentication.v1.TokenReviewStatus" })
  .describe("The verdict on a token.");

export const TokenReviewSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.default({}).describe("Standard object metadata; not kept, as the review is not stored."),
  spec: z.preprocess((value) => value ?? {}, TokenReviewSpecSchema.describe("The token to authenticate.")),
  status: optionalField(TokenReviewStatusSchema.describe("The verdict, filled in by the server.")),
}).describe("A question to the API server: whom does this token authenticate? Answered at once, never stored.");

export type TokenReview = z.infer<typeof TokenReviewSchema>;
