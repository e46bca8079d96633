/**
 * The registry is the only list of clouds: outside its own places (scripts/footprint.ts), a
 * cloud is named by at most 6 files. Today: the registry, the package index, package.json's
 * description, the all-clouds example, the generator of the upgrade test's fixtures (state
 * written by earlier versions, which had exactly these clouds), and the provider plugin's YAML
 * example (a program in YAML names its resource types; a new cloud need not be added to it).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { footprint, ownPlace } from "../../scripts/footprint";
import { clouds } from "../../provider/clouds";

const ROOT = path.resolve(__dirname, "..", "..");

test.each(clouds().map((c) => [c.title, c.name]))("at most 6 files outside its own places name %s", (_title, name) => {
  const [found] = footprint(ROOT, [name]);
  expect(found.files.length <= 6 ? [] : found.files).toEqual([]);
});

test("own places are the cloud's folders and notes, not another cloud's", () => {
  expect(ownPlace("widgets", "provider/widgets/api.ts")).toBe(true);
  expect(ownPlace("widgets", "emulator/widgets/wire.ts")).toBe(true);
  expect(ownPlace("widgets", "docs/api/widgets.md")).toBe(true);
  expect(ownPlace("widgets", "provider/widgetsx/api.ts")).toBe(false);
  expect(ownPlace("widgets", "emulator/server.ts")).toBe(false);
});

test("a tracked file outside the cloud's places that names it is counted; prose is not", () => {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), "footprint-"));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    fs.writeFileSync(path.join(repo, file), text);
  };
  write("provider/widgets/api.ts", "widgets");
  write("emulator/server.ts", "const table = { Widgets: 1 };");
  write("docs/overview.md", "Widgets are supported.");
  write("test/upgrade/fixtures/state.json", '{"type": "widgets:Key"}');
  execFileSync("git", ["init", "-q"], { cwd: repo });
  execFileSync("git", ["add", "."], { cwd: repo });
  expect(footprint(repo, ["widgets"])).toEqual([{ cloud: "widgets", files: ["emulator/server.ts"] }]);
  fs.rmSync(repo, { recursive: true, force: true });
});
