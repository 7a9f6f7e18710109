// @tskube/cmd-kube-apiserver: the binary's parts, for tests and for other
// binaries that compose the same chain. The binary itself is main.ts.

export { parseCommandLine, type CommandLine } from "./options/command-line.js";
export { optionsFromFlags, AUTHORIZATION_MODES, type Options, type AuthorizationMode } from "./options/options.js";
export { FLAG_GROUPS, ALL_FLAGS, type FlagSpec, type FlagGroup } from "./options/flags.js";
export { FlagError } from "./options/flag-error.js";
export { createConfig, type Config } from "./config.js";
export { createServerChain, type ServerChain } from "./server-chain.js";
export { ensurePKI, type PKI } from "./certificates.js";
export { renderKubeconfig, serverURL } from "./kubeconfig.js";
export { run } from "./run.js";
