#!/usr/bin/env node
// The Pulumi provider host loads this package by name (`require("pulumi-access-keys/runtime")`)
// from the program's folder, and a package cannot require itself. Linking node_modules/
// pulumi-access-keys to the repository root makes the root project, every example and the tests
// resolve the package exactly as an installed copy would. It runs at the end of `npm run build`,
// hence also in `prepare` (so `npm ci` leaves a working link); in the temporary clone npm makes
// for a git-URL install it is harmless: only the packed files leave that clone.
const fs = require("fs");
const path = require("path");
const root = path.resolve(__dirname, "..");
const link = path.join(root, "node_modules", "pulumi-access-keys");
try {
  if (fs.realpathSync(link) === root) process.exit(0);
  fs.rmSync(link, { recursive: true, force: true });
} catch {
  // absent: create it below
}
fs.mkdirSync(path.dirname(link), { recursive: true });
fs.symlinkSync(path.relative(path.dirname(link), root), link, "dir");
