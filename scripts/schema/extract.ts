/**
 * Reads, with the TypeScript compiler API, what each registered resource kind's field table
 * declares (shared/fields.ts): every field's TSDoc (the same text users see on the `Args`
 * properties and Resource outputs) and its types (the `arg`, `shown` and `state` markers), as
 * Pulumi schema type specs. Objects become named types (`<package>:<cloud>:<Name>`). Finds a
 * table from its registration (`{ kind: "<cloud>:<Type>", fields: <table>, ... }`), so a new
 * cloud needs nothing here. Generation time only: the plugin itself never loads TypeScript.
 */
import * as ts from "typescript";

export interface TypeSpec {
  type?: string;
  items?: TypeSpec;
  $ref?: string;
  oneOf?: TypeSpec[];
}

export interface ObjectTypeSpec {
  description?: string;
  type: "object";
  properties: Record<string, TypeSpec & { description?: string }>;
  required?: string[];
}

export interface ExtractedField {
  description: string;
  /** From `arg`: the argument's type, `pulumi.Input` taken off. */
  input?: TypeSpec;
  /** From `shown`, else `state`, else the argument's: the output's type. */
  output?: TypeSpec;
}

export interface Extracted {
  /** Per kind (`<cloud>:<Type>`), per field. */
  kinds: Map<string, Map<string, ExtractedField>>;
  /** Object types by token. */
  types: Record<string, ObjectTypeSpec>;
}

/** What `pulumi.Input<T>` adds to `T`: `Promise<T> | Output<T>` (an intersection, named by its alias). */
const INPUT_WRAPPERS = new Set(["Promise", "OutputInstance", "Output"]);

function isInputWrapper(t: ts.Type): boolean {
  return INPUT_WRAPPERS.has(t.aliasSymbol?.name ?? "") || INPUT_WRAPPERS.has(t.getSymbol()?.name ?? "");
}

export function extractFieldTables(rootFiles: string[], packageName: string): Extracted {
  const program = ts.createProgram(rootFiles, { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, strict: true, skipLibCheck: true, esModuleInterop: true });
  const checker = program.getTypeChecker();
  const out: Extracted = { kinds: new Map(), types: {} };
  for (const file of program.getSourceFiles()) {
    if (file.isDeclarationFile || file.fileName.includes("/node_modules/")) continue;
    const visit = (node: ts.Node): void => {
      const registration = kindRegistration(node);
      if (registration) out.kinds.set(registration.kind, fieldsOf(checker, registration.fields, registration.kind, packageName, out.types));
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return out;
}

/** `{ kind: "<cloud>:<Type>", fields: <expression>, ... }` */
function kindRegistration(node: ts.Node): { kind: string; fields: ts.Expression } | undefined {
  if (!ts.isObjectLiteralExpression(node)) return undefined;
  const prop = (name: string) => node.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText() === name);
  const kind = prop("kind");
  const fields = prop("fields");
  if (!kind || !fields || !ts.isStringLiteral(kind.initializer) || !kind.initializer.text.includes(":")) return undefined;
  return { kind: kind.initializer.text, fields: fields.initializer };
}

function fieldsOf(checker: ts.TypeChecker, table: ts.Expression, kind: string, pkg: string, types: Extracted["types"]): Map<string, ExtractedField> {
  const [cloud, typeName] = kind.split(":");
  const ctx: Ctx = { checker, pkg, cloud, types };
  const fields = new Map<string, ExtractedField>();
  for (const symbol of checker.getTypeAtLocation(table).getProperties()) {
    const entry = checker.getTypeOfSymbolAtLocation(symbol, table);
    const marker = (name: string) => typedValue(checker, entry, name, table);
    const hint = `${typeName}${capitalize(symbol.name)}`;
    const arg = marker("arg");
    const input = arg && toSpec(ctx, arg, hint);
    const outType = marker("shown") ?? marker("state");
    fields.set(symbol.name, {
      description: ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim(),
      input,
      output: input ?? (outType && toSpec(ctx, outType, hint)),
    });
  }
  return fields;
}

/** The `T` of an entry's `Typed<T>` property `name`, without null and undefined. */
function typedValue(checker: ts.TypeChecker, entry: ts.Type, name: string, at: ts.Node): ts.Type | undefined {
  const marker = entry.getProperty(name);
  if (!marker) return undefined;
  const typed = checker.getTypeOfSymbolAtLocation(marker, at);
  // `Typed<T>` has one property, keyed by a unique symbol; `shown: true` is not a `Typed`.
  const carrier = typed.getProperties().find((p) => p.escapedName.toString().startsWith("__@"));
  if (!carrier) return undefined;
  return checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(carrier, at));
}

interface Ctx {
  checker: ts.TypeChecker;
  pkg: string;
  cloud: string;
  types: Extracted["types"];
}

function toSpec(ctx: Ctx, raw: ts.Type, hint: string): TypeSpec {
  const { checker } = ctx;
  const type = checker.getNonNullableType(raw);
  if (type.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) return { type: "boolean" };
  if (type.isUnion()) {
    const members = type.types.filter((t) => !isInputWrapper(t) && !(t.flags & ts.TypeFlags.Undefined));
    if (members.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) return { type: "boolean" };
    const specs = unique(members.map((t) => toSpec(ctx, t, hint)));
    return specs.length === 1 ? specs[0] : { type: "string", oneOf: specs };
  }
  if (type.flags & (ts.TypeFlags.String | ts.TypeFlags.StringLiteral)) return { type: "string" };
  if (type.flags & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral)) return { type: "number" };
  if (checker.isArrayType(type)) return { type: "array", items: toSpec(ctx, checker.getTypeArguments(type as ts.TypeReference)[0], hint) };
  if (type.flags & ts.TypeFlags.Object) return { $ref: `#/types/${objectType(ctx, type, hint)}` };
  return { $ref: "pulumi.json#/Any" };
}

/** Registers an object type, named after its interface (`BucketAccessArgs` -> `BucketAccess`) or the field. */
function objectType(ctx: Ctx, type: ts.Type, hint: string): string {
  const declared = type.aliasSymbol?.name ?? type.getSymbol()?.name;
  const name = declared && !declared.startsWith("__") ? declared.replace(/Args$/, "") : hint;
  const token = `${ctx.pkg}:${ctx.cloud}:${name}`;
  if (ctx.types[token]) return token;
  const spec: ObjectTypeSpec = { type: "object", properties: {} };
  ctx.types[token] = spec;
  const required: string[] = [];
  for (const symbol of type.getProperties()) {
    const decl = symbol.valueDeclaration ?? symbol.declarations?.[0];
    const propType = decl ? ctx.checker.getTypeOfSymbolAtLocation(symbol, decl) : ctx.checker.getTypeOfSymbol(symbol);
    const description = ts.displayPartsToString(symbol.getDocumentationComment(ctx.checker)).trim();
    spec.properties[symbol.name] = { ...toSpec(ctx, propType, `${name}${capitalize(symbol.name)}`), ...(description ? { description } : {}) };
    if (!(symbol.flags & ts.SymbolFlags.Optional)) required.push(symbol.name);
  }
  if (required.length > 0) spec.required = required;
  return token;
}

function unique(specs: TypeSpec[]): TypeSpec[] {
  const seen = new Map(specs.map((s) => [JSON.stringify(s), s]));
  return [...seen.values()];
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
