/**
 * The serialized provider (`__provider` in state) is the thin shim: small, free of credentials
 * and secrets, identical for every resource of a kind, for every registered cloud.
 */
import * as pulumi from "@pulumi/pulumi";
import type { TestedCloud } from "../helpers/clouds";
import { serializeProvider } from "../helpers/host";

/** A token per cloud's environment variable, set before the package is loaded: none may end up serialized. */
const tokenFor = (envVar: string) => `${envVar.toLowerCase()}-that-must-never-be-serialized`;
const seen: { type: string; provider: unknown }[] = [];
let envVars: string[] = [];
let clouds: TestedCloud[] = [];

beforeAll(() => {
  // The variables' names come from the registry; it is loaded apart, so that the package itself
  // is first loaded below with the tokens already set (a token read at load time would be caught).
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const registry = require("../../provider/clouds") as typeof import("../../provider/clouds");
    envVars = registry.clouds().map((c) => c.credentials.token.envVar);
  });
  for (const name of envVars) process.env[name] = tokenFor(name);
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
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  clouds = (require("../helpers/clouds") as typeof import("../helpers/clouds")).testedClouds();
});
afterAll(() => {
  for (const name of envVars) delete process.env[name];
});

test("the provider object answers every method directly in the program, too", () => {
  expect(clouds.length).toBeGreaterThan(0);
  for (const { harness } of clouds) {
    const shim = harness.engine.shim as Record<string, unknown>;
    for (const m of ["check", "diff", "create", "read", "update", "delete", "configure"] as const) expect(typeof shim[m]).toBe("function");
  }
});

test("every resource carries the same small shim, with no token, zod or undici inside", async () => {
  for (const { short, descriptor, harness } of clouds) {
    seen.length = 0;
    const a = harness.engine.declare(`${short}-a`, harness.engine.nth(0));
    const b = harness.engine.declare(`${short}-b`, harness.engine.nth(1));
    await new Promise<void>((resolve) => pulumi.all([a.id, b.id]).apply(() => resolve()));

    const type = `pulumi-nodejs:dynamic/${descriptor.kinds[0].kind}`;
    expect(seen.map((s) => s.type)).toEqual([type, type]);
    const [first, second] = seen.map((s) => s.provider as string);
    expect(first).toBe(second);
    expect(first).toBe(await serializeProvider(harness.engine.shim));
    // The serializer's own frame is about 500 bytes (docs/benchmarks.md#__provider); ours adds the kind and one call.
    expect(Buffer.byteLength(first)).toBeLessThan(600);
    expect(first).toContain('require("pulumi-access-keys/runtime").boot(this, r)');
    // Only the bootstrap is stored; the real methods are installed by configure in the host.
    expect(first).not.toMatch(/\b(check|diff|create|update|delete): __f/);
    const schemes = clouds.map((c) => `${c.descriptor.credentials.scheme} `);
    for (const forbidden of [...envVars.map(tokenFor), "zod", "undici", "Bearer", ...schemes, "_parse"]) expect(first).not.toContain(forbidden);
  }
});
