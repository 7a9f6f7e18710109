// Helpers shared by this folder's tests.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { KvEvent } from "../types.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export const bytes = (text: string): Uint8Array => encoder.encode(text);
export const text = (value: Uint8Array): string => decoder.decode(value);

/** A fresh temporary directory, removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "embedded-kv-"));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A compact, comparable form of an event: "put /a=v1 @5 (prev v0 @3)". */
export function describe(event: KvEvent): string {
  const prev = event.prevKv ? ` (prev ${text(event.prevKv.value)} @${event.prevKv.modRevision})` : "";
  const value = event.type === "put" ? `=${text(event.kv.value)}` : "";
  return `${event.type} ${event.kv.key}${value} @${event.kv.modRevision}${prev}`;
}

/** Resolves when `predicate` holds, polling; rejects after `timeoutMs`. */
export async function waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for a condition");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
