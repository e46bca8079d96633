export { ObjectStorageKey, objectStorageKeyProvider } from "./resource";
export type { BucketAccess, BucketAccessArgs, LinodeCredentialsArgs, ObjectStorageKeyArgs, ObjectStorageKeyState } from "./fields";
export type { ObjectStorageKeyInputs, ObjectStorageKeyOutputs, RegionEndpoint } from "./schemas";
