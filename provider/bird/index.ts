export { AccessKey, accessKeyProvider } from "./resource";
export type { AccessKeyArgs, AccessKeyState, BirdCredentialsArgs, RoleRefArgs } from "./fields";
export type { AccessKeyInputs, AccessKeyOutputs, RoleRef } from "./schemas";
