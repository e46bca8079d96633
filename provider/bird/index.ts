export { AccessKey, AccessKeyArgs, AccessKeyState, RoleRefArgs, accessKeyProvider } from "./resource";
export type { AccessKeyInputs, AccessKeyOutputs, RoleRef } from "./schemas";
