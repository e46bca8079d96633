export { ObjectStorageKey, ObjectStorageKeyArgs, ObjectStorageKeyState, LinodeCredentialsArgs, BucketAccessArgs, objectStorageKeyProvider } from "./resource";
export type { ObjectStorageKeyInputs, ObjectStorageKeyOutputs, RegionEndpoint } from "./schemas";
export type { BucketAccess } from "./fields";
