/** Emulator route names for Katapult, as counted by `emulator.requestCounts()`. */
export const ROUTES = {
  create: "katapult POST /core/v1/organizations/organization/object_storage/object_storage_cluster/access_keys",
  list: "katapult GET /core/v1/organizations/organization/object_storage/access_keys",
  get: "katapult GET /core/v1/object_storage/access_keys/access_key",
  patch: "katapult PATCH /core/v1/object_storage/access_keys/access_key",
  delete: "katapult DELETE /core/v1/object_storage/access_keys/access_key",
  generate: "katapult POST /core/v1/object_storage/access_keys/access_key/generate_credentials",
};
