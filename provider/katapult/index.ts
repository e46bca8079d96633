export { ObjectStorageAccessKey, objectStorageAccessKeyProvider } from "./resource";
export type {
  KatapultCredentialsArgs, ObjectStorageAccessKeyArgs, ObjectStorageAccessKeyInputs, ObjectStorageAccessKeyOutputs, ObjectStorageAccessKeyProperties,
  ObjectStorageAccessKeyState, OrganizationArgs, OrganizationRef,
} from "./types";
