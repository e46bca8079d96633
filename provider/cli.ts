#!/usr/bin/env node
/**
 * The `pulumi-access-keys` command (package.json `bin`). One subcommand today: `audit`, which
 * finds the access keys no stack manages (docs/audit.md).
 */
import { auditCommand } from "./audit/run";

const USAGE = "Usage: pulumi-access-keys audit [options]   (pulumi-access-keys audit --help for the options)";

async function main(argv: string[]): Promise<number> {
  const io = { out: (t: string) => void process.stdout.write(t), err: (t: string) => void process.stderr.write(t) };
  const [command, ...rest] = argv;
  if (command === "audit") return auditCommand(rest, io);
  if (command === undefined || command === "--help" || command === "-h") {
    io.out(USAGE + "\n");
    return command === undefined ? 2 : 0;
  }
  io.err(`pulumi-access-keys: unknown command "${command}"\n${USAGE}\n`);
  return 2;
}

// Exit once the output is flushed: idle keep-alive connections must not hold the process open.
void main(process.argv.slice(2)).then((code) => process.stdout.write("", () => process.exit(code)));
