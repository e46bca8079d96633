/**
 * Scheduled rotation: `rotateAfterDays` (input) and `rotatedAt` (when the current secret was
 * issued). The schedule is decided in `check`, which stamps `rotatedAt` into the inputs, and not
 * in `diff`, for three reasons (docs/pulumi-engine.md#diff, #drift):
 * - refresh diffs the refreshed outputs against the *stored* inputs; both carry the same
 *   `rotatedAt`, so an overdue key never shows as drift and a refresh never rotates;
 * - the engine prints a dynamic resource's changed *inputs*: a due rotation reads
 *   `[diff: ~rotatedAt]`, with the old and new times under `--diff`;
 * - `diff` stays a pure comparison of old outputs and new inputs; only `check` reads the clock.
 * Outputs echo the stamp, so `rotatedAt` is when the `pulumi up` that issued the secret checked
 * the resource: at most that deployment's length before the cloud's answer (an early bias only).
 */
import { z } from "zod";
import { containsUnknown } from "./check";

export const DAY_MS = 86_400_000;

/** Days, fractions allowed (tests use seconds' worth of a day). */
export const rotateAfterDaysInput = z
  .number({ error: "rotateAfterDays must be a positive number of days" })
  .positive("rotateAfterDays must be a positive number of days")
  .max(36_500, "rotateAfterDays must be at most 36500 days")
  .optional();

/** Written by `check` only; a value from the program is ignored. */
export const rotatedAtInput = z.string().optional();

export interface RotationFields {
  rotateAfterDays?: number;
  rotatedAt?: string;
}

/** The two fields, without undefined ones (the engine cannot carry `undefined`). */
export function rotationFields(from: Partial<RotationFields> | undefined): RotationFields {
  return {
    ...(from?.rotateAfterDays !== undefined ? { rotateAfterDays: from.rotateAfterDays } : {}),
    ...(from?.rotatedAt !== undefined ? { rotatedAt: from.rotatedAt } : {}),
  };
}

export interface Stamp {
  /** The old inputs (`{}` for a resource not created yet). */
  olds: Record<string, unknown> | undefined;
  /** The new, validated inputs. */
  news: RotationFields & { existingKeyId?: unknown };
  now: number;
  /** The change will issue a new secret anyway (a replacement, or a cloud's own in-place regeneration). */
  reissued: boolean;
}

/**
 * The `rotatedAt` the new inputs carry:
 * - a new resource, a replacement and a due rotation: now;
 * - an adopted key (`existingKeyId`): none, its secret was issued outside this stack;
 * - state without `rotatedAt` (version 0.1.0, or a key once adopted): none until
 *   `rotateAfterDays` is set, then now, so the clock starts and nothing is rotated on upgrade;
 * - otherwise the old value. An unknown `rotateAfterDays` (preview) never makes a key due.
 */
export function stampRotation({ olds, news, now, reissued }: Stamp): string | undefined {
  if (news.existingKeyId !== undefined) return undefined;
  const isNew = olds === undefined || Object.keys(olds).length === 0;
  const previous = typeof olds?.rotatedAt === "string" ? olds.rotatedAt : undefined;
  const stamp = new Date(now).toISOString();
  if (isNew || reissued) return stamp;
  const days = news.rotateAfterDays;
  if (days === undefined || containsUnknown(days)) return previous;
  if (previous === undefined) return stamp;
  return isDue(previous, days, now) ? stamp : previous;
}

/**
 * Due once `rotatedAt + rotateAfterDays` has passed. Fail safe, "early, never late": an
 * unreadable time is due, and so is a time later than now (a runner with a fast clock wrote it;
 * trusting it would delay the rotation by the whole skew).
 */
export function isDue(rotatedAt: string, rotateAfterDays: number, now: number): boolean {
  const issued = Date.parse(rotatedAt);
  return Number.isNaN(issued) || issued > now || issued + rotateAfterDays * DAY_MS <= now;
}

export interface RotationChange {
  /** A new secret is wanted: the stamp moved on from the one the current secret carries. */
  rotate: boolean;
  /** Outputs must be rewritten (no API call): the clock starts, or `rotateAfterDays` changed. */
  record: boolean;
}

/** Old outputs against new inputs. */
export function rotationChange(olds: Partial<RotationFields>, news: Partial<RotationFields>): RotationChange {
  const rotate = olds.rotatedAt !== undefined && news.rotatedAt !== undefined && news.rotatedAt !== olds.rotatedAt;
  const record = !rotate && (news.rotatedAt !== olds.rotatedAt || news.rotateAfterDays !== olds.rotateAfterDays);
  return { rotate, record };
}
