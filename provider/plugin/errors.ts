/**
 * Errors for the engine, as the dynamic-provider host sends them, so both fronts print the same
 * messages: status UNKNOWN with the error's message; an error carrying `id` (a create that made a
 * key but could not finish) also carries `ErrorResourceInitFailed` with the id, the properties
 * (secret fields wrapped) and the reasons, so the engine records the key instead of orphaning it
 * (docs/plugin.md#errors).
 */
import * as grpc from "@grpc/grpc-js";
import { Any } from "google-protobuf/google/protobuf/any_pb";
import * as proto from "@pulumi/pulumi/proto/provider_pb";
import * as status from "@pulumi/pulumi/proto/status_pb";
import type { FieldTable } from "../shared/fields";
import { toStruct } from "./wire";

interface InitFailure {
  id?: unknown;
  properties?: Record<string, unknown>;
  reasons?: string[];
}

export function grpcError(e: unknown, fields: FieldTable = {}): Partial<grpc.StatusObject> {
  const message = e instanceof Error ? e.message : String(e);
  const metadata = new grpc.Metadata();
  const failure = (e ?? {}) as InitFailure;
  if (typeof failure.id === "string" && failure.id !== "") {
    const detail = new proto.ErrorResourceInitFailed().setId(failure.id).setReasonsList(failure.reasons ?? [message]);
    detail.setProperties(toStruct(failure.properties, fields));
    const details = new Any();
    details.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
    const body = new status.Status().setCode(grpc.status.UNKNOWN).setMessage(message).addDetails(details);
    metadata.add("grpc-status-details-bin", Buffer.from(body.serializeBinary()));
  }
  return { code: grpc.status.UNKNOWN, details: message, metadata };
}

