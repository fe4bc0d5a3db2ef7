package dev.leadscore.core.io;

import dev.leadscore.core.AttributeValue;
import java.util.HashMap;
import java.util.Map;

/**
 * Values the leads of one read share: one {@link AttributeValue} per distinct short text and the
 * canonical ({@code String.intern}) instance of each event type. Exports repeat a few hundred
 * texts ("Yes", "Google", "Select") and a few dozen event types over every row, so sharing saves
 * memory, and extraction matches event types by reference (schemas hold canonical instances) and
 * reads shared values from cache. Bounded: longer texts and values past the limits get their own
 * objects. Not thread-safe: one per read.
 */
final class SharedValues {
  /** Texts longer than this are not shared (free text rarely repeats). */
  static final int MAX_TEXT_LENGTH = 64;
  /** Distinct texts, and distinct event types, shared per read. */
  static final int MAX_ENTRIES = 1 << 16;

  private final Map<String, AttributeValue> texts = new HashMap<>();
  private final Map<String, String> types = new HashMap<>();

  /** The text value of {@code raw}, shared with earlier equal ones of this read when short. */
  AttributeValue text(String raw) {
    AttributeValue v = texts.get(raw);
    if (v == null) {
      v = new AttributeValue.Text(raw);
      if (raw.length() <= MAX_TEXT_LENGTH && texts.size() < MAX_ENTRIES) {
        texts.put(raw, v);
      }
    }
    return v;
  }

  /** The canonical instance of the event type {@code raw} while under the limit, else {@code raw}. */
  String type(String raw) {
    String t = types.get(raw);
    if (t == null) {
      t = raw;
      if (types.size() < MAX_ENTRIES) {
        t = raw.intern();
        types.put(raw, t);
      }
    }
    return t;
  }
}
