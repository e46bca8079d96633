export { AccessKey, AccessKeyArgs, AccessKeyState, BirdCredentialsArgs, RoleRefArgs, accessKeyProvider } from "./resource";
export type { AccessKeyInputs, AccessKeyOutputs, RoleRef } from "./schemas";
