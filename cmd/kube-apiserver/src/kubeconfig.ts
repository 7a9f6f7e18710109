// <data-dir>/admin.kubeconfig: how kubectl reaches this server as the admin
// (client certificate CN=admin, O=system:masters), with the CA embedded so
// no other file is needed:
//
//   kubectl --kubeconfig .kube-apiserver/admin.kubeconfig get ns

import { join } from "node:path";
import type { CertificateAndKey } from "@tskube/generic-apiserver";
import { writeFileAtomically } from "./certificates.js";

export const ADMIN_KUBECONFIG = "admin.kubeconfig";
const CLUSTER = "tskube";
const USER = "admin";
const CONTEXT = `${USER}@${CLUSTER}`;

export interface KubeconfigInput {
  /** https://host:port */
  server: string;
  /** The CA of the serving certificate; without it kubectl uses the system's roots. */
  certificateAuthority?: string;
  client: CertificateAndKey;
}

/** The URL clients use: the bind address, or loopback when the server listens on every interface. */
export function serverURL(bindAddress: string, port: number): string {
  const unspecified = bindAddress === "0.0.0.0" || bindAddress === "::";
  const host = unspecified ? "127.0.0.1" : bindAddress;
  return `https://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

const base64 = (pem: string) => Buffer.from(pem, "utf8").toString("base64");

/** The kubeconfig as YAML (base64 values need no quoting). */
export function renderKubeconfig(input: KubeconfigInput): string {
  const caLine = input.certificateAuthority ? `\n    certificate-authority-data: ${base64(input.certificateAuthority)}` : "";
  return `apiVersion: v1
kind: Config
clusters:
- name: ${CLUSTER}
  cluster:
    server: ${input.server}${caLine}
users:
- name: ${USER}
  user:
    client-certificate-data: ${base64(input.client.cert)}
    client-key-data: ${base64(input.client.key)}
contexts:
- name: ${CONTEXT}
  context:
    cluster: ${CLUSTER}
    user: ${USER}
current-context: ${CONTEXT}
`;
}

/** Writes the admin kubeconfig (owner-only: it holds a private key); returns its path. */
export async function writeAdminKubeconfig(dataDir: string, input: KubeconfigInput): Promise<string> {
  const path = join(dataDir, ADMIN_KUBECONFIG);
  await writeFileAtomically(path, renderKubeconfig(input), 0o600);
  return path;
}
