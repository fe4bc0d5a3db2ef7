package dev.leadscore.core.internal;

import java.util.Map;

/**
 * Event type to the positions of the readers of that type (the event features of a fitted schema
 * during extraction, the events rules of a rule scorer): an exact, case-sensitive string table
 * (open addressing, linear probing, load at most 1/2) probed once per event; a type no reader
 * reads costs one probe. Comparing characters was most of the per-event cost, so a type that is
 * the very instance the table holds matches by reference first: schemas hold the JVM's canonical
 * ({@code String.intern}) instances, as do string constants and the lead readers' event types.
 * Other instances match by hash and {@code equals}. Immutable; thread-safe. Not API: this package
 * is exported only to leadscore's own modules.
 */
public final class EventRouting {
  private static final int[] NONE = null;

  private final String[] types;
  private final int[][] slots;
  private final int mask;

  /** @param byType the readers' positions per type; arrays are not retained */
  public EventRouting(Map<String, int[]> byType) {
    int cap = Integer.highestOneBit(Math.max(1, byType.size()) * 2 - 1) << 1;
    types = new String[cap];
    slots = new int[cap][];
    mask = cap - 1;
    byType.forEach((type, s) -> {
      int i = spread(type.hashCode()) & mask;
      while (types[i] != null) {
        i = (i + 1) & mask;
      }
      types[i] = type;
      slots[i] = s.clone();
    });
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }

  /** The positions of the features reading {@code type}, or {@code null}; callers must not modify it. */
  public int[] slotsOf(String type) {
    int h = type.hashCode();
    for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
      String t = types[i];
      if (t == null) {
        return NONE;
      }
      if (t == type || (t.hashCode() == h && t.equals(type))) {
        return slots[i];
      }
    }
  }

  /**
   * Where {@code type} sits in the table, or -1 when no reader reads it: an id of the type for
   * this table, in {@code [0, capacity())}, for callers that keep something per type. The same
   * probe as {@link #slotsOf}, which keeps its own copy so the untapped extraction loop is as it was.
   */
  public int indexOf(String type) {
    int h = type.hashCode();
    for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
      String t = types[i];
      if (t == null) {
        return -1;
      }
      if (t == type || (t.hashCode() == h && t.equals(type))) {
        return i;
      }
    }
  }

  /** {@link #slotsOf} of the type at {@code index} (from {@link #indexOf}); callers must not modify it. */
  public int[] slotsAt(int index) {
    return slots[index];
  }

  /** The bound of {@link #indexOf}'s ids. */
  public int capacity() {
    return types.length;
  }
}
