package dev.leadscore.core.schema;

import java.util.List;

/**
 * An immutable map from {@linkplain Specs#normalise normalised} text to an index, looked up
 * with raw text without building the normalised string: the lookup hashes and compares the raw
 * characters as if they were trimmed, lower-cased and had inner whitespace runs collapsed to one
 * space. That keeps category, ordinal, boolean and missing-token matching allocation-free on the
 * extraction path. Raw text with non-ASCII characters takes the exact slow path
 * ({@code Specs.normalise} then a hash lookup), because Unicode lower-casing can change a
 * string's length.
 *
 * <p>Open addressing with linear probing over a power-of-two table at most half full; a lookup
 * costs one pass over the raw text plus an expected O(1) probes. Immutable after construction
 * and safe to share between threads.
 */
final class TextKeys {
  /** Returned by {@link #indexOf} for text that is not a key. */
  static final int ABSENT = -1;

  private final String[] keys;
  private final int[] values;
  private final int mask;
  private final java.util.Map<String, Integer> slowPath;

  /** Keys are normalised here; key {@code i} maps to {@code i}. Later duplicates are ignored. */
  TextKeys(List<String> rawKeys) {
    int cap = Integer.highestOneBit(Math.max(2, rawKeys.size()) * 4 - 1);
    keys = new String[cap];
    values = new int[cap];
    mask = cap - 1;
    java.util.Map<String, Integer> slow = new java.util.HashMap<>();
    for (int i = 0; i < rawKeys.size(); i++) {
      String k = Specs.normalise(rawKeys.get(i));
      if (slow.putIfAbsent(k, i) != null) {
        continue;
      }
      int h = k.hashCode() & mask;
      while (keys[h] != null) {
        h = (h + 1) & mask;
      }
      keys[h] = k;
      values[h] = i;
    }
    slowPath = java.util.Map.copyOf(slow);
  }

  /** The index of the key equal to {@code raw} once normalised, or {@link #ABSENT}. */
  int indexOf(String raw) {
    if (slowPath.isEmpty()) {
      return ABSENT;
    }
    int start = 0;
    int end = raw.length();
    while (start < end && isWhitespace(raw.charAt(start))) {
      start++;
    }
    while (end > start && isWhitespace(raw.charAt(end - 1))) {
      end--;
    }
    // The hash of the normalised form, as String.hashCode would compute it.
    int hash = 0;
    boolean prevSpace = false;
    for (int i = start; i < end; i++) {
      char c = raw.charAt(i);
      if (c >= 128) {
        Integer v = slowPath.get(Specs.normalise(raw));
        return v == null ? ABSENT : v;
      }
      if (isWhitespace(c)) {
        if (!prevSpace) {
          hash = 31 * hash + ' ';
        }
        prevSpace = true;
      } else {
        hash = 31 * hash + lower(c);
        prevSpace = false;
      }
    }
    for (int h = hash & mask; keys[h] != null; h = (h + 1) & mask) {
      if (keys[h].hashCode() == hash && matches(keys[h], raw, start, end)) {
        return values[h];
      }
    }
    return ABSENT;
  }

  /** ASCII lower case; other characters unchanged. */
  static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }

  /** {@link Character#isWhitespace(char)}, answering printable ASCII without its table lookup. */
  static boolean isWhitespace(char c) {
    return !(c > ' ' && c < 0x7f) && Character.isWhitespace(c);
  }

  /** Whether ASCII {@code raw[start, end)} normalises to {@code key}. */
  private static boolean matches(String key, String raw, int start, int end) {
    int k = 0;
    boolean prevSpace = false;
    for (int i = start; i < end; i++) {
      char c = raw.charAt(i);
      char n;
      if (isWhitespace(c)) {
        if (prevSpace) {
          continue;
        }
        prevSpace = true;
        n = ' ';
      } else {
        prevSpace = false;
        n = lower(c);
      }
      if (k >= key.length() || key.charAt(k++) != n) {
        return false;
      }
    }
    return k == key.length();
  }
}
