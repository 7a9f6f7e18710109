// Rules PersistentVolumes and PersistentVolumeClaims share (upstream:
// ValidatePersistentVolumeSpec and ValidatePersistentVolumeClaimSpec): access
// modes, volume modes and class names.

import { type FieldError, type FieldPath, forbidden, invalid, isDNS1123Subdomain, notSupported } from "@tskube/apimachinery";

export const ACCESS_MODES = ["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"] as const;
export const VOLUME_MODES = ["Block", "Filesystem"] as const;
export const READ_WRITE_ONCE_POD = "ReadWriteOncePod";

/** Upstream lists the supported values sorted. */
const SORTED_ACCESS_MODES = [...ACCESS_MODES].sort();

/** Every mode is a known one, and ReadWriteOncePod stands alone. */
export function validateAccessModes(modes: readonly string[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let oncePod = false;
  let other = false;
  for (const mode of modes) {
    if (!(ACCESS_MODES as readonly string[]).includes(mode)) {
      errs.push(notSupported(path, mode, SORTED_ACCESS_MODES));
      continue;
    }
    if (mode === READ_WRITE_ONCE_POD) oncePod = true;
    else other = true;
  }
  if (oncePod && other) errs.push(forbidden(path, "may not use ReadWriteOncePod with other access modes"));
  return errs;
}

export function validateVolumeMode(mode: string | undefined, path: FieldPath): FieldError[] {
  return mode !== undefined && !(VOLUME_MODES as readonly string[]).includes(mode) ? [notSupported(path, mode, [...VOLUME_MODES])] : [];
}

/** A StorageClass (or VolumeAttributesClass) name: a DNS subdomain. */
export function validateClassName(name: string, path: FieldPath): FieldError[] {
  return isDNS1123Subdomain(name).map((msg) => invalid(path, name, msg));
}
