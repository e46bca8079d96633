/**
 * Fault matrix: for each cloud, each operation and each kind of misbehaviour, the operation
 * either succeeds after bounded retries or fails with a clear error naming the cloud, the
 * operation and the cause; and afterwards the cloud holds exactly the keys Pulumi believes in.
 * The outcome table is docs/reliability.md: every run checks each case's outcome against it, and
 * `npm run docs:reliability` (RELIABILITY_DOC=write) rewrites it, so `npm test` never edits the tree.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Emulator } from "../../emulator";
import { FaultKind } from "../../emulator/types";
import { authorizationOf, emulatorProvider, inventoryIds, TestedCloud, testedClouds, tokenOf } from "../helpers/clouds";
import { startEmulator } from "../helpers/emulator";

// Short, so the settle window after a lost create (three timeouts) keeps the matrix fast; the stall is three times longer.
const TIMEOUT_MS = 500;
/** No case may wait anywhere near the hour a skewed server clock suggests. */
const CASE_LIMIT_MS = 25_000;
const HOUR_MS = 3_600_000;

/**
 * Real sleeps (a slow create must really get time to land) but short steps; a server-given
 * Retry-After of 1 s is honoured in full.
 */
const FAST_POLICY = { timeoutMs: TIMEOUT_MS, baseDelayMs: 10, maxDelayMs: 1_000 };

const FAULTS: { name: string; fault: FaultKind; times: number }[] = [
  { name: "429 with Retry-After", fault: { kind: "status", status: 429, retryAfter: "1" }, times: 2 },
  { name: "429 without Retry-After", fault: { kind: "status", status: 429 }, times: 2 },
  { name: "500", fault: { kind: "status", status: 500 }, times: 2 },
  { name: "502 with an HTML page", fault: { kind: "status", status: 502, html: true }, times: 2 },
  { name: "503", fault: { kind: "status", status: 503 }, times: 2 },
  { name: "connection dropped before the response", fault: { kind: "drop" }, times: 1 },
  { name: "response lost after the cloud acted", fault: { kind: "lost" }, times: 1 },
  { name: "stall longer than the request timeout", fault: { kind: "stall", ms: TIMEOUT_MS * 3 }, times: 1 },
  { name: "truncated JSON body", fault: { kind: "garble", mode: "truncated" }, times: 1 },
  { name: "HTML body with 200", fault: { kind: "garble", mode: "html" }, times: 1 },
  { name: "JSON of the wrong shape", fault: { kind: "garble", mode: "wrong-shape" }, times: 1 },
  { name: "503 on every attempt (outage)", fault: { kind: "status", status: 503 }, times: 1_000 },
  { name: "gateway 504 while the cloud still acts", fault: { kind: "gateway", status: 504, delayMs: 300 }, times: 1 },
  { name: "error body quoting the Authorization header", fault: { kind: "echo-auth" }, times: 1 },
  { name: "server clock an hour ahead, rate limited", fault: { kind: "clock-skew" }, times: 1 },
  { name: "HTML 404 from a proxy on this path", fault: { kind: "html-404" }, times: 2 },
  { name: "404 with the cloud's unknown-route body", fault: { kind: "status", status: 404 }, times: 2 },
];

/**
 * One hour ahead, landing the server's clock 1.5 s before a minute boundary: a client that waits
 * for the server's next minute (a per-clock-minute budget) waits 1.5 s, one that compares the
 * server's reset time with its own clock waits an hour.
 */
function skewed(fault: FaultKind): FaultKind {
  if (fault.kind !== "clock-skew") return fault;
  return { ...fault, skewMs: HOUR_MS + (60_000 - (Date.now() % 60_000)) - 1_500 };
}

const OPERATIONS = ["create", "read", "update", "delete", "credentials"] as const;
type Operation = (typeof OPERATIONS)[number];

interface Row { cloud: string; operation: string; fault: string; outcome: string; calls: number }
const rows: Row[] = [];

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
  if (WRITING) writeTable(rows);
});

const DOC = path.join(__dirname, "..", "..", "docs", "reliability.md");
/** Rewrite the page from this run instead of checking against it. */
const WRITING = process.env.RELIABILITY_DOC === "write";

/** The outcome the committed page records for each case, by `cloud|operation|fault`. */
function documentedOutcomes(): Map<string, string> {
  const text = fs.existsSync(DOC) ? fs.readFileSync(DOC, "utf8") : "";
  const cells = (line: string) => line.slice(2, -2).split(/ (?<!\\)\| /);
  return new Map(text.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| Cloud")).map(cells)
    .map(([cloud, operation, fault, outcome]) => [`${cloud}|${operation}|${fault}`, outcome.replace(/\\\|/g, "|")]));
}
const documented = documentedOutcomes();

/** Runs one operation under a fault; returns what Pulumi believes exists afterwards. */
async function runCase(cloud: TestedCloud, op: Operation, fault: FaultKind, times: number): Promise<{ believed: string[]; outcome: string }> {
  const { harness } = cloud;
  const provider = emulatorProvider(cloud, emulator, FAST_POLICY, { realSleep: true });
  const { inputs } = await provider.check({}, { logicalName: "matrix", ...harness.inputs() });
  let existing: { id: string; outs: Record<string, unknown> } | undefined;
  if (op !== "create") existing = await provider.create(inputs as Record<string, unknown>);
  emulator.resetCounts();
  const { method, route } = harness.routes[op];
  emulator.inject({ ...skewed(fault), cloud: cloud.name, method, route, times } as never);
  try {
    if (op === "create") {
      const created = await provider.create(inputs as Record<string, unknown>);
      return { believed: [created.id], outcome: "succeeded" };
    }
    if (op === "read") {
      const read = await provider.read(existing!.id, existing!.outs);
      // An unconfirmed 404 reported as "gone" drops the key and its secret from state.
      if (read.id !== existing!.id) return { believed: [], outcome: "reported gone" };
    } else if (op === "update" || op === "credentials") {
      const olds = inputs as Record<string, unknown>;
      const change = op === "update" ? harness.renamed(olds, "matrix-renamed") : harness.rotated!(olds);
      const { inputs: news } = await provider.check(olds, change);
      const { outs } = await provider.update(existing!.id, existing!.outs, news as Record<string, unknown>);
      if (op === "credentials") expect(outs[harness.secretOutput]).not.toBe(existing!.outs[harness.secretOutput]);
    } else {
      await provider.delete(existing!.id, existing!.outs);
      return { believed: [], outcome: "succeeded" };
    }
    return { believed: [existing!.id], outcome: "succeeded" };
  } catch (err) {
    const believed = op === "create" ? [] : existing ? [existing.id] : [];
    return { believed, outcome: errorOutcome(cloud, op, (err as Error).message) };
  }
}

/**
 * "clear error: ..." when the message names the operation and the cloud and holds no credential;
 * otherwise says what is wrong (the table never shows a leaked value, only that it leaked).
 */
function errorOutcome(cloud: TestedCloud, op: Operation, message: string): string {
  const credentials = [authorizationOf(cloud), tokenOf(cloud), ...secretsHeld(emulator, cloud)];
  const leaked = credentials.filter((c) => message.includes(c));
  const shown = stable(credentials.reduce((m, c) => m.split(c).join("[LEAKED]"), message));
  if (leaked.length > 0) return `error LEAKING a credential: ${shown}`;
  const named = new RegExp(`${verb(op)}.*${cloud.title}|${cloud.title}.*${verb(op)}`, "i").test(message);
  return named ? `clear error: ${shown}` : `unclear error: ${shown}`;
}

for (const cloud of testedClouds()) {
  describe(`${cloud.title} under faults`, () => {
    for (const op of OPERATIONS.filter((o) => cloud.harness.routes[o])) {
      for (const { name, fault, times } of FAULTS) {
        it(`${op}: ${name}`, async () => {
          emulator.reset();
          cloud.harness.prepare?.(emulator);
          const started = Date.now();
          const { believed, outcome } = await runCase(cloud, op, fault, times);
          const elapsed = Date.now() - started;
          // A stalled request or one behind a gateway lands late: compare only once it has.
          if (fault.kind === "stall") await new Promise((resolve) => setTimeout(resolve, fault.ms));
          await emulator.settled();
          rows.push({ cloud: cloud.title, operation: op, fault: name, outcome, calls: emulator.count(cloud.name) });
          // The page must say what the provider does today (`npm run docs:reliability` rewrites it).
          const label = `${cloud.title} ${op}: ${name}`;
          if (!WRITING) expect({ label, outcome }).toEqual({ label, outcome: documented.get(`${cloud.title}|${op}|${name}`) });
          expect(outcome).not.toBe("reported gone");
          expect(outcome).not.toMatch(/^(error LEAKING|unclear error)/);
          expect(elapsed).toBeLessThan(CASE_LIMIT_MS);
          expect(inventoryIds(cloud, emulator).sort()).toEqual(believed.sort());
        }, CASE_LIMIT_MS + 10_000);
      }
    }
  });
}

/** Every secret the cloud holds (secret keys, tokens), whatever the cloud calls the field. */
function secretsHeld(emulator: Emulator, cloud: TestedCloud): string[] {
  return emulator
    .cloud(cloud.name)
    .inventory()
    .flatMap((key) => Object.entries(key).filter(([k, v]) => /secret|token/i.test(k) && typeof v === "string" && v.length >= 8).map(([, v]) => v as string));
}

/** The message with run-specific ids, names and timings replaced, so the table is stable. */
function stable(message: string): string {
  return message
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|objkey_\w+|(?<=key )\d+|(?<=\/keys\/)\d+/g, "<id>")
    .replace(/matrix-[a-z0-9]{7}/g, "matrix-<suffix>")
    .replace(/over [\d.]+ s/g, "over <t> s");
}

/** The word an error message uses for an operation. */
function verb(op: Operation): string {
  return op === "credentials" ? "credentials" : op;
}

/** What the matrix cannot show, kept with the table so the page stays whole when it is rewritten. */
const OUTSIDE_THE_TABLE = [
  "## Outside this table",
  "",
  "Two engine behaviours users meet (README, [Reliability](../README.md#reliability)):",
  "",
  "- An interrupted `pulumi up` (a cancelled CI job, a SIGKILL) between the cloud making a key and",
  "  Pulumi saving it leaves a key the stack does not know: the next `pulumi up` warns \"interrupted",
  "  while creating\" and creates another. Find the leftover key with `pulumi-access-keys audit`",
  "  ([docs/audit.md](audit.md)) or by its name or label, then delete it or adopt it with",
  "  `existingKeyId`.",
  "- Verbose engine logs (`-v=9 --logtostderr`) print tokens and secrets in plain text: never share them.",
  "",
];

function writeTable(all: Row[]): void {
  if (all.length === 0) return;
  const lines = [
    "# Reliability under faults",
    "",
    "Produced by `npm run docs:reliability` (`test/faults/matrix.test.ts`, which every `npm test` runs",
    "to check that each case still has the outcome shown here): each cloud operation against the",
    "emulator with one kind of fault injected. *calls* counts every request the operation made,",
    "retries and recovery look-ups included, in the run that wrote the page: cases that wait on",
    "timeouts or a settle window can differ by a few calls from run to run. After every case (and after any request a gateway",
    "answered for has landed) the emulator holds exactly the keys Pulumi believes exist (no orphan,",
    "no missing key); no read reports a key gone on an unconfirmed 404, no error message carries the",
    "token or the Authorization value, and no case waits longer than 25 s (the skewed-clock case",
    "must not wait the hour its reset headers suggest). Rows are written whether or not the case",
    "met these targets; a failing case's row shows what the provider did.",
    "",
    "| Cloud | Operation | Fault | Outcome | Calls |",
    "|---|---|---|---|---|",
    ...all.map((r) => `| ${r.cloud} | ${r.operation} | ${r.fault} | ${r.outcome.replace(/\|/g, "\\|")} | ${r.calls} |`),
    "",
    ...OUTSIDE_THE_TABLE,
  ];
  fs.writeFileSync(DOC, lines.join("\n"));
}
