package dev.leadscore.core.schema;

/**
 * What one text feature made of a raw attribute text (a column slot, a mapped value, a missing
 * marker), remembered by the exact raw string. Matching a raw text against a feature's missing
 * tokens and keys normalises it character by character; a pipeline repeats a few hundred distinct
 * spellings per attribute, so after the first lead a lookup is one hash probe.
 *
 * <p>Holds results of a pure function of the text only, never of a lead: values that raise an
 * error are not remembered (the error names the lead), so sharing a memo between threads and
 * leads changes no answer. At most {@link #LIMIT} texts of at most {@link #MAX_LENGTH}
 * characters are kept; other texts are matched every time.
 *
 * <p>Thread-safe, built for reads: an open-addressing table (linear probing, load at most 1/2)
 * of immutable entries that {@link #get} probes without a lock, matching the very string
 * instance first (readers hand out shared instances), and that {@link #remember} fills under a
 * lock. An insert only ever fills an empty slot, and a larger table is published whole, so a
 * reader racing a writer sees a remembered text or misses it, never a torn entry (entries are
 * published through their final fields). A read is a few loads and returns a primitive code;
 * the {@code ConcurrentHashMap} it replaces also unboxed an {@code Integer}.
 */
final class TextMemo {
  /** Distinct texts remembered per feature. */
  static final int LIMIT = 8192;
  /** Longer texts are not remembered (free text rarely repeats, and the memo should stay small). */
  static final int MAX_LENGTH = 64;
  /** What {@link #get} returns for a text it does not hold; never a code callers store. */
  static final int ABSENT = Integer.MIN_VALUE;

  private static final class Entry {
    final String text;
    final int hash;
    final int code;

    Entry(String text, int hash, int code) {
      this.text = text;
      this.hash = hash;
      this.code = code;
    }
  }

  private volatile Entry[] table = new Entry[16];
  private int size; // guarded by this

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }

  /** The remembered code of {@code raw}, or {@link #ABSENT}. Lock-free; allocation-free. */
  int get(String raw) {
    Entry[] t = table;
    int m = t.length - 1;
    int h = raw.hashCode();
    for (int i = spread(h) & m; ; i = (i + 1) & m) {
      Entry e = t[i];
      if (e == null) {
        return ABSENT;
      }
      if (e.text == raw || (e.hash == h && e.text.equals(raw))) {
        return e.code;
      }
    }
  }

  /**
   * Remembers {@code code} for {@code raw} while the memo has room and the text is short enough;
   * returns {@code code}.
   *
   * @param code the feature's answer for this text; not {@link #ABSENT}
   */
  int remember(String raw, int code) {
    if (code == ABSENT) {
      throw new IllegalArgumentException("a memo code must not be TextMemo.ABSENT");
    }
    if (raw.length() <= MAX_LENGTH) {
      synchronized (this) {
        if (size < LIMIT) {
          insert(raw, code);
        }
      }
    }
    return code;
  }

  private void insert(String raw, int code) {
    Entry[] t = table;
    int h = raw.hashCode();
    int m = t.length - 1;
    int i = spread(h) & m;
    for (Entry e = t[i]; e != null; e = t[i]) {
      if (e.hash == h && e.text.equals(raw)) {
        return; // another thread remembered it first; the code is the same function of the text
      }
      i = (i + 1) & m;
    }
    if ((size + 1) * 2 > t.length) {
      Entry[] bigger = new Entry[t.length * 2];
      int bm = bigger.length - 1;
      for (Entry e : t) {
        if (e != null) {
          int j = spread(e.hash) & bm;
          while (bigger[j] != null) {
            j = (j + 1) & bm;
          }
          bigger[j] = e;
        }
      }
      int j = spread(h) & bm;
      while (bigger[j] != null) {
        j = (j + 1) & bm;
      }
      bigger[j] = new Entry(raw, h, code);
      table = bigger; // published whole
    } else {
      t[i] = new Entry(raw, h, code); // an empty slot: readers see it or not, never half of it
    }
    size++;
  }
}
