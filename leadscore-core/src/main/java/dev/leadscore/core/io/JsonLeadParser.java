package dev.leadscore.core.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.leadscore.core.ActivityEvent;
import dev.leadscore.core.AttributeValue;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadDataException;
import dev.leadscore.core.RowError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The streaming JSON lead reader behind {@link LeadJson}: walks Jackson's tokens one lead at a
 * time, so every problem has the exact line and column of the value at fault, and a lead with a
 * data problem is skipped to its closing brace so that the next one can be read.
 */
final class JsonLeadParser {
  private JsonLeadParser() {}

  /**
   * Shared factory (thread-safe once built). NaN and Infinity are accepted as tokens so that they
   * are reported as a lead's bad value rather than as a syntax error that would end the stream;
   * sources are never closed, as the caller owns them.
   */
  static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
      // Attribute names (field names) as canonical instances, as schemas hold them, so extraction
      // finds them by reference. Jackson 2 does this by default; stated so a default change shows.
      .enable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
      .enable(JsonFactory.Feature.INTERN_FIELD_NAMES)
      .build();

  private static final String LEAD_FIELDS = "a lead has only id, createdAt, attributes and events";
  private static final String EVENT_FIELDS = "an event has only type, at and count";

  /** A data problem in one lead, at a place in the input. Carries no stack trace. */
  static final class Bad extends Exception {
    private static final long serialVersionUID = 1L;

    final String leadId;
    final String field;
    final String problem;
    final int line;
    final int column;
    /** A syntax error met while skipping the rest of the bad lead, to be handled after this one. */
    transient JsonProcessingException followedBy;

    Bad(String leadId, String field, String problem, JsonLocation at) {
      this(leadId, field, problem, at.getLineNr(), at.getColumnNr());
    }

    private Bad(String leadId, String field, String problem, int line, int column) {
      super(problem, null, false, false);
      this.leadId = leadId;
      this.field = field;
      this.problem = problem;
      this.line = line;
      this.column = column;
    }

    Bad withLeadId(String id) {
      return leadId != null || id == null ? this : new Bad(id, field, problem, line, column);
    }

    /** As a row error; {@code lineBase} is the physical line of the parser's line 1. */
    RowError toRowError(long lineBase) {
      long physical = lineBase + line - 1;
      return new RowError(physical, leadId, field,
          "line " + physical + ", column " + column + ": " + Texts.leadMessage(leadId, field, problem));
    }

    /** As an exception for single-lead reads. */
    LeadDataException toException() {
      return new LeadDataException(leadId, field == null ? "lead" : field,
          problem + " (line " + line + ", column " + column + ")");
    }
  }

  // ------------------------------------------------------------------ one lead

  /** What has been read of one lead so far. */
  private static final class Partial {
    final SharedValues shared;
    String id;
    boolean idSeen;
    Instant createdAt;
    boolean createdAtSeen;
    final Map<String, AttributeValue> attributes = new LinkedHashMap<>();
    boolean attributesSeen;
    final List<ActivityEvent> events = new ArrayList<>();
    boolean eventsSeen;

    Partial(SharedValues shared) {
      this.shared = shared;
    }
  }

  /**
   * Reads the lead whose {@code START_OBJECT} is the parser's current token. On return, normal or
   * by {@link Bad}, the current token is that object's {@code END_OBJECT}, unless a syntax error
   * made that impossible (then {@link Bad#followedBy} is set).
   *
   * @throws JsonProcessingException for malformed JSON inside the lead
   */
  static Lead readLead(JsonParser p, SharedValues shared) throws IOException, Bad {
    JsonLocation start = p.currentTokenLocation();
    int depth = p.getParsingContext().getNestingDepth();
    Partial f = new Partial(shared);
    try {
      readFields(p, f);
    } catch (Bad b) {
      String found = f.id;
      try {
        String skippedId = skipRest(p, depth);
        found = found != null ? found : skippedId;
      } catch (JsonProcessingException syntax) {
        b.followedBy = syntax;
      }
      throw b.withLeadId(found);
    }
    if (!f.idSeen) {
      throw new Bad(null, "id", "the lead has no id", start);
    }
    try {
      Lead.Builder b = Lead.builder(f.id);
      f.attributes.forEach(b::attribute);
      f.events.forEach(b::event);
      return b.createdAt(f.createdAt).build();
    } catch (LeadDataException e) {
      throw new Bad(e.leadId(), e.field(), e.problem(), start);
    }
  }

  private static void readFields(JsonParser p, Partial f) throws IOException, Bad {
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      String name = p.currentName();
      JsonLocation nameAt = p.currentTokenLocation();
      JsonToken v = p.nextToken();
      JsonLocation at = p.currentTokenLocation();
      switch (name) {
        case "id" -> {
          once(f.idSeen, f.id, name, nameAt);
          f.idSeen = true;
          if (v != JsonToken.VALUE_STRING) {
            throw new Bad(null, "id", "a lead id must be a string, got " + describe(v), at);
          }
          String id = p.getText();
          if (id.isBlank()) {
            throw new Bad(null, "id", "a lead id must not be blank, got " + Texts.quote(id), at);
          }
          f.id = id;
        }
        case "createdAt" -> {
          once(f.createdAtSeen, f.id, name, nameAt);
          f.createdAtSeen = true;
          if (v != JsonToken.VALUE_NULL) {
            f.createdAt = instant(p, v, f.id, name, at);
          }
        }
        case "attributes" -> {
          once(f.attributesSeen, f.id, name, nameAt);
          f.attributesSeen = true;
          if (v == JsonToken.START_OBJECT) {
            readAttributes(p, f);
          } else if (v != JsonToken.VALUE_NULL) {
            throw new Bad(f.id, name, "attributes must be an object of name: value, got " + describe(v), at);
          }
        }
        case "events" -> {
          once(f.eventsSeen, f.id, name, nameAt);
          f.eventsSeen = true;
          if (v == JsonToken.START_ARRAY) {
            readEvents(p, f);
          } else if (v != JsonToken.VALUE_NULL) {
            throw new Bad(f.id, name, "events must be an array of event objects, got " + describe(v), at);
          }
        }
        default -> throw new Bad(f.id, name, "unknown field; " + LEAD_FIELDS, nameAt);
      }
    }
  }

  private static void once(boolean seen, String id, String field, JsonLocation at) throws Bad {
    if (seen) {
      throw new Bad(id, field, "the field appears twice", at);
    }
  }

  private static void readAttributes(JsonParser p, Partial f) throws IOException, Bad {
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      String name = p.currentName();
      JsonLocation nameAt = p.currentTokenLocation();
      JsonToken v = p.nextToken();
      JsonLocation at = p.currentTokenLocation();
      if (name.isBlank()) {
        throw new Bad(f.id, name, "an attribute name must not be blank", nameAt);
      }
      if (f.attributes.containsKey(name)) {
        throw new Bad(f.id, name, "the attribute appears twice", nameAt);
      }
      AttributeValue value = switch (v) {
        case VALUE_STRING -> f.shared.text(p.getText());
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
          double d = p.getDoubleValue();
          if (!Double.isFinite(d)) {
            throw new Bad(f.id, name, Texts.cut(p.getText()) + " is not a number a lead can have (must be finite)", at);
          }
          yield new AttributeValue.Num(d);
        }
        case VALUE_TRUE -> new AttributeValue.Bool(true);
        case VALUE_FALSE -> new AttributeValue.Bool(false);
        case VALUE_NULL -> AttributeValue.ABSENT;
        default -> throw new Bad(f.id, name, "an attribute value must be a string, a number, true/false or null, got " + describe(v), at);
      };
      f.attributes.put(name, value);
    }
  }

  private static void readEvents(JsonParser p, Partial f) throws IOException, Bad {
    int i = 0;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), i++) {
      String where = "events[" + i + "]";
      JsonLocation eventAt = p.currentTokenLocation();
      if (t != JsonToken.START_OBJECT) {
        throw new Bad(f.id, where, "an event must be an object with type, at and optional count, got " + describe(t), eventAt);
      }
      String type = null;
      Instant at = null;
      int count = 1;
      boolean typeSeen = false;
      boolean atSeen = false;
      boolean countSeen = false;
      for (JsonToken u = p.nextToken(); u != JsonToken.END_OBJECT; u = p.nextToken()) {
        String name = p.currentName();
        String field = where + "." + name;
        JsonLocation nameAt = p.currentTokenLocation();
        JsonToken v = p.nextToken();
        JsonLocation valueAt = p.currentTokenLocation();
        switch (name) {
          case "type" -> {
            once(typeSeen, f.id, field, nameAt);
            typeSeen = true;
            if (v != JsonToken.VALUE_STRING) {
              throw new Bad(f.id, field, "an event type must be a string, got " + describe(v), valueAt);
            }
            type = p.getText();
            if (type.isBlank()) {
              throw new Bad(f.id, field, "an event type must not be blank, got " + Texts.quote(type), valueAt);
            }
          }
          case "at" -> {
            once(atSeen, f.id, field, nameAt);
            atSeen = true;
            at = instant(p, v, f.id, field, valueAt);
          }
          case "count" -> {
            once(countSeen, f.id, field, nameAt);
            countSeen = true;
            count = count(p, v, f.id, field, valueAt);
          }
          default -> throw new Bad(f.id, field, "unknown field; " + EVENT_FIELDS, nameAt);
        }
      }
      if (type == null) {
        throw new Bad(f.id, where + ".type", "the event has no type", eventAt);
      }
      if (at == null) {
        throw new Bad(f.id, where + ".at", "the event '" + type + "' has no timestamp", eventAt);
      }
      f.events.add(new ActivityEvent(f.shared.type(type), at, count));
    }
  }

  private static Instant instant(JsonParser p, JsonToken v, String id, String field, JsonLocation at) throws IOException, Bad {
    if (v != JsonToken.VALUE_STRING) {
      throw new Bad(id, field, "a timestamp must be an ISO-8601 string such as 2026-01-01T00:00:00Z, got " + describe(v), at);
    }
    String text = p.getText();
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new Bad(id, field, Texts.quote(text) + " is not an ISO-8601 instant such as 2026-01-01T00:00:00Z", at);
    }
  }

  private static int count(JsonParser p, JsonToken v, String id, String field, JsonLocation at) throws IOException, Bad {
    if (v == JsonToken.VALUE_NULL) {
      return 1;
    }
    if (v == JsonToken.VALUE_NUMBER_FLOAT) {
      throw new Bad(id, field, "count must be a whole number, got " + p.getText(), at);
    }
    if (v != JsonToken.VALUE_NUMBER_INT) {
      throw new Bad(id, field, "count must be a whole number, got " + describe(v), at);
    }
    boolean negative = p.getText().startsWith("-");
    if (p.getNumberType() != JsonParser.NumberType.INT) {
      throw new Bad(id, field, negative
          ? "count must be >= 0, got " + Texts.cut(p.getText())
          : "count is too large (at most " + Integer.MAX_VALUE + "), got " + Texts.cut(p.getText()), at);
    }
    int c = p.getIntValue();
    if (c < 0) {
      throw new Bad(id, field, "count must be >= 0, got " + c, at);
    }
    return c;
  }

  /**
   * Skips to the {@code END_OBJECT} closing the lead object at {@code depth}, returning the
   * lead's id if a top-level {@code "id": "..."} is passed on the way (for the error message).
   */
  private static String skipRest(JsonParser p, int depth) throws IOException {
    String found = null;
    JsonToken t = p.currentToken();
    while (t != null && !(t == JsonToken.END_OBJECT && p.getParsingContext().getNestingDepth() == depth - 1)) {
      if (t == JsonToken.FIELD_NAME && p.getParsingContext().getNestingDepth() == depth && "id".equals(p.currentName())) {
        t = p.nextToken();
        if (t == JsonToken.VALUE_STRING && !p.getText().isBlank()) {
          found = p.getText();
        }
        continue;
      }
      t = p.nextToken();
    }
    return found;
  }

  static String describe(JsonToken t) {
    if (t == null) {
      return "the end of the input";
    }
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.asString() == null ? t.name() : "'" + t.asString() + "'";
    };
  }

  // ------------------------------------------------------------------ documents

  /** Reads one lead object from a string; the whole string must be that object. */
  static Lead readOne(String json) {
    Objects.requireNonNull(json, "json");
    try (JsonParser p = FACTORY.createParser(json)) {
      JsonToken t = p.nextToken();
      if (t != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("expected a JSON object for a lead, got " + describe(t) + at(p.currentTokenLocation()));
      }
      Lead lead;
      try {
        lead = readLead(p, new SharedValues());
      } catch (Bad b) {
        throw b.toException();
      }
      JsonToken after = p.nextToken();
      if (after != null) {
        throw new IllegalArgumentException("unexpected content after the lead object: " + describe(after) + at(p.currentTokenLocation()));
      }
      return lead;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("malformed JSON" + at(e.getLocation()) + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String at(JsonLocation loc) {
    return loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
  }
}
