export { ObjectStorageKey, ObjectStorageKeyArgs, BucketAccessArgs, objectStorageKeyProvider } from "./resource";
export type { ObjectStorageKeyInputs, ObjectStorageKeyOutputs, BucketAccess, RegionEndpoint } from "./schemas";
