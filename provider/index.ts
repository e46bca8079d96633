/**
 * pulumi-access-keys: Pulumi dynamic resources for cloud access keys.
 */
export * as linode from "./linode";
export * from "./shared/http/errors";
