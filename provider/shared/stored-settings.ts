/**
 * `pulumi refresh` and `pulumi destroy` do not run the program: the provider gets the stack
 * settings recorded at the last `pulumi up` (the default provider's inputs, encrypted in state),
 * and each resource's own `credentials` as stored then (docs/pulumi-engine.md#stored-settings).
 * A token rotated since is refused with a bare 401/403; this says what to do about it.
 */
import { UnauthorizedError } from "./http/errors";

/** What a refused read or delete tells the user, depending on where its token came from. */
export function storedSettingsHint(command: "refresh" | "destroy", props: unknown): string {
  const own = (props as { credentials?: unknown } | undefined)?.credentials !== undefined;
  return own
    ? `This resource's \`credentials\` are the ones stored at the last \`pulumi up\`: if its token changed since, ` +
        "update `credentials` in the program and run `pulumi up` first (it calls no API), then " +
        `\`pulumi ${command}\` again.`
    : `\`pulumi ${command}\` uses the settings stored at the last \`pulumi up\`: if the token changed since ` +
        `(e.g. \`pulumi config set --secret\` after a rotation), run \`pulumi ${command} --run-program\`, ` +
        `or \`pulumi up\` first.`;
}

/**
 * Runs a read (`refresh`) or delete (`destroy`) and adds the hint to a refused token's error,
 * keeping its class and code.
 */
export async function explainRefusedToken<T>(command: "refresh" | "destroy", props: unknown, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof UnauthorizedError) err.message = `${err.message}. ${storedSettingsHint(command, props)}`;
    throw err;
  }
}
