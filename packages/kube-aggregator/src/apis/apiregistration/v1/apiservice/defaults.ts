// APIService defaults (upstream: apiregistration/v1 SetDefaults_ServiceReference).

import type { APIService } from "./schema.js";

export const DEFAULT_SERVICE_PORT = 443;

export function applyAPIServiceDefaults(apiService: APIService): void {
  const service = apiService.spec?.service;
  if (service !== undefined) service.port ??= DEFAULT_SERVICE_PORT;
}
