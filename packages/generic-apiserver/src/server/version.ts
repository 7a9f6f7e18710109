// /version (upstream: k8s.io/apimachinery/pkg/version.Info). kubectl prints
// gitVersion, and clients compare major/minor to decide what the server
// supports. The Go-specific fields report the Node runtime instead:
// goVersion is e.g. "node20.20.2", compiler "tsc".

import type { RequestHandler } from "express";

export interface VersionInfo {
  major: string;
  minor: string;
  gitVersion: string;
  gitCommit: string;
  gitTreeState: string;
  buildDate: string;
  goVersion: string;
  compiler: string;
  platform: string;
}

export function defaultVersionInfo(): VersionInfo {
  return {
    major: "1",
    minor: "32",
    gitVersion: "v1.32.0-tskube",
    gitCommit: "",
    gitTreeState: "",
    buildDate: "1970-01-01T00:00:00Z",
    goVersion: `node${process.versions.node}`,
    compiler: "tsc",
    platform: `${process.platform}/${goArch(process.arch)}`,
  };
}

/** Node's CPU names in Go's spelling, which clients expect in `platform` (linux/amd64). */
function goArch(arch: string): string {
  const names: Readonly<Record<string, string>> = { x64: "amd64", ia32: "386", arm64: "arm64", arm: "arm" };
  return names[arch] ?? arch;
}

export function versionHandler(info: VersionInfo): RequestHandler {
  const body = JSON.stringify(info, null, 2);
  return (req, res, next) => {
    if ((req.path !== "/version" && req.path !== "/version/") || (req.method !== "GET" && req.method !== "HEAD")) {
      next();
      return;
    }
    res.setHeader("Content-Type", "application/json");
    res.end(body);
  };
}
