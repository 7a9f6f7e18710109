// Validation of core/v1 Events (upstream: ValidateEventCreate and
// ValidateEventUpdate for requests in core/v1, which apply the legacy rules):
//
// - without eventTime (older reporters): the involved object's namespace
//   must be the event's (or empty, for events in default);
// - with eventTime: reportingComponent, reportingInstance, action and
//   reason are required and limited in length, and an involved object
//   without namespace is allowed only for events in default or kube-system;
// - always: the namespace is a DNS subdomain.
//
// events.k8s.io/v1 runs these rules too, on the event in core/v1's form,
// naming the reporting controller by its own field name.

import { type FieldError, FieldPath, invalid, isDNS1123Subdomain, isQualifiedName, required } from "@tskube/apimachinery";
import {
  ACTION_LENGTH_LIMIT,
  type Event,
  NOTE_LENGTH_LIMIT,
  REASON_LENGTH_LIMIT,
  REPORTING_INSTANCE_LENGTH_LIMIT,
} from "./schema.js";

const NOT_MATCHING = "does not match event.namespace";

export function validateEvent(ev: Event, reportingControllerField = "reportingComponent"): FieldError[] {
  const errs: FieldError[] = [];
  const namespace = ev.metadata.namespace ?? "";
  const involvedNamespace = ev.involvedObject?.namespace ?? "";
  const involvedPath = FieldPath.root("involvedObject", "namespace");
  if (!ev.eventTime) {
    if (involvedNamespace === "") {
      if (namespace !== "" && namespace !== "default") errs.push(invalid(involvedPath, involvedNamespace, NOT_MATCHING));
    } else if (namespace !== involvedNamespace) {
      errs.push(invalid(involvedPath, involvedNamespace, NOT_MATCHING));
    }
  } else {
    if (involvedNamespace === "" && namespace !== "default" && namespace !== "kube-system") {
      errs.push(invalid(involvedPath, involvedNamespace, NOT_MATCHING));
    }
    const component = ev.reportingComponent ?? "";
    if (component === "") errs.push(required(reportingControllerField, ""));
    for (const msg of isQualifiedName(component)) errs.push(invalid(reportingControllerField, component, msg));
    const limited = (field: string, value: string, limit: number) => {
      if (value === "") errs.push(required(field, ""));
      if (Buffer.byteLength(value) > limit) errs.push(invalid(field, "", `can have at most ${limit} characters`));
    };
    limited("reportingInstance", ev.reportingInstance ?? "", REPORTING_INSTANCE_LENGTH_LIMIT);
    limited("action", ev.action ?? "", ACTION_LENGTH_LIMIT);
    limited("reason", ev.reason ?? "", REASON_LENGTH_LIMIT);
    if (Buffer.byteLength(ev.message ?? "") > NOTE_LENGTH_LIMIT) {
      errs.push(invalid("message", "", `can have at most ${NOTE_LENGTH_LIMIT} characters`));
    }
  }
  for (const msg of isDNS1123Subdomain(namespace)) errs.push(invalid("namespace", namespace, msg));
  return errs;
}
