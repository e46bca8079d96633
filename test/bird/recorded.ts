/**
 * Bird's documented samples in ../shared/api/recorded/bird/samples.md (see its README), read at
 * run time by the Bird contract and replay tests.
 */
import { parseLenient, recordedText } from "../helpers/recorded";

/** A documented Bird sample section: its HTTP request lines and its JSON blocks, parsed. */
export interface BirdSection {
  heading: string;
  /** The section's raw markdown. */
  text: string;
  http: string[];
  json: unknown[];
}

/** The sections of bird/samples.md (`## N. ...`), with every fenced block sorted by kind. */
export function birdSections(): BirdSection[] {
  const text = recordedText("bird/samples.md");
  return text.split(/^## /m).slice(1).map((section) => {
    const heading = section.slice(0, section.indexOf("\n")).trim();
    const blocks = [...section.matchAll(/^```(json)?\n([\s\S]*?)^```/gm)];
    return {
      heading,
      text: section,
      http: blocks.filter((b) => !b[1]).map((b) => b[2].split("\n")[0]),
      json: blocks.filter((b) => b[1]).map((b) => parseLenient(b[2])).filter((v) => v !== undefined),
    };
  });
}

/** The section whose heading starts with `prefix`, e.g. `2. Create access key`. */
export function birdSection(prefix: string): BirdSection {
  const found = birdSections().find((s) => s.heading.startsWith(prefix));
  if (!found) throw new Error(`bird/samples.md has no section "${prefix}"`);
  return found;
}
