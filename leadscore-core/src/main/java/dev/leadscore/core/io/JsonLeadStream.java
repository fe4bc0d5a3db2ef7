package dev.leadscore.core.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.leadscore.core.Lead;
import dev.leadscore.core.RowError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Streams a whole JSON document of leads (an array, or newline-delimited JSON) through {@link
 * JsonLeadParser}, one lead at a time: a lead with a data problem becomes a {@link RowError} with
 * its line and column and the next one is read; a repeated id is reported; a syntax error ends the
 * read with the rows before it kept. Stateless; each call uses its own parser.
 */
final class JsonLeadStream {
  private JsonLeadStream() {}

  /** Remembers ids already read and reports a repeated one. */
  private static final class Ids {
    private final Map<String, Long> firstLine = new HashMap<>();

    /** Null if the id is new, else the error for the lead at {@code line}/{@code column}. */
    RowError repeated(Lead lead, long line, int column) {
      Long first = firstLine.putIfAbsent(lead.id(), line);
      if (first == null) {
        return null;
      }
      return new RowError(line, lead.id(), "id", "line " + line + ", column " + column + ": "
          + Texts.leadMessage(lead.id(), "id", "the id was already used by the lead at line " + first));
    }
  }

  /** Streams a JSON array of leads; returns the number of array elements read. */
  static long streamArray(Reader in, Consumer<Lead> onLead, Consumer<RowError> onError) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(onLead, "onLead");
    Objects.requireNonNull(onError, "onError");
    long rows = 0;
    Ids ids = new Ids();
    SharedValues shared = new SharedValues();
    try (JsonParser p = JsonLeadParser.FACTORY.createParser(withoutByteOrderMark(in))) {
      try {
        JsonToken t = p.nextToken();
        if (t != JsonToken.START_ARRAY) {
          JsonLocation loc = p.currentTokenLocation();
          onError.accept(new RowError(Math.max(1, loc.getLineNr()), null, null,
              "line " + Math.max(1, loc.getLineNr()) + ", column " + Math.max(1, loc.getColumnNr())
                  + ": expected a JSON array of leads, got " + JsonLeadParser.describe(t) + "; nothing was read"));
          return rows;
        }
        for (t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
          rows++;
          JsonLocation at = p.currentTokenLocation();
          if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            onError.accept(new RowError(at.getLineNr(), null, null, "line " + at.getLineNr() + ", column " + at.getColumnNr()
                + ": expected a lead object, got " + JsonLeadParser.describe(t)));
            continue;
          }
          try {
            Lead lead = JsonLeadParser.readLead(p, shared);
            RowError dup = ids.repeated(lead, at.getLineNr(), at.getColumnNr());
            if (dup != null) {
              onError.accept(dup);
            } else {
              onLead.accept(lead);
            }
          } catch (JsonLeadParser.Bad b) {
            onError.accept(b.toRowError(1));
            if (b.followedBy != null) {
              onError.accept(syntax(b.followedBy, 1, "reading stopped"));
              return rows;
            }
          }
        }
        JsonToken after = p.nextToken();
        if (after != null) {
          JsonLocation loc = p.currentTokenLocation();
          onError.accept(new RowError(loc.getLineNr(), null, null, "line " + loc.getLineNr() + ", column " + loc.getColumnNr()
              + ": unexpected content after the array of leads (" + JsonLeadParser.describe(after) + "); reading stopped"));
        }
      } catch (JsonProcessingException e) {
        onError.accept(syntax(e, 1, "reading stopped"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /** Streams newline-delimited JSON; returns the number of non-blank lines read. */
  static long streamNdjson(Reader in, Consumer<Lead> onLead, Consumer<RowError> onError) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(onLead, "onLead");
    Objects.requireNonNull(onError, "onError");
    long rows = 0;
    Ids ids = new Ids();
    SharedValues shared = new SharedValues();
    BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
    try {
      long lineNo = 0;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        lineNo++;
        if (lineNo == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        if (line.isBlank()) {
          continue;
        }
        rows++;
        try (JsonParser p = JsonLeadParser.FACTORY.createParser(line)) {
          JsonToken t = p.nextToken();
          JsonLocation at = p.currentTokenLocation();
          if (t != JsonToken.START_OBJECT) {
            onError.accept(new RowError(lineNo, null, null, "line " + lineNo + ", column " + at.getColumnNr()
                + ": expected a lead object, got " + JsonLeadParser.describe(t) + "; line skipped"));
            continue;
          }
          Lead lead = JsonLeadParser.readLead(p, shared);
          JsonToken after = p.nextToken();
          if (after != null) {
            JsonLocation loc = p.currentTokenLocation();
            onError.accept(new RowError(lineNo, lead.id(), null, "line " + lineNo + ", column " + loc.getColumnNr()
                + ": " + Texts.leadMessage(lead.id(), null, "unexpected content after the lead object (" + JsonLeadParser.describe(after)
                + "); NDJSON holds one lead per line")));
            continue;
          }
          RowError dup = ids.repeated(lead, lineNo, at.getColumnNr());
          if (dup != null) {
            onError.accept(dup);
          } else {
            onLead.accept(lead);
          }
        } catch (JsonLeadParser.Bad b) {
          onError.accept(b.toRowError(lineNo));
        } catch (JsonProcessingException e) {
          onError.accept(syntax(e, lineNo, "line skipped"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /** The reader without a leading U+FEFF, which a UTF-8 file may start with and Jackson would refuse. */
  private static Reader withoutByteOrderMark(Reader in) throws IOException {
    PushbackReader r = new PushbackReader(in, 1);
    int first = r.read();
    if (first != -1 && first != '\uFEFF') {
      r.unread(first);
    }
    return r;
  }

  private static RowError syntax(JsonProcessingException e, long lineBase, String consequence) {
    JsonLocation loc = e.getLocation();
    long line = loc == null || loc.getLineNr() < 1 ? lineBase : lineBase + loc.getLineNr() - 1;
    String column = loc == null || loc.getColumnNr() < 1 ? "" : ", column " + loc.getColumnNr();
    return new RowError(line, null, null, "line " + line + column + ": malformed JSON (" + e.getOriginalMessage() + "); " + consequence);
  }
}
