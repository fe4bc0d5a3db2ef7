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
 * objects. A CSV column shares its own values and stops sharing once it has shown more than
 * {@link #MAX_PER_COLUMN} distinct ones (ids, e-mail addresses, amounts rarely repeat, and looking
 * each of them up in a large table cost more than the rest of reading the cell). Not thread-safe:
 * one per read.
 */
final class SharedValues {
  /** Texts longer than this are not shared (free text rarely repeats). */
  static final int MAX_TEXT_LENGTH = 64;
  /** Distinct texts, and distinct event types, shared per read. */
  static final int MAX_ENTRIES = 1 << 16;

  /** Distinct texts a CSV column may share before it stops sharing. */
  static final int MAX_PER_COLUMN = 4096;

  private final Map<String, AttributeValue> texts = new HashMap<>();
  /** Per CSV column, its shared texts, or null once it stopped sharing. */
  private final java.util.List<Map<String, AttributeValue>> columns = new java.util.ArrayList<>();
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

  /** The text value of a cell of CSV column {@code column}, shared with earlier equal cells of that column while it shares. */
  AttributeValue text(int column, String raw) {
    while (columns.size() <= column) {
      columns.add(new HashMap<>());
    }
    Map<String, AttributeValue> m = columns.get(column);
    if (m == null) {
      return new AttributeValue.Text(raw);
    }
    AttributeValue v = m.get(raw);
    if (v == null) {
      v = new AttributeValue.Text(raw);
      if (raw.length() <= MAX_TEXT_LENGTH) {
        if (m.size() < MAX_PER_COLUMN) {
          m.put(raw, v);
        } else {
          columns.set(column, null);
        }
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
