package dev.leadscore.core.schema;

import java.util.Map;

/**
 * Event type to the event features that read it: an exact, case-sensitive string table (open
 * addressing, linear probing, load at most 1/2) probed once per event during extraction; a type
 * no feature reads costs one probe.
 *
 * <p>A lead's event types are rarely the schema's own {@code String} instances, but within one
 * pipeline they are usually the same few instances over and over (constants in a generator, one
 * instance per type from a reader that shares them). So each entry remembers the last instance
 * that matched it by {@code equals}, and later events carrying that instance match by reference:
 * comparing the characters was most of the per-event cost. The remembered instance is a cache
 * in the manner of {@code String.hash}: written without synchronisation, read without it (a
 * {@code String} is immutable, so any instance a thread sees is complete), and a stale or
 * overwritten one only means one more {@code equals}. Answers never depend on it. Otherwise
 * immutable; thread-safe.
 */
final class EventRouting {
  private static final int[] NONE = null;

  private final String[] types;
  // Per entry, the last non-identical instance that matched it (see the class comment).
  private final String[] seen;
  private final int[][] slots;
  private final int mask;

  /** @param byType the event-feature positions per type; arrays are not retained */
  EventRouting(Map<String, int[]> byType) {
    int cap = Integer.highestOneBit(Math.max(1, byType.size()) * 2 - 1) << 1;
    types = new String[cap];
    seen = new String[cap];
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
  int[] slotsOf(String type) {
    int h = type.hashCode();
    for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
      String t = types[i];
      if (t == null) {
        return NONE;
      }
      if (t == type || seen[i] == type) {
        return slots[i];
      }
      if (t.hashCode() == h && t.equals(type)) {
        seen[i] = type;
        return slots[i];
      }
    }
  }
}
