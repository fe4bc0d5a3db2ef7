package dev.leadscore.rules;

import dev.leadscore.core.schema.FittedSchema;
import java.util.Arrays;

/**
 * One scoring call's events of the types the events rules read, as extraction's single pass over
 * the lead's events hands them over ({@link FittedSchema.EventTap}): the rules take their ages and
 * counts from here instead of reading the lead's events a second time. Per type, a chain of the
 * kept events (most recent in the lead's order first); the order does not matter, since each
 * rule sorts its events by (age, count) before summing.
 *
 * <p>Ages are kept in whole milliseconds, recovered from extraction's age in days: that is exact
 * while the age is below {@link #MAX_AGE_MILLIS} and asOf lies within as many milliseconds of
 * 1970 (then both instants' milliseconds are exact doubles, extraction's age in days is the
 * correctly rounded quotient, and multiplying back errs by less than half a millisecond). An
 * older event makes the whole call {@link #rawPath() take the raw-events path}, which ages events
 * in long arithmetic with saturation, as the rules always did.
 *
 * <p>Per-call state: never shared between threads.
 */
final class EventTally implements FittedSchema.EventTap {
  /** 2<sup>50</sup> ms, about 35,700 years. */
  static final long MAX_AGE_MILLIS = 1L << 50;
  private static final double MAX_AGE_DAYS = MAX_AGE_MILLIS / CompiledRule.MILLIS_PER_DAY;

  /** Per type id, its slot among the types the events rules read, or -1 (shared, read-only). */
  private final int[] slotOfType;
  /** Per slot, 1 + the last kept event of the type, or 0 for none (a new array is all "none"). */
  final int[] head;
  /** Per kept event, 1 + the kept event of its type before it, or 0. */
  final int[] next;
  final long[] ages;
  final int[] counts;
  private int size;
  private boolean raw;
  /** The rules' sort buffers, made on first use with room for every kept event. */
  long[] sortAges;
  int[] sortCounts;
  long[] sortKeys;

  /**
   * @param slotOfType per type id, its slot among the types the events rules read, or -1
   * @param slots the number of such types
   * @param events the lead's number of events, at least the number kept
   * @param asOfMillis asOf's epoch milliseconds ({@link CompiledRule#epochMillis})
   */
  EventTally(int[] slotOfType, int slots, int events, long asOfMillis) {
    this.slotOfType = slotOfType;
    this.head = new int[slots];
    this.next = new int[events];
    this.ages = new long[events];
    this.counts = new int[events];
    this.raw = asOfMillis < -MAX_AGE_MILLIS || asOfMillis > MAX_AGE_MILLIS;
  }

  @Override
  public void accept(int typeId, double ageDays, int count) {
    int slot = slotOfType[typeId];
    if (slot < 0 || count == 0) {
      return; // no rule counts it
    }
    if (!(ageDays <= MAX_AGE_DAYS)) {
      raw = true;
      return;
    }
    int k = size++;
    ages[k] = Math.round(ageDays * CompiledRule.MILLIS_PER_DAY);
    counts[k] = count;
    next[k] = head[slot];
    head[slot] = k + 1;
  }

  /**
   * The slot of an event type the schema reads: its rank among the ids
   * ({@link FittedSchema#eventTypeId}) of the schema's event types, so slots are dense.
   */
  static int slotOf(FittedSchema schema, String type) {
    int id = schema.eventTypeId(type);
    int rank = 0;
    for (String t : schema.schema().eventTypes()) {
      rank += schema.eventTypeId(t) < id ? 1 : 0;
    }
    return rank;
  }

  /** Makes the sort buffers when the first rule needs them. */
  void ensureSortBuffers() {
    if (sortAges == null) {
      sortAges = new long[size];
      sortCounts = new int[size];
      sortKeys = new long[size];
    }
  }

  /** The number of events kept. */
  int size() {
    return size;
  }

  /**
   * Whether this call's events rules must read the lead's raw events: asOf or one of the events
   * is too far from 1970 for exact ages in milliseconds here. Decided before extraction for asOf
   * (then no tap is passed), after it for the events.
   */
  boolean rawPath() {
    return raw;
  }
}
