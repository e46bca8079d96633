export { AccessKey, AccessKeyArgs, AccessKeyState, accessKeyProvider } from "./resource";
export type { AccessKeyInputs, AccessKeyOutputs } from "./schemas";
