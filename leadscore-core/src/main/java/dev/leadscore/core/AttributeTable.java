package dev.leadscore.core;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A lead's attributes: an immutable open-addressing hash table (linear probing, power-of-two
 * capacity, load at most 1/2) seen as an unmodifiable {@link Map}.
 *
 * <p>Why not {@code Map.copyOf}: extraction looks up every attribute a schema reads for every
 * lead, and the JDK's immutable map finds its slot with {@code Math.floorMod} (an integer
 * division) and compares keys with {@code equals} only; here a slot is {@code hash & mask} and a key
 * that is the very same {@code String} instance (the common case when a reader or generator reuses
 * its column names) matches by reference. Keys and values share one array, as in the JDK's table, and
 * it has 2 to 4 slots per entry where the JDK's has 2. Iteration follows the table: the same keys inserted in the same order
 * iterate in the same order on every run (unlike {@code Map.copyOf}, whose order is salted per
 * JVM).
 *
 * <p>Immutable after construction; safe to share between threads.
 */
final class AttributeTable extends AbstractMap<String, AttributeValue> {
  private static final AttributeTable EMPTY = new AttributeTable(new Object[2], 0);

  // keys at even indices, values at the following odd index; null key = empty slot.
  private final Object[] table;
  private final int size;
  private final int mask;

  private AttributeTable(Object[] table, int size) {
    this.table = table;
    this.size = size;
    this.mask = (table.length >> 1) - 1;
  }

  /** A table holding {@code source}'s entries; keys and values must be non-null. */
  static AttributeTable copyOf(Map<String, AttributeValue> source) {
    if (source.isEmpty()) {
      return EMPTY;
    }
    int slots = Integer.highestOneBit(source.size() * 2 - 1) << 1; // >= 2 * size, a power of two
    Object[] t = new Object[slots * 2];
    int m = slots - 1;
    for (Map.Entry<String, AttributeValue> e : source.entrySet()) {
      String k = e.getKey();
      int i = spread(k.hashCode()) & m;
      while (t[i << 1] != null) {
        i = (i + 1) & m;
      }
      t[i << 1] = k;
      t[(i << 1) + 1] = java.util.Objects.requireNonNull(e.getValue(), "value");
    }
    return new AttributeTable(t, source.size());
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }

  /** The value for {@code name}, or {@code null}. Allocation-free; O(1) expected. */
  AttributeValue lookup(String name) {
    Object[] t = table;
    int m = mask;
    int h = name.hashCode();
    for (int i = spread(h) & m; ; i = (i + 1) & m) {
      Object k = t[i << 1];
      if (k == null) {
        return null;
      }
      if (k == name || (((String) k).hashCode() == h && k.equals(name))) {
        return (AttributeValue) t[(i << 1) + 1];
      }
    }
  }

  @Override
  public AttributeValue get(Object key) {
    return key instanceof String s ? lookup(s) : null;
  }

  @Override
  public boolean containsKey(Object key) {
    return get(key) != null;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public Set<Map.Entry<String, AttributeValue>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<String, AttributeValue>> iterator() {
        return new Iterator<>() {
          private int next = advance(0);

          private int advance(int from) {
            int i = from;
            while (i < table.length && table[i] == null) {
              i += 2;
            }
            return i;
          }

          @Override
          public boolean hasNext() {
            return next < table.length;
          }

          @Override
          public Map.Entry<String, AttributeValue> next() {
            if (next >= table.length) {
              throw new NoSuchElementException();
            }
            Map.Entry<String, AttributeValue> e = Map.entry((String) table[next], (AttributeValue) table[next + 1]);
            next = advance(next + 2);
            return e;
          }
        };
      }

      @Override
      public int size() {
        return size;
      }
    };
  }
}
