/**
 * Rotation with an overlap: `keepPreviousForHours` (input) keeps the secret a rotation replaces
 * working for that long, and `previousExpiresAt` (stamped) says until when (docs/rotation-overlap.md).
 *
 * Like the schedule itself (shared/rotation.ts), the expiry is decided in `check`, with the clock,
 * and stamped into the inputs:
 * - a rotation that keeps the previous key stamps `previousExpiresAt` = now + the hours, so the
 *   preview reads `[diff: +previousExpiresAt~rotatedAt]`;
 * - the first `check` after that time drops it, so the preview reads `[diff: -previousExpiresAt]`
 *   and `update` deletes the previous key;
 * - refresh compares against the stored inputs, which carry the same stamp, so it never deletes.
 * Calls: none here.
 */
import { z } from "zod";
import { containsUnknown } from "./check";

export const HOUR_MS = 3_600_000;

/** Hours, fractions allowed (tests use seconds' worth of an hour); at most a year. */
export const keepPreviousForHoursInput = z
  .number({ error: "keepPreviousForHours must be a positive number of hours" })
  .positive("keepPreviousForHours must be a positive number of hours")
  .max(8_760, "keepPreviousForHours must be at most 8760 hours (a year)")
  .optional();

/** Written by `check` only; a value from the program is ignored. */
export const previousExpiresAtInput = z.string().optional();

export interface OverlapFields {
  keepPreviousForHours?: number;
  previousExpiresAt?: string;
}

export interface OverlapStamp {
  /** The old inputs (`{}` for a resource not created yet). */
  olds: Record<string, unknown>;
  /** The new, validated inputs, with the `rotatedAt` just stamped. */
  news: OverlapFields & { rotatedAt?: string; existingKeyId?: unknown };
  now: number;
  /** The change makes a new key (a replacement): the old resource, both keys with it, goes. */
  replaced: boolean;
  /**
   * The change reissues the secret in place for a reason that is no rotation (Katapult's secret
   * found revoked: the old secret is dead already): no overlap starts, and a previous key still
   * kept stays until its time. An in-place reissue that is a rotation (Katapult's `rotation`
   * bump) leaves this unset and keeps the previous key like a scheduled rotation.
   */
  repaired?: boolean;
}

/**
 * The `previousExpiresAt` the new inputs carry:
 * - a rotation of a key with `keepPreviousForHours` (the `rotatedAt` stamp moved on: the schedule,
 *   or an in-place reissue that is a rotation): now + those hours;
 * - a replacement, a repair, a new or adopted key: none (a replacement deletes the old resource's keys);
 * - otherwise the old value until it has passed, then none (the `up` deletes the previous key).
 * An unknown `keepPreviousForHours` (preview) is treated as unset until it is known.
 */
export function stampPreviousExpiry({ olds, news, now, replaced, repaired }: OverlapStamp): string | undefined {
  if (news.existingKeyId !== undefined || replaced) return undefined;
  const oldRotatedAt = typeof olds.rotatedAt === "string" ? olds.rotatedAt : undefined;
  const hours = news.keepPreviousForHours;
  const rotates = repaired !== true && oldRotatedAt !== undefined && news.rotatedAt !== undefined && news.rotatedAt !== oldRotatedAt;
  if (rotates && hours !== undefined && !containsUnknown(hours)) return new Date(now + hours * HOUR_MS).toISOString();
  const previous = typeof olds.previousExpiresAt === "string" ? olds.previousExpiresAt : undefined;
  return previous !== undefined && !hasExpired(previous, now) ? previous : undefined;
}

/** Passed once `previousExpiresAt` is reached; an unreadable time has passed (the key goes early, never lingers). */
export function hasExpired(previousExpiresAt: string, now: number): boolean {
  const at = Date.parse(previousExpiresAt);
  return Number.isNaN(at) || at <= now;
}

/** This update is a rotation that keeps the current key as the previous one (check stamped a new expiry). */
export function keepsPrevious(olds: OverlapFields, news: OverlapFields): boolean {
  return news.previousExpiresAt !== undefined && news.previousExpiresAt !== olds.previousExpiresAt;
}

/** The previous key recorded in `olds` goes in this update: it expired, or a new rotation replaces it. */
export function dropsPrevious(olds: OverlapFields, news: OverlapFields): boolean {
  return olds.previousExpiresAt !== undefined && news.previousExpiresAt !== olds.previousExpiresAt;
}

/** Outputs must change (no replacement): an overlap starts or ends, or `keepPreviousForHours` changed. */
export function overlapChanged(olds: OverlapFields, news: OverlapFields): boolean {
  return news.previousExpiresAt !== olds.previousExpiresAt || news.keepPreviousForHours !== olds.keepPreviousForHours;
}
