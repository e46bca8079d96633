/**
 * The Widgets key lifecycle and the cloud's descriptor, from the package's shared pieces only:
 * `check` (shared/check.ts), the shared HTTP layer (api.ts), create recovery (shared/recovery.ts),
 * gone confirmation (shared/gone.ts) and per-resource credentials (shared/credentials.ts).
 * Calls: check 0, diff 0, create 1, read 1 (+1 list after a 404), update 1 (0 when nothing
 * changed), delete 1 (+1 list after a 404).
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { validateInputs } from "../../provider/shared/check";
import type { CloudDescriptor } from "../../provider/shared/cloud";
import { Connect } from "../../provider/shared/context";
import { CredentialsSpec, connectWith, credentialToken, credentialUrl, credentialsHint } from "../../provider/shared/credentials";
import { deleteUnlessGone, GoneCheck, readUnlessGone } from "../../provider/shared/gone";
import { ClientContext } from "../../provider/shared/http/request";
import { anyItem, findAll } from "../../provider/shared/http/pagination";
import { plain } from "../../provider/shared/plain";
import { createWithRecovery } from "../../provider/shared/recovery";
import type { Created, Read, Updated } from "../../provider/shared/results";
import { FieldTable, typed } from "../../provider/shared/fields";
import * as api from "./api";

export const WIDGETS_CREDENTIALS: CredentialsSpec = {
  what: "The Widgets token", tokenField: "token", urlField: "url",
  token: { configKey: "widgets:token", envVar: "WIDGETS_TOKEN" }, url: { configKey: "widgets:url", envVar: "WIDGETS_URL" },
  defaultUrl: "https://api.widgets.invalid", scheme: "Bearer",
};

export const widgetKeyInputs = z.strictObject({
  name: z.string().min(1, "name must not be empty").max(64, "name must be at most 64 characters"),
  scopes: z.array(z.enum(["read", "write"], { error: 'each scope must be "read" or "write"' })).min(1, "scopes must name at least one scope"),
  logicalName: z.string().optional(),
  credentials: z.strictObject({ token: credentialToken("credentials.token"), url: credentialUrl("credentials.url").optional() }).optional(),
});
export type WidgetKeyInputs = z.infer<typeof widgetKeyInputs>;
/** Scopes as the cloud shows them (it may know more than this resource sets). */
export interface WidgetKeyOutputs extends Omit<WidgetKeyInputs, "scopes"> {
  scopes: string[];
  createdAt: string;
  /** Shown once, by the create answer; kept from state afterwards. */
  secret: string;
}

/** The Widgets key's fields (shared/fields.ts), for the provider plugin's schema and diffs. */
export const widgetKeyFields = {
  logicalName: { input: widgetKeyInputs.shape.logicalName, state: typed<string>(), optional: true, echo: true },
  /** Key name, 1..64 characters. */
  name: { input: widgetKeyInputs.shape.name, arg: typed<string>(), state: typed<string>(), shown: true, diff: "update" },
  /** What the key may do: `read`, `write`. */
  scopes: { input: widgetKeyInputs.shape.scopes, arg: typed<string[]>(), state: typed<string[]>(), shown: true, diff: "update" },
  /** Another account's token and URL. */
  credentials: { input: widgetKeyInputs.shape.credentials, arg: typed<{ token: string; url?: string }>(), state: typed<{ token: string; url?: string }>(), optional: true, echo: true, secret: true },
  /** ISO 8601 creation time. */
  createdAt: { state: typed<string>(), shown: true },
  /** The key's secret. */
  secret: { state: typed<string>(), shown: true, secret: true },
} as const satisfies FieldTable;

type Meta = Pick<WidgetKeyInputs, "logicalName" | "credentials">;
const flatten = (key: api.WidgetKey, secret: string, given: Meta): WidgetKeyOutputs =>
  plain({ logicalName: given.logicalName, credentials: given.credentials, name: key.name, scopes: key.scopes, createdAt: key.createdAt, secret });

export class WidgetKeyProvider implements pulumi.dynamic.ResourceProvider<WidgetKeyInputs, WidgetKeyOutputs> {
  constructor(private readonly connect: Connect = connectWith(WIDGETS_CREDENTIALS)) {}

  async check(_olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult<WidgetKeyInputs>> {
    const { __provider: _ignored, ...given } = news;
    return plain(validateInputs(widgetKeyInputs, given));
  }

  async diff(_id: string, olds: WidgetKeyOutputs, news: WidgetKeyInputs): Promise<pulumi.dynamic.DiffResult> {
    const changed = olds.name !== news.name || [...olds.scopes].sort().join() !== [...news.scopes].sort().join();
    return { changes: changed, replaces: [], deleteBeforeReplace: false };
  }

  async create(inputs: WidgetKeyInputs): Promise<Created<WidgetKeyOutputs>> {
    const ctx = this.connect(inputs.credentials);
    const body = { name: inputs.name, scopes: inputs.scopes };
    const made = await createWithRecovery<{ key: api.WidgetKey; secret?: string }>({
      create: () => api.createWidgetKey(ctx, body),
      findCandidates: async () => (await findAll("", (c) => api.listWidgetKeys(ctx, c), (k) => k.name === body.name)).map((key) => ({ key })),
      // A found key's secret is lost for good: delete it and create again.
      resolve: async ({ key }) => (await api.deleteWidgetKey(ctx, key.id), undefined),
      nameIsUnique: false,
      describe: ({ key }) => `Widgets key ${key.id} ("${key.name}")`,
      idOf: ({ key }) => key.id,
      subject: `Widgets key "${body.name}"`,
      ctx,
    });
    return { id: made.key.id, outs: flatten(made.key, made.secret ?? "", inputs) };
  }

  async read(id: string, props?: WidgetKeyOutputs): Promise<Read<WidgetKeyOutputs>> {
    const ctx = this.connect(props?.credentials);
    const key = await readUnlessGone(() => api.getWidgetKey(ctx, id), goneCheck(ctx, id, props?.credentials));
    if (key === undefined) return { id: "", props: {} as WidgetKeyOutputs };
    const outs = flatten(key, props?.secret ?? "", props ?? {});
    return { id, props: outs, inputs: plain({ name: outs.name, scopes: outs.scopes, logicalName: outs.logicalName }) as WidgetKeyOutputs };
  }

  async update(id: string, olds: WidgetKeyOutputs, news: WidgetKeyInputs): Promise<Updated<WidgetKeyOutputs>> {
    const key = await api.updateWidgetKey(this.connect(news.credentials), id, { name: news.name, scopes: news.scopes });
    return { outs: flatten(key, olds.secret, news) };
  }

  async delete(id: string, props?: WidgetKeyOutputs): Promise<void> {
    const ctx = this.connect(props?.credentials);
    await deleteUnlessGone(() => api.deleteWidgetKey(ctx, id), goneCheck(ctx, id, props?.credentials));
  }
}

/** A 404 means gone only when the key list at the same address answers without the key. */
function goneCheck(ctx: ClientContext, id: string, credentials: Meta["credentials"]): GoneCheck {
  return {
    subject: `Widgets key ${id}`,
    isListed: () => anyItem("", (c) => api.listWidgetKeys(ctx, c), (k) => k.id === id),
    settingsHint: credentialsHint(WIDGETS_CREDENTIALS, credentials),
  };
}

export const widgetsCloud: CloudDescriptor = {
  name: "widgets",
  title: "Widgets",
  kinds: [{ kind: "widgets:AccessKey", fields: widgetKeyFields, provider: () => new WidgetKeyProvider() }],
  credentials: WIDGETS_CREDENTIALS,
  settings: [],
  profile: api.widgetsProfile,
  apiNotes: "test/fourth-cloud/api.ts",
};
