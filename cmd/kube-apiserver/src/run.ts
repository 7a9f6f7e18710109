// Running the binary (upstream: Run in cmd/kube-apiserver/app/server.go):
// configuration, the server chain, the admin kubeconfig, then serve until
// SIGTERM or SIGINT, shut down gracefully, and close storage.

import type { Logger } from "@tskube/generic-apiserver";
import { createConfig } from "./config.js";
import { serverURL, writeAdminKubeconfig } from "./kubeconfig.js";
import { notYetEffective } from "./not-yet-effective.js";
import type { Options } from "./options/options.js";
import { createServerChain } from "./server-chain.js";

export async function run(options: Options, logger: Logger): Promise<void> {
  const config = await createConfig(options, logger);
  try {
    logger.info(`kube-apiserver: storage: ${config.storage.description}`);
    for (const line of notYetEffective(options)) logger.info(`kube-apiserver: ${line}`);
    const chain = createServerChain(config);
    if (config.pki.frontProxy.client === undefined) {
      logger.info(
        "kube-aggregator: no --proxy-client-cert-file/--proxy-client-key-file: aggregated API servers cannot authenticate the aggregator",
      );
    }
    const { mutatingPluginNames: mutating, validatingPluginNames: validating } = chain.kubeAPIServer.admission;
    logger.info(`kube-apiserver: loaded ${mutating.length} mutating admission controller(s) in the following order: ${mutating.join(",")}`);
    logger.info(`kube-apiserver: loaded ${validating.length} validating admission controller(s) in the following order: ${validating.join(",")}`);

    const { admin, servingCA } = config.pki;
    if (admin) {
      const path = await writeAdminKubeconfig(options.dataDir, {
        server: serverURL(options.serving.bindAddress, options.serving.securePort),
        ...(servingCA !== undefined ? { certificateAuthority: servingCA } : {}),
        client: admin,
      });
      if (servingCA === undefined) {
        logger.info("kube-apiserver: admin.kubeconfig has no CA: the serving certificate comes from --tls-cert-file");
      }
      logger.info(`kube-apiserver: admin credentials: export KUBECONFIG=${path}`);
    } else {
      logger.info("kube-apiserver: --client-ca-file is given, so no admin kubeconfig is written (the generated CA is not trusted)");
    }
    await chain.outermost.run();
  } finally {
    await config.close();
  }
}
