/**
 * pulumi-access-keys: Pulumi dynamic resources for cloud access keys.
 */
export * as linode from "./linode";
export * as bird from "./bird";
export * as katapult from "./katapult";
export * from "./shared/http/errors";
