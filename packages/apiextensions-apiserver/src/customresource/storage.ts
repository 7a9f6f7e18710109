// The storage of one served version of a custom resource (upstream: the
// CRD's storage codec): every version's registry store sits on the one
// Storage of the resource (`/<group>/<plural>`, one watch cache), which
// keeps objects in the storage version. On the way in an object is
// converted to the storage version; on the way out it is converted to the
// served version, then normalized by that version's schema as upstream's
// decoder does with stored objects: metadata coerced (invalid fields
// dropped), unknown fields pruned, defaults applied. So a default added to
// the schema later shows in objects stored before it.

import type { KubeObject } from "@tskube/apimachinery";
import { type StorageConversion, convertedStorage } from "@tskube/generic-apiserver";
import type { Storage } from "@tskube/storage";
import type { CustomResourceConverter } from "../conversion/converter.js";
import { normalizeCustomResource } from "../schema/custom-resource.js";
import type { Structural } from "../schema/structural.js";

export interface VersionedStorageOptions {
  /** Where the objects are, in the storage version. */
  stored: Storage<KubeObject>;
  converter: CustomResourceConverter;
  group: string;
  version: string;
  storageVersion: string;
  /** The served version's schema (undefined: none, objects are kept as they are). */
  structural: Structural | undefined;
}

export function versionedStorage(opts: VersionedStorageOptions): Storage<KubeObject> {
  const { converter, structural } = opts;
  const apiVersion = `${opts.group}/${opts.version}`;
  const normalize = (obj: KubeObject): KubeObject => {
    if (structural !== undefined) normalizeCustomResource(obj, structural, { dropInvalidMetadata: true });
    return obj;
  };
  const conversion: StorageConversion<KubeObject, KubeObject> = {
    fromStored(obj) {
      // Our own copy: the stored one may be the watch cache's.
      const copy = structuredClone(obj);
      if (copy.apiVersion === apiVersion || !converter.remote) {
        return normalize((converter.convert([copy], opts.version) as KubeObject[])[0]!);
      }
      return Promise.resolve(converter.convert([copy], opts.version)).then((out) => normalize(out[0]!));
    },
    toStored(obj) {
      const out = converter.convert([obj], opts.storageVersion);
      return Array.isArray(out) ? out[0]! : out.then((list) => list[0]!);
    },
    forSelection(obj) {
      // Without a call out when it takes one: labels, name and namespace are
      // the same in every version, and a selectable field is read where the
      // storage version has it.
      return obj.apiVersion === apiVersion || !converter.remote ? (this.fromStored(obj) as KubeObject) : obj;
    },
    async fromStoredList(objs) {
      const converted = await converter.convert(objs.map((obj) => structuredClone(obj)), opts.version);
      return converted.map(normalize);
    },
  };
  return convertedStorage(opts.stored, conversion);
}
