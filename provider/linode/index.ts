export { ObjectStorageKey, objectStorageKeyProvider } from "./resource";
export type {
  BucketAccess, BucketAccessArgs, LinodeCredentialsArgs, ObjectStorageKeyArgs, ObjectStorageKeyInputs, ObjectStorageKeyOutputs,
  ObjectStorageKeyProperties, ObjectStorageKeyState, RegionEndpoint,
} from "./types";
