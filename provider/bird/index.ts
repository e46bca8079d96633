export { AccessKey, accessKeyProvider } from "./resource";
export type {
  AccessKeyArgs, AccessKeyInputs, AccessKeyOutputs, AccessKeyProperties, AccessKeyState, BirdCredentialsArgs, RoleRef, RoleRefArgs,
} from "./types";
