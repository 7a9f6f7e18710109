// Running the sample server: the serving certificate, authentication from
// the cluster's extension-apiserver-authentication ConfigMap (and bearer
// tokens by TokenReview), the server on
// the embedded store; serve until SIGTERM or SIGINT.
//
// Authorization: the kube-apiserver decides, asked with a SubjectAccessReview
// per request (remembered for 10 s), as upstream's sample asks it.
// Anonymous requests are refused.

import type { Logger } from "@tskube/generic-apiserver";
import { authenticatorsFor, readClusterAuthentication, tokenReviewerFor } from "../authentication/delegated.js";
import { delegatedAuthorizer } from "../authorization/delegated.js";
import { LoggingAuthenticator } from "../authentication/request-log.js";
import type { SampleOptions } from "./options.js";
import { createSampleServer } from "./sample-server.js";
import { servingCertificate } from "./serving-cert.js";

export async function runSampleServer(options: SampleOptions, logger: Logger): Promise<void> {
  if (options.kubeconfig === undefined) {
    throw new Error("no --kubeconfig or --authentication-kubeconfig: the server cannot learn how to authenticate the aggregator");
  }
  const serving = await servingCertificate(options);
  const auth = await readClusterAuthentication(options.kubeconfig, { logger });
  if (auth.requestHeader === undefined) logger.info("sample-apiserver: the cluster publishes no requestheader-client-ca-file: requests through the aggregator cannot be authenticated");
  const authenticators = authenticatorsFor(auth, tokenReviewerFor(options.kubeconfig)).map((a) => (options.verbosity >= 2 ? new LoggingAuthenticator(a, logger) : a));
  const sample = createSampleServer({
    dataDir: options.dataDir,
    generic: {
      serving: { cert: serving.cert, key: serving.key, bindAddress: options.bindAddress, port: options.securePort },
      authentication: { authenticators, anonymous: false },
      authorization: { authorizer: delegatedAuthorizer(options.authorizationKubeconfig ?? options.kubeconfig) },
      logger,
    },
  });
  try {
    await sample.server.run();
  } finally {
    await sample.close();
  }
}
