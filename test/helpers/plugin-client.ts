/**
 * The provider plugin's gRPC service (provider/plugin/service.ts) served in-process on a loopback
 * port, with a client that speaks to it as the engine does: plain objects in, plain objects out,
 * secrets in the engine's wire shape.
 */
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as rpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as proto from "@pulumi/pulumi/proto/provider_pb";
import { serve } from "../../provider/plugin/service";
import { SECRET_SIG, SECRET_VALUE } from "../../provider/plugin/wire";
import schema from "../../provider/plugin/schema.json";

export type Props = Record<string, unknown>;

export const wireSecret = (value: unknown) => ({ [SECRET_SIG]: SECRET_VALUE, value });
export const urn = (type: string, name: string) => `urn:pulumi:test::plugin::${type}::${name}`;

export interface PluginClient {
  client: rpc.ResourceProviderClient;
  call<Req, Res>(method: string, req: Req): Promise<Res>;
  stop(): Promise<void>;
}

export async function startPlugin(version = "0.0.0-test"): Promise<PluginClient> {
  const { server, port } = await serve({ version, schema: JSON.stringify(schema) });
  const client = new rpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  return {
    client,
    call: <Req, Res>(method: string, req: Req) => new Promise<Res>((resolve, reject) => {
      (client as unknown as Record<string, (r: Req, cb: (e: grpc.ServiceError | null, res: Res) => void) => void>)[method](req, (e, res) => (e ? reject(e) : resolve(res)));
    }),
    stop: async () => {
      client.close();
      await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
    },
  };
}

export const struct = (props: Props) => Struct.fromJavaScript(props as never);
export const empty = () => new Empty();
export { proto };
