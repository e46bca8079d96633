export {
  ObjectStorageAccessKey, ObjectStorageAccessKeyArgs, ObjectStorageAccessKeyState, KatapultCredentialsArgs, OrganizationArgs,
  objectStorageAccessKeyProvider,
} from "./resource";
export type { AccessKeyInputs as ObjectStorageAccessKeyInputs, AccessKeyOutputs as ObjectStorageAccessKeyOutputs, } from "./schemas";
export type { OrganizationRef } from "./fields";
