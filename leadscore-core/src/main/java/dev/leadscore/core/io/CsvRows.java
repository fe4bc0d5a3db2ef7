package dev.leadscore.core.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.leadscore.core.RowError;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows of a CSV file as lists of raw cells, each with the 1-based physical line it starts on,
 * read one at a time with jackson-dataformat-csv. No schema columns are declared, so Jackson
 * hands every row over as an array of strings however many cells it has, and the caller checks
 * the count against the header. Cells are exactly as written (quotes removed, nothing trimmed).
 * Completely empty lines are skipped. Not thread-safe: one instance per read.
 */
final class CsvRows implements Closeable {
  /** Shared factory (thread-safe once built); never closes the caller's reader. */
  private static final CsvFactory FACTORY = CsvFactory.builder()
      .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
      .build();

  /** One row: the line it starts on and its cells (unmodifiable). */
  record Row(long line, List<String> cells) {}

  private final CsvParser parser;
  private long rowStart = 1;

  CsvRows(Reader in, char delimiter) throws IOException {
    this.parser = FACTORY.createParser(in);
    parser.setSchema(CsvSchema.emptySchema().withColumnSeparator(delimiter));
    parser.disable(CsvParser.Feature.ALLOW_TRAILING_COMMA);
    parser.disable(CsvParser.Feature.TRIM_SPACES);
  }

  /**
   * The next row that is not an empty line, or {@code null} at the end of the input.
   *
   * @throws JsonProcessingException if the CSV is malformed here (an unclosed quote, text after
   *     a closing quote); the parser cannot go on after it
   */
  Row next() throws IOException {
    while (true) {
      JsonToken t = parser.nextToken();
      if (t == null) {
        return null;
      }
      rowStart = parser.currentLocation().getLineNr();
      List<String> cells = new ArrayList<>();
      for (t = parser.nextToken(); t != JsonToken.END_ARRAY && t != null; t = parser.nextToken()) {
        if (cells.isEmpty()) {
          rowStart = parser.currentTokenLocation().getLineNr();
        }
        cells.add(t == JsonToken.VALUE_NULL ? "" : parser.getText());
      }
      if (cells.isEmpty() || cells.size() == 1 && cells.get(0).isEmpty()) {
        continue;
      }
      return new Row(rowStart, Collections.unmodifiableList(cells));
    }
  }

  /** The line on which the row being read (or last read) starts. */
  long rowStart() {
    return rowStart;
  }

  /** The error for a syntax problem that ended the read, at the row it cut short. */
  RowError syntaxError(JsonProcessingException e, String source) {
    JsonLocation loc = e.getLocation();
    String where = loc == null || loc.getLineNr() < 1 ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    return new RowError(rowStart, null, null, source + rowStart + ": malformed CSV (" + e.getOriginalMessage() + where
        + "); reading stopped, the rest of the file was not read");
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }

  /**
   * The header row as column names, with a leading byte order mark removed.
   *
   * @throws IllegalArgumentException if the input is empty or malformed before the first row
   *     ends, or a column name repeats
   */
  static List<String> header(CsvRows rows, String what, String mustHave) throws IOException {
    Row row;
    try {
      row = rows.next();
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the " + what + " header line is malformed CSV: " + e.getOriginalMessage(), e);
    }
    if (row == null) {
      throw new IllegalArgumentException("the " + what + " is empty: expected a header line with the column '" + mustHave + "'");
    }
    List<String> header = new ArrayList<>(row.cells());
    if (header.get(0).startsWith("\uFEFF")) {
      header.set(0, header.get(0).substring(1));
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      Integer before = seen.putIfAbsent(header.get(i), i);
      if (before != null) {
        throw new IllegalArgumentException("the " + what + " header names column '" + header.get(i) + "' twice (columns "
            + (before + 1) + " and " + (i + 1) + "); header: " + Texts.header(header));
      }
    }
    return Collections.unmodifiableList(header);
  }

  /**
   * The position of a column the reader needs.
   *
   * @throws IllegalArgumentException naming the column and listing the header if it is missing
   */
  static int require(List<String> header, String column, String role, String what) {
    int i = header.indexOf(column);
    if (i < 0) {
      throw new IllegalArgumentException("the " + role + " '" + column + "' is not in the " + what + " header: " + Texts.header(header));
    }
    return i;
  }

  /** Whether {@code c} can separate columns (not a quote or a line break). */
  static boolean validDelimiter(char c) {
    return c != '"' && c != '\n' && c != '\r';
  }
}
