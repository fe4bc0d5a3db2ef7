package dev.leadscore.core.schema;

import java.util.concurrent.ConcurrentHashMap;

/**
 * What one text feature made of a raw attribute text (a column slot, a mapped value, a missing
 * marker), remembered by the exact raw string. Matching a raw text against a feature's missing
 * tokens and keys normalises it character by character; a pipeline repeats a few hundred distinct
 * spellings per attribute, so after the first lead a lookup is one hash probe.
 *
 * <p>Holds results of a pure function of the text only, never of a lead: values that raise an
 * error are not remembered (the error names the lead), so sharing a memo between threads and
 * leads changes no answer. At most {@link #LIMIT} texts of at most {@link #MAX_LENGTH}
 * characters are kept; other texts are matched every time. Thread-safe.
 */
final class TextMemo {
  /** Distinct texts remembered per feature. */
  static final int LIMIT = 8192;
  /** Longer texts are not remembered (free text rarely repeats, and the memo should stay small). */
  static final int MAX_LENGTH = 64;

  private final ConcurrentHashMap<String, Integer> codes = new ConcurrentHashMap<>();

  /** The remembered code of {@code raw}, or {@code null}. */
  Integer get(String raw) {
    return codes.get(raw);
  }

  /** Remembers {@code code} for {@code raw} while the memo has room; returns {@code code}. */
  int remember(String raw, int code) {
    if (raw.length() <= MAX_LENGTH && codes.size() < LIMIT) {
      codes.putIfAbsent(raw, code);
    }
    return code;
  }
}
