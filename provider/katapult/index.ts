export { ObjectStorageAccessKey, objectStorageAccessKeyProvider } from "./resource";
export type { KatapultCredentialsArgs, ObjectStorageAccessKeyArgs, ObjectStorageAccessKeyState, OrganizationArgs, OrganizationRef } from "./fields";
export type { AccessKeyInputs as ObjectStorageAccessKeyInputs, AccessKeyOutputs as ObjectStorageAccessKeyOutputs } from "./schemas";
