/**
 * The public types users' editors show: plain interfaces in provider/<cloud>/types.ts, held to
 * the field table by compile-time checks (fields.ts, schemas.ts). Here: their TSDoc is the
 * table's, word for word, and no published declaration file reachable from the package's entry
 * imports zod or undici (a project without `esModuleInterop`/`skipLibCheck` would fail on them).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { clouds } from "../../provider/clouds";

const ROOT = path.resolve(__dirname, "..", "..");
const BUILT_IN = clouds().filter((c) => fs.existsSync(path.join(ROOT, "provider", c.name, "types.ts")));

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
}

/** The last TSDoc block before a node, whitespace and leading `*` normalized. */
function tsdoc(source: ts.SourceFile, node: ts.Node): string | undefined {
  const blocks = (ts.getLeadingCommentRanges(source.text, node.getFullStart()) ?? [])
    .map((r) => source.text.slice(r.pos, r.end))
    .filter((t) => t.startsWith("/**"));
  const last = blocks[blocks.length - 1];
  return last?.replace(/^\/\*\*|\*\/$/g, "").split("\n").map((l) => l.replace(/^\s*\*?\s?/, "").trim()).join(" ").replace(/\s+/g, " ").trim();
}

/** Property name -> TSDoc of the field table (the exported `... satisfies FieldTable` object). */
function tableDocs(file: string): Map<string, string | undefined> {
  const source = parse(file);
  const docs = new Map<string, string | undefined>();
  const visit = (node: ts.Node): void => {
    if (ts.isSatisfiesExpression(node) && node.type.getText() === "FieldTable") {
      let literal: ts.Expression = node.expression;
      while (!ts.isObjectLiteralExpression(literal)) literal = (literal as ts.AsExpression).expression;
      for (const p of literal.properties) if (p.name) docs.set(p.name.getText(), tsdoc(source, p));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return docs;
}

/** Property name -> TSDoc of one interface. */
function interfaceDocs(file: string, name: string): Map<string, string | undefined> {
  const source = parse(file);
  const found = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name);
  if (!found) throw new Error(`${path.relative(ROOT, file)} declares no interface ${name}`);
  return new Map(found.members.map((m) => [m.name!.getText(), tsdoc(source, m)]));
}

describe.each(BUILT_IN.map((c) => [c.name, c] as const))("%s's public interfaces", (name, cloud) => {
  const className = cloud.kinds[0].kind.split(":")[1];
  const table = tableDocs(path.join(ROOT, "provider", name, "fields.ts"));
  const types = path.join(ROOT, "provider", name, "types.ts");

  test.each(["Args", "State", "Properties"])(`every property of ${className}%s carries its table entry's TSDoc`, (suffix) => {
    const declared = interfaceDocs(types, `${className}${suffix}`);
    expect(declared.size).toBeGreaterThan(0);
    for (const [property, doc] of declared) {
      expect({ property, doc }).toEqual({ property, doc: table.get(property) });
      expect({ property, documented: (doc ?? "").length > 0 }).toEqual({ property, documented: true });
    }
  });
});

test("no declaration file reachable from the package's types imports zod or undici", () => {
  const entry = path.join(ROOT, "dist", "provider", "index.d.ts");
  if (!fs.existsSync(entry)) throw new Error("dist/ is missing: run `npm run build` first");
  const seen = new Set<string>();
  const external: string[] = [];
  const walk = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = parse(file);
    const specifiers: string[] = [];
    const visit = (node: ts.Node): void => {
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        specifiers.push(node.moduleSpecifier.text);
      } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
        specifiers.push(node.argument.literal.text);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    for (const spec of specifiers) {
      if (!spec.startsWith(".")) {
        external.push(`${path.relative(ROOT, file)} -> ${spec}`);
        continue;
      }
      const base = path.resolve(path.dirname(file), spec);
      walk(fs.existsSync(`${base}.d.ts`) ? `${base}.d.ts` : path.join(base, "index.d.ts"));
    }
  };
  walk(entry);
  expect(seen.size).toBeGreaterThan(3);
  expect(external.filter((e) => /-> (zod|undici)(\/|$)/.test(e))).toEqual([]);
});
