/**
 * Drives the real dynamic-provider host from `@pulumi/pulumi` (cmd/dynamic-provider) over gRPC,
 * the way the engine does: spawn it with the program folder as cwd, read its port from stdout,
 * Configure, then call resource methods with the serialized provider in `__provider`.
 */
import { ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as pulumi from "@pulumi/pulumi";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const providerGrpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const providerPb = require("@pulumi/pulumi/proto/provider_pb");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Struct } = require("google-protobuf/google/protobuf/struct_pb");

export const REPO_ROOT = path.resolve(__dirname, "..", "..");

type Props = Record<string, unknown>;

export interface Host {
  serialized: string;
  /** Everything the host printed (checked for leaked secrets). */
  output(): string;
  configure(config: Record<string, string>): Promise<void>;
  check(olds: Props, news: Props): Promise<{ inputs: Props; failures: { property: string; reason: string }[] }>;
  diff(id: string, olds: Props, news: Props): Promise<{ changes: number; replaces: string[] }>;
  create(props: Props): Promise<{ id: string; properties: Props }>;
  read(id: string, props: Props): Promise<{ id: string; properties: Props; inputs: Props }>;
  update(id: string, olds: Props, news: Props): Promise<Props>;
  delete(id: string, props: Props): Promise<void>;
  stop(): Promise<void>;
}

export async function serializeProvider(provider: object): Promise<string> {
  const { text } = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  return text;
}

export async function startHost(provider: object, env: NodeJS.ProcessEnv = {}): Promise<Host> {
  const serialized = await serializeProvider(provider);
  const entry = require.resolve("@pulumi/pulumi/cmd/dynamic-provider", { paths: [REPO_ROOT] });
  const child = spawn(process.execPath, [entry, "127.0.0.1:0"], {
    cwd: REPO_ROOT,
    env: { ...process.env, PULUMI_NODEJS_PROJECT: "host-test", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stderr!.on("data", (d) => (output += d));
  const port = await firstLine(child, (d) => (output += d));
  const client = new providerGrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const call = <T>(method: string, req: unknown): Promise<T> =>
    new Promise((resolve, reject) => client[method](req, (err: Error | null, res: T) => (err ? reject(err) : resolve(res))));
  const withProvider = (props: Props) => Struct.fromJavaScript({ ...props, __provider: serialized });
  const urn = "urn:pulumi:test::host-test::pulumi-nodejs:dynamic/test:Key::key";

  return {
    serialized,
    output: () => output,
    async configure(config) {
      const req = new providerPb.ConfigureRequest();
      req.setArgs(Struct.fromJavaScript(config));
      await call("configure", req);
    },
    async check(olds, news) {
      const req = new providerPb.CheckRequest();
      req.setUrn(urn);
      req.setOlds(Struct.fromJavaScript(olds));
      req.setNews(withProvider(news));
      const res = await call<any>("check", req);
      return {
        inputs: res.getInputs().toJavaScript(),
        failures: res.getFailuresList().map((f: any) => ({ property: f.getProperty(), reason: f.getReason() })),
      };
    },
    async diff(id, olds, news) {
      const req = new providerPb.DiffRequest();
      req.setId(id);
      req.setUrn(urn);
      req.setOlds(withProvider(olds));
      req.setNews(withProvider(news));
      const res = await call<any>("diff", req);
      return { changes: res.getChanges(), replaces: res.getReplacesList() };
    },
    async create(props) {
      const req = new providerPb.CreateRequest();
      req.setUrn(urn);
      req.setProperties(withProvider(props));
      const res = await call<any>("create", req);
      return { id: res.getId(), properties: res.getProperties().toJavaScript() };
    },
    async read(id, props) {
      const req = new providerPb.ReadRequest();
      req.setId(id);
      req.setUrn(urn);
      req.setProperties(withProvider(props));
      const res = await call<any>("read", req);
      return { id: res.getId(), properties: res.getProperties()?.toJavaScript() ?? {}, inputs: res.getInputs()?.toJavaScript() ?? {} };
    },
    async update(id, olds, news) {
      const req = new providerPb.UpdateRequest();
      req.setId(id);
      req.setUrn(urn);
      req.setOlds(withProvider(olds));
      req.setNews(withProvider(news));
      const res = await call<any>("update", req);
      return res.getProperties().toJavaScript();
    },
    async delete(id, props) {
      const req = new providerPb.DeleteRequest();
      req.setId(id);
      req.setUrn(urn);
      req.setProperties(withProvider(props));
      await call("delete", req);
    },
    async stop() {
      client.close();
      child.kill();
      await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once("exit", resolve)));
    },
  };
}

function firstLine(child: ChildProcess, onData: (d: string) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    let buffer = "";
    child.stdout!.on("data", (d: Buffer) => {
      onData(d.toString());
      buffer += d.toString();
      const line = buffer.split("\n")[0];
      if (buffer.includes("\n") && /^\d+$/.test(line.trim())) resolve(Number(line.trim()));
    });
    child.once("exit", (code) => reject(new Error(`provider host exited with ${code} before printing its port`)));
  });
}

/** Starts a host for a provider, configures it from stack config, runs `body`, and always stops it. */
export async function withHost(provider: object, env: NodeJS.ProcessEnv, config: Record<string, string>, body: (host: Host) => Promise<void>): Promise<void> {
  const host = await startHost(provider, env);
  try {
    await host.configure(config);
    await body(host);
  } finally {
    await host.stop();
  }
}
