export { AccessKey, AccessKeyArgs, AccessKeyState, BirdCredentialsArgs, accessKeyProvider } from "./resource";
export type { AccessKeyInputs, AccessKeyOutputs } from "./schemas";
