// Converting custom resources between the versions of their CRD (upstream:
// apiserver/conversion): strategy None rewrites apiVersion and changes
// nothing else; strategy Webhook sends the objects in a ConversionReview to
// the CRD's webhook and takes back what it returns, checked:
//
//   - one object back per object sent, each of the desired apiVersion and the same kind;
//   - metadata: only labels and annotations may change; everything else is
//     kept from the object sent;
//
// Any failure is a 500 `conversion webhook for <group>/<version>, Kind=<kind>
// failed: ...`, so a client never sees (and storage never keeps) a half
// converted object. Objects already in the desired version are not sent.

import { randomUUID } from "node:crypto";
import { type KubeObject, type ObjectMeta, newInternalError } from "@tskube/apimachinery";
import { type WebhookServiceResolver, type WebhookTarget, callWebhook } from "@tskube/generic-apiserver";
import type { CustomResourceConversion } from "../apis/apiextensions/v1/schema.js";
import { isObject } from "../schema/json.js";

export interface CustomResourceConverter {
  /** Whether converting to another version needs a call out (then `convert` returns a promise). */
  readonly remote: boolean;
  /** `objs` in the version `toVersion` (of the CRD's group), in the same order. */
  convert(objs: readonly KubeObject[], toVersion: string): KubeObject[] | Promise<KubeObject[]>;
}

export interface ConverterOptions {
  group: string;
  kind: string;
  resolver?: WebhookServiceResolver;
  /** How long the webhook may take. Default 30 s, as upstream. */
  timeoutMs?: number;
}

const withAPIVersion = (obj: KubeObject, apiVersion: string): KubeObject =>
  obj.apiVersion === apiVersion ? obj : { ...obj, apiVersion };

export function converterFor(conversion: CustomResourceConversion | undefined, opts: ConverterOptions): CustomResourceConverter {
  if (conversion?.strategy === "Webhook") return new WebhookConverter(conversion, opts);
  return {
    remote: false,
    convert: (objs, toVersion) => objs.map((obj) => withAPIVersion(obj, `${opts.group}/${toVersion}`)),
  };
}

/** The ConversionReview versions this server speaks, in its order of preference. */
const REVIEW_VERSIONS = ["v1", "v1beta1"];

class WebhookConverter implements CustomResourceConverter {
  readonly remote = true;
  private readonly target: WebhookTarget | undefined;
  private readonly reviewVersion: string | undefined;

  constructor(
    conversion: CustomResourceConversion,
    private readonly opts: ConverterOptions,
  ) {
    const config = conversion.webhook?.clientConfig;
    const caBundle = config?.caBundle ? { caBundle: config.caBundle } : {};
    if (config?.url !== undefined) this.target = { url: config.url, ...caBundle };
    else if (config?.service !== undefined) {
      const { namespace, name, path, port } = config.service;
      this.target = { service: { namespace, name, port: port ?? 443, ...(path !== undefined ? { path } : {}) }, ...caBundle };
    }
    this.reviewVersion = (conversion.webhook?.conversionReviewVersions ?? []).find((v) => REVIEW_VERSIONS.includes(v));
  }

  convert(objs: readonly KubeObject[], toVersion: string): KubeObject[] | Promise<KubeObject[]> {
    const desired = `${this.opts.group}/${toVersion}`;
    const pending = objs.flatMap((obj, i) => (obj.apiVersion === desired ? [] : [i]));
    if (pending.length === 0) return [...objs];
    return this.callWebhook(objs, pending, desired);
  }

  private async callWebhook(objs: readonly KubeObject[], pending: number[], desired: string): Promise<KubeObject[]> {
    const gvk = `${desired}, Kind=${this.opts.kind}`;
    const fail = (detail: string) => newInternalError(new Error(`conversion webhook for ${gvk} failed: ${detail}`));
    if (this.target === undefined) throw fail("the CRD has no webhook client configuration");
    if (this.reviewVersion === undefined) throw fail(`no supported ConversionReview version (this server speaks ${REVIEW_VERSIONS.join(", ")})`);

    const uid = randomUUID();
    const review = {
      apiVersion: `apiextensions.k8s.io/${this.reviewVersion}`,
      kind: "ConversionReview",
      request: { uid, desiredAPIVersion: desired, objects: pending.map((i) => objs[i]) },
    };
    let answer: unknown;
    try {
      answer = await callWebhook(this.target, review, {
        timeoutMs: this.opts.timeoutMs ?? 30_000,
        ...(this.opts.resolver ? { resolver: this.opts.resolver } : {}),
      });
    } catch (err) {
      throw fail((err as Error).message);
    }
    const converted = convertedObjects(answer, uid);
    if (typeof converted === "string") throw fail(converted);
    if (converted.length !== pending.length) throw fail(`returned ${converted.length} objects, expected ${pending.length}`);

    const out = [...objs];
    for (const [j, i] of pending.entries()) {
      const sent = objs[i]!;
      const got = converted[j];
      const problem = checkConverted(sent, got, desired);
      if (problem !== undefined) throw fail(`returned invalid object at index ${j}: ${problem}`);
      out[i] = restoreObjectMeta(sent, got as KubeObject);
    }
    return out;
  }
}

/** The converted objects of a ConversionReview answer, or what is wrong with it. */
function convertedObjects(answer: unknown, uid: string): unknown[] | string {
  const response = isObject(answer) ? answer.response : undefined;
  if (!isObject(response)) return "no response provided";
  if (response.uid !== uid) return `expected response.uid=${JSON.stringify(uid)}, got ${JSON.stringify(response.uid ?? "")}`;
  const result = isObject(response.result) ? response.result : {};
  if (result.status !== "Success") {
    if (typeof result.message === "string" && result.message !== "") return result.message;
    return `response.result.status was '${String(result.status ?? "")}', not 'Success'`;
  }
  return Array.isArray(response.convertedObjects) ? response.convertedObjects : [];
}

function checkConverted(sent: KubeObject, got: unknown, desired: string): string | undefined {
  if (!isObject(got)) return "not an object";
  if (got.apiVersion !== desired) return `invalid groupVersion (expected ${desired}, received ${String(got.apiVersion ?? "")})`;
  if (got.kind !== sent.kind) return `invalid kind (expected ${sent.kind ?? ""}, received ${String(got.kind ?? "")})`;
  if (got.metadata !== undefined && !isObject(got.metadata)) return "invalid metadata: must be an object";
  const meta = (got.metadata ?? {}) as Record<string, unknown>;
  for (const field of ["labels", "annotations"] as const) {
    const value = meta[field];
    if (value !== undefined && value !== null && !(isObject(value) && Object.values(value).every((v) => typeof v === "string"))) {
      return `invalid metadata: metadata.${field} must be a map of strings`;
    }
  }
  return undefined;
}

/** The converted object with the sent object's metadata, except labels and annotations, which the webhook may change. */
function restoreObjectMeta(sent: KubeObject, got: KubeObject): KubeObject {
  const meta: ObjectMeta = { ...sent.metadata };
  const labels = got.metadata?.labels;
  const annotations = got.metadata?.annotations;
  if (labels) meta.labels = labels;
  else delete meta.labels;
  if (annotations) meta.annotations = annotations;
  else delete meta.annotations;
  return { ...got, metadata: meta };
}
