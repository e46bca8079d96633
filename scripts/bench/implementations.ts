/**
 * The other implementations of a cloud's key that the bench runs at each N, right after ours and
 * the same-shape floor, each in a table of its own beside ours (time and state). Today: the
 * dynamic resource as it was at an earlier commit (`--before`), and the provider plugin (issue 19,
 * scripts/bench/plugin.ts): a subject whose `declare` makes the plugin's resource and whose `type`
 * is the plugin's type token (the state figures count resources of that type). It writes no
 * `__provider`, so its state row shows 0 bytes.
 */
import type { CloudCase } from "./clouds";
import type { BeforeTree } from "./before";
import { pluginSubject } from "./plugin";
import type { Subject } from "./scenarios";

export interface Implementation {
  /** Column heading, e.g. `before (a685d69)`. */
  label: string;
  /** Its subject for one cloud, from ours (same kind, config and inventory); undefined: not for this cloud. */
  subject(c: CloudCase, ours: Subject): Subject | undefined;
}

/** `root`: the checkout whose `bin/` launcher and `dist/` serve the plugin. */
export function implementations(root: string, before: BeforeTree | undefined): Implementation[] {
  const list: Implementation[] = [{ label: "plugin", subject: (c, ours) => pluginSubject(root, c, ours) }];
  if (before) {
    list.push({
      label: `before (${before.revision})`,
      subject: (c, ours) => ({ ...ours, label: `${c.cloud}-before`, root: before.root, declare: before.declareKey(c.cloud) }),
    });
  }
  return list;
}
