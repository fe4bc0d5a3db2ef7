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
 * published through their final fields). A read is a few loads and returns a primitive code,
 * with no boxed {@code Integer} to follow.
 *
 * <p>A text is stored at most {@link #MAX_PROBES} slots from where its hash points, and a read
 * looks no further, so texts made to share a hash (lead data may be hostile) cost a bounded
 * probe: those that do not fit are matched every time, as unremembered texts are. Once the memo
 * is full, {@link #remember} returns without taking the lock.
 */
final class TextMemo {
  /** Distinct texts remembered per feature. */
  static final int LIMIT = 8192;
  /** Longer texts are not remembered (free text rarely repeats, and the memo should stay small). */
  static final int MAX_LENGTH = 64;
  /** What {@link #get} returns for a text it does not hold; never a code callers store. */
  static final int ABSENT = Integer.MIN_VALUE;
  /** How far from its hash's slot a text may be stored, and a read looks. */
  static final int MAX_PROBES = 64;

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
  private volatile boolean full; // size reached LIMIT: no more inserts, so no more locking

  /**
   * The slot a hash starts from in a table of {@code length} (a power of two): the top bits of
   * the hash times 2^32 / phi. Texts like "t1", "t2", ... have consecutive hashes, and masking
   * their low bits would pack them into runs that outgrow {@link #MAX_PROBES}.
   */
  private static int home(int h, int length) {
    return (h * 0x9E3779B9) >>> (Integer.numberOfLeadingZeros(length) + 1);
  }

  /** The remembered code of {@code raw}, or {@link #ABSENT}. Lock-free; allocation-free. */
  int get(String raw) {
    Entry[] t = table;
    int m = t.length - 1;
    int h = raw.hashCode();
    int i = home(h, t.length);
    for (int probe = 0; probe < MAX_PROBES; probe++, i = (i + 1) & m) {
      Entry e = t[i];
      if (e == null) {
        return ABSENT;
      }
      if (e.text == raw || (e.hash == h && e.text.equals(raw))) {
        return e.code;
      }
    }
    return ABSENT;
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
    if (raw.length() <= MAX_LENGTH && !full) {
      synchronized (this) {
        if (size < LIMIT) {
          insert(raw, code);
          full = size >= LIMIT;
        }
      }
    }
    return code;
  }

  private void insert(String raw, int code) {
    Entry[] t = table;
    if ((size + 1) * 2 > t.length) {
      t = grown(t);
      table = t; // published whole; the new entry follows as an in-place insert
    }
    int h = raw.hashCode();
    int m = t.length - 1;
    int i = home(h, t.length);
    for (int probe = 0; probe < MAX_PROBES; probe++, i = (i + 1) & m) {
      Entry e = t[i];
      if (e == null) {
        t[i] = new Entry(raw, h, code); // an empty slot: readers see it or not, never half of it
        size++;
        return;
      }
      if (e.hash == h && e.text.equals(raw)) {
        return; // another thread remembered it first; the code is the same function of the text
      }
    }
    // Too far from its slot: not remembered.
  }

  /**
   * A table twice as large holding the same entries, and {@code size} set to their number. An
   * entry that would land farther than {@link #MAX_PROBES} from its slot is dropped: readers
   * would not look there.
   */
  private Entry[] grown(Entry[] t) {
    Entry[] bigger = new Entry[t.length * 2];
    int m = bigger.length - 1;
    int kept = 0;
    for (Entry e : t) {
      if (e == null) {
        continue;
      }
      int i = home(e.hash, bigger.length);
      for (int probe = 0; probe < MAX_PROBES; probe++, i = (i + 1) & m) {
        if (bigger[i] == null) {
          bigger[i] = e;
          kept++;
          break;
        }
      }
    }
    size = kept;
    return bigger;
  }
}
