/**
 * The command line of `pulumi-access-keys audit`. Bad input is an error naming the flag, before
 * anything is read or called.
 */
import { ConfigurationError } from "../shared/http/errors";

export interface AuditOptions {
  /** Stacks to read the managed keys from (`--stack`, repeatable), in the project at `cwd`. */
  stacks: string[];
  /** The Pulumi project folder (`--cwd`), where `pulumi stack export` runs. */
  cwd: string;
  /** `pulumi stack export` files (`--state`, repeatable). */
  states: string[];
  json: boolean;
  failOnUnmanaged: boolean;
}

export const AUDIT_USAGE = `Usage: pulumi-access-keys audit [--stack <name>]... [--cwd <project dir>] [--state <export.json>]... [--json] [--fail-on-unmanaged]

Lists every access key in each account the stacks' settings and credentials reach, and tells the
keys a stack manages from those no stack manages. It never deletes anything.

  --stack <name>        a stack whose keys are managed (repeatable); default: the selected stack
  --cwd <dir>           the Pulumi project folder (default: the current folder)
  --state <file>        the output of \`pulumi stack export\` (repeatable), instead of or besides --stack
  --json                print {"keys":[{cloud, account, id, name, status, hints}]} instead of tables
  --fail-on-unmanaged   exit 1 when any key is unmanaged (for CI)

Exit codes: 0 done; 1 unmanaged keys found with --fail-on-unmanaged; 2 the audit is incomplete
(an account was skipped or could not be listed) or the command line is wrong.`;

/** Thrown for `--help`: the caller prints the usage and exits 0. */
export class HelpRequested extends Error {}

const VALUED = new Set(["--stack", "--cwd", "--state"]);
const SWITCHES = new Set(["--json", "--fail-on-unmanaged"]);

export function parseAuditArgs(argv: readonly string[], cwd: string): AuditOptions {
  const options: AuditOptions = { stacks: [], cwd, states: [], json: false, failOnUnmanaged: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") throw new HelpRequested();
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    if (SWITCHES.has(flag) && inline === undefined) {
      if (flag === "--json") options.json = true;
      else options.failOnUnmanaged = true;
      continue;
    }
    if (!VALUED.has(flag)) throw new ConfigurationError(`unknown argument "${arg}"; run \`pulumi-access-keys audit --help\``);
    const value = inline ?? argv[++i];
    if (value === undefined || value === "" || (inline === undefined && value.startsWith("--"))) {
      throw new ConfigurationError(`${flag} needs a value`);
    }
    if (flag === "--stack") options.stacks.push(value);
    else if (flag === "--state") options.states.push(value);
    else options.cwd = value;
  }
  return options;
}
