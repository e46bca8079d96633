export { ObjectStorageKey, ObjectStorageKeyArgs, ObjectStorageKeyState, LinodeCredentialsArgs, BucketAccessArgs, objectStorageKeyProvider } from "./resource";
export type { ObjectStorageKeyInputs, ObjectStorageKeyOutputs, BucketAccess, RegionEndpoint } from "./schemas";
