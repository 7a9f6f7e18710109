// Names made from metadata.generateName (upstream: storage/names SimpleNameGenerator).
// The prefix is cut so that prefix + suffix fits a 63-character DNS label,
// and the suffix avoids vowels and easily confused characters so that it
// never spells words.

import { randomInt } from "node:crypto";

/** Makes a name from a generateName prefix; each call should return a new name. */
export type NameGenerator = (prefix: string) => string;

const SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
const SUFFIX_LENGTH = 5;
const MAX_NAME_LENGTH = 63;
/** The longest prefix kept: 63 - 5 = 58 characters. */
export const MAX_GENERATED_PREFIX_LENGTH = MAX_NAME_LENGTH - SUFFIX_LENGTH;

/** How many generated names a create tries before giving up with 409 AlreadyExists (as upstream). */
export const MAX_NAME_GENERATION_ATTEMPTS = 8;

function randomSuffix(): string {
  let out = "";
  for (let i = 0; i < SUFFIX_LENGTH; i++) out += SUFFIX_ALPHABET.charAt(randomInt(SUFFIX_ALPHABET.length));
  return out;
}

/** `web-` -> `web-x7k2q`. */
export const generateName: NameGenerator = (prefix) =>
  prefix.slice(0, MAX_GENERATED_PREFIX_LENGTH) + randomSuffix();
