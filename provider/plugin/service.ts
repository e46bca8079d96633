/**
 * The plugin's gRPC service (pulumirpc.ResourceProvider, protos from `@pulumi/pulumi/proto`):
 * decodes each request, calls config.ts or resources.ts, encodes the answer. Our own service
 * rather than `@pulumi/pulumi/provider`'s, which drops the Configure arguments, crashes on an
 * import's Read and sends no detailed diff (docs/plugin.md#why-our-own-service). Methods not
 * listed here answer UNIMPLEMENTED (grpc-js does that for missing handlers).
 */
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as plugin from "@pulumi/pulumi/proto/plugin_pb";
import * as rpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as proto from "@pulumi/pulumi/proto/provider_pb";
import { changedConfig, checkConfig, configure } from "./config";
import { grpcError } from "./errors";
import type { FieldTable } from "../shared/fields";
import { ChangeKind, PluginResource, check, diff, importState, resourceFor } from "./resources";
import { fromStruct, toStruct } from "./wire";

type Handler<Req, Res> = (req: Req) => Promise<Res>;

/** A unary handler: the promise's answer, or its error as the engine expects errors (errors.ts). */
function unary<Req, Res>(handle: Handler<Req, Res>): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    handle(call.request).then((res) => callback(null, res), (e: unknown) => callback(grpcError(e)));
  };
}

interface ResourceRequest {
  getType(): string;
  getUrn(): string;
}

/** A resource RPC: the resource type found from the request, errors sealed with its secret fields. */
function resourceCall<Req extends ResourceRequest, Res>(handle: (r: PluginResource, req: Req) => Promise<Res>): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    let fields: FieldTable = {};
    const run = async () => {
      const r = resourceFor(call.request.getType(), call.request.getUrn());
      fields = r.fields;
      return handle(r, call.request);
    };
    run().then((res) => callback(null, res), (e: unknown) => callback(grpcError(e, fields)));
  };
}

const KINDS: Record<ChangeKind, proto.PropertyDiff.Kind> = {
  "add": proto.PropertyDiff.Kind.ADD, "add-replace": proto.PropertyDiff.Kind.ADD_REPLACE,
  "delete": proto.PropertyDiff.Kind.DELETE, "delete-replace": proto.PropertyDiff.Kind.DELETE_REPLACE,
  "update": proto.PropertyDiff.Kind.UPDATE, "update-replace": proto.PropertyDiff.Kind.UPDATE_REPLACE,
};

function diffResponse(changes: boolean, replaces: string[], detailed: Record<string, ChangeKind>, deleteBeforeReplace = false): proto.DiffResponse {
  const res = new proto.DiffResponse();
  res.setChanges(changes ? proto.DiffResponse.DiffChanges.DIFF_SOME : proto.DiffResponse.DiffChanges.DIFF_NONE);
  res.setReplacesList(replaces);
  res.setDeletebeforereplace(deleteBeforeReplace);
  res.setHasdetaileddiff(true);
  const map = res.getDetaileddiffMap();
  for (const [key, kind] of Object.entries(detailed)) map.set(key, new proto.PropertyDiff().setKind(KINDS[kind]).setInputdiff(true));
  return res;
}

type Failure = { property: string; reason: string };

function checkResponse(inputs: Struct | undefined, failures: Failure[]): proto.CheckResponse {
  return new proto.CheckResponse().setInputs(inputs).setFailuresList(failures.map((f) => new proto.CheckFailure().setProperty(f.property).setReason(f.reason)));
}

export interface ServiceOptions {
  version: string;
  /** The package schema, as JSON text. */
  schema: string;
}

/** The handlers of the ResourceProvider service. */
export function providerService(options: ServiceOptions): Partial<rpc.IResourceProviderServer> {
  return {
    getPluginInfo: unary(async () => new plugin.PluginInfo().setVersion(options.version)),
    getSchema: unary(async () => new proto.GetSchemaResponse().setSchema(options.schema)),
    ...configHandlers(),
    ...resourceHandlers(),
    // Calls in flight finish on their own deadlines (shared/http/retry.ts); nothing to stop here.
    cancel: unary(async () => new Empty()),
  };
}

/** The provider's own configuration (config.ts). */
function configHandlers(): Partial<rpc.IResourceProviderServer> {
  return {
    // The config stays as given (secrets still wrapped), so the engine keeps tokens ciphertext.
    checkConfig: unary(async (req: proto.CheckRequest) => checkResponse(req.getNews(), checkConfig(fromStruct(req.getNews()) ?? {}))),
    diffConfig: unary(async (req: proto.DiffRequest) => {
      const changed = changedConfig(fromStruct(req.getOldInputs() ?? req.getOlds()) ?? {}, fromStruct(req.getNews()) ?? {});
      return diffResponse(changed.length > 0, [], Object.fromEntries(changed.map((k) => [k, "update" as const])));
    }),
    configure: unary(async (req: proto.ConfigureRequest) => {
      const variables = Object.fromEntries(req.getVariablesMap().toArray());
      configure({ ...variables, ...fromStruct(req.getArgs()) });
      return new proto.ConfigureResponse().setAcceptsecrets(true).setSupportspreview(false).setAcceptresources(false);
    }),
  };
}

/** The resource RPCs (resources.ts). */
function resourceHandlers(): Partial<rpc.IResourceProviderServer> {
  return {
    check: resourceCall(async (r, req: proto.CheckRequest) => {
      const result = await check(r, fromStruct(req.getOlds()), fromStruct(req.getNews()) ?? {});
      return checkResponse(result.inputs === undefined ? undefined : toStruct(result.inputs, r.fields), result.failures ?? []);
    }),
    diff: resourceCall(async (r, req: proto.DiffRequest) => {
      const d = await diff(r, req.getId(), fromStruct(req.getOlds()) ?? {}, fromStruct(req.getNews()) ?? {}, fromStruct(req.getOldInputs()));
      return diffResponse(d.changes, d.replaces, d.detailedDiff, d.deleteBeforeReplace);
    }),
    create: resourceCall(async (r, req: proto.CreateRequest) => {
      const made = await r.provider.create(fromStruct(req.getProperties()) ?? {});
      return new proto.CreateResponse().setId(made.id).setProperties(toStruct(made.outs, r.fields));
    }),
    // An import sends the id alone: no properties (docs/plugin.md#import).
    read: resourceCall(async (r, req: proto.ReadRequest) => {
      const props = fromStruct(req.getProperties());
      const state = props && Object.keys(props).length > 0 ? props : await importState(r);
      const found = await r.provider.read(req.getId(), state);
      const res = new proto.ReadResponse().setId(found.id ?? "");
      if (!found.id) return res;
      res.setProperties(toStruct(found.props, r.fields));
      return found.inputs === undefined ? res : res.setInputs(toStruct(found.inputs, r.fields));
    }),
    update: resourceCall(async (r, req: proto.UpdateRequest) => {
      const updated = await r.provider.update(req.getId(), fromStruct(req.getOlds()) ?? {}, fromStruct(req.getNews()) ?? {});
      return new proto.UpdateResponse().setProperties(toStruct(updated.outs, r.fields));
    }),
    delete: resourceCall(async (r, req: proto.DeleteRequest) => {
      await r.provider.delete(req.getId(), fromStruct(req.getProperties()) ?? {});
      return new Empty();
    }),
  };
}

/** Serves the provider on a loopback port; resolves with the port once it is bound. */
export function serve(options: ServiceOptions): Promise<{ server: grpc.Server; port: number }> {
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(rpc.ResourceProviderService, providerService(options) as rpc.IResourceProviderServer);
  return new Promise((resolve, reject) => {
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => (err ? reject(err) : resolve({ server, port })));
  });
}
