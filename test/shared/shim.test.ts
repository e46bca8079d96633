/**
 * The serialized provider (`__provider` in state) is the thin shim: small, free of credentials
 * and secrets, identical for every resource of a kind.
 */
import * as pulumi from "@pulumi/pulumi";
import { serializeProvider } from "../helpers/host";

const TOKEN = "linode-token-that-must-never-be-serialized";
const seen: { type: string; provider: unknown }[] = [];

beforeAll(() => {
  process.env.LINODE_TOKEN = TOKEN;
  pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        seen.push({ type: args.type, provider: args.inputs.__provider });
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: () => ({}),
    },
    "project",
    "stack",
    false,
  );
});
afterAll(() => delete process.env.LINODE_TOKEN);

test("the provider object answers every method directly in the program, too", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { linode } = require("../../provider") as typeof import("../../provider");
  for (const m of ["check", "diff", "create", "read", "update", "delete", "configure"] as const) {
    expect(typeof linode.objectStorageKeyProvider[m]).toBe("function");
  }
});

test("every resource carries the same small shim, with no token, zod or undici inside", async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { linode } = require("../../provider") as typeof import("../../provider");
  const a = new linode.ObjectStorageKey("a", { label: "key-a" });
  const b = new linode.ObjectStorageKey("b", { bucketAccess: [{ bucketName: "bkt", region: "us-east", permissions: "read_only" }] });
  await new Promise<void>((resolve) => pulumi.all([a.id, b.id]).apply(() => resolve()));

  expect(seen.map((s) => s.type)).toEqual([
    "pulumi-nodejs:dynamic/linode:ObjectStorageKey",
    "pulumi-nodejs:dynamic/linode:ObjectStorageKey",
  ]);
  const [first, second] = seen.map((s) => s.provider as string);
  expect(first).toBe(second);
  expect(first).toBe(await serializeProvider(linode.objectStorageKeyProvider));
  expect(Buffer.byteLength(first)).toBeLessThan(1024);
  expect(first).toContain('require("pulumi-access-keys/runtime")');
  // Only the bootstrap is stored; the real methods are installed by configure in the host.
  expect(first).not.toMatch(/\b(check|diff|create|update|delete): __f/);
  for (const forbidden of [TOKEN, "zod", "undici", "Bearer", "_parse"]) expect(first).not.toContain(forbidden);
});
