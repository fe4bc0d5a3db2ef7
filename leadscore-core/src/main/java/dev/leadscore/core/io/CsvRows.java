package dev.leadscore.core.io;

import dev.leadscore.core.RowError;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows of a CSV file (RFC 4180: fields optionally quoted with {@code "}, a quoted field may hold
 * delimiters, doubled quotes and line breaks) as lists of raw cells, each with the 1-based
 * physical line it starts on, read one at a time. {@code \n}, {@code \r\n} and a lone {@code \r}
 * each end a line. Cells are exactly as written (quotes removed, nothing trimmed); the caller
 * checks the count against the header. Completely empty lines are skipped; a line holding only
 * {@code ""} is a row of one empty cell, not an empty line.
 *
 * <p>No malformed input ends the read. A row with text after a closing quote, or with a cell
 * longer than {@link #MAX_CELL} characters, comes back with a {@link Row#problem()} and the next
 * row is read as usual. A quote that is never closed would swallow the rest of the file; instead
 * its row comes back with a problem and reading resumes on the line after the one the quote was
 * opened on (the swallowed text is read again as rows); so does a quoted cell that spans lines and
 * is followed by text where it closes, the usual sign of a stray quote closed by a later one. A decoding error of the underlying reader
 * (bytes that are not valid in its character set) is rethrown naming the line and column.
 *
 * <p>Hand-written rather than a library parser because a library stops at the first syntax error
 * and cannot resynchronise; it also streams a large export at several hundred MB a second. Not
 * thread-safe: one instance per read; holds one row (and at most one buffer of input) at a time.
 */
final class CsvRows implements Closeable {
  /** The longest cell kept, in characters; a longer one makes its row a problem row. */
  static final int MAX_CELL = 20_000_000;

  private static final int BUFFER = 1 << 16;

  /**
   * One row: the line it starts on, its cells (unmodifiable) and, when it cannot be used as it
   * stands, what is wrong with it.
   *
   * @param line the 1-based physical line the row starts on
   * @param cells the cells, quotes removed
   * @param problem null for a well-formed row, else a sentence such as {@code "text after the
   *     closing quote of column 3"}
   */
  record Row(long line, List<String> cells, String problem) {}

  private final Reader in;
  private final char delimiter;
  private char[] buf = new char[BUFFER];
  private int pos;
  private int end;
  /** Text to read again before the reader's (after an unclosed quote), or null. */
  private char[] replay;
  /** Where the reader's text resumes after {@link #replay}. */
  private int savedPos;
  private int savedEnd;
  private long line = 1;
  private boolean lastWasCr;
  private long rowStart = 1;
  private int column = 1;
  private final StringBuilder cell = new StringBuilder();

  CsvRows(Reader in, char delimiter) {
    this.in = in;
    this.delimiter = delimiter;
  }

  /** The next row that is not an empty line, or {@code null} at the end of the input. */
  Row next() throws IOException {
    while (true) {
      int c = peek();
      if (c < 0) {
        return null;
      }
      if (c == '\n' || c == '\r') {
        take();
        continue;
      }
      return row();
    }
  }

  private Row row() throws IOException {
    rowStart = line;
    List<String> cells = new ArrayList<>();
    String problem = null;
    while (true) {
      cell.setLength(0);
      boolean tooLong = false;
      int c = peek();
      if (c == '"') {
        long quoteLine = line;
        int quoteColumn = column;
        take();
        // the raw text after the quote line, kept only so that an unclosed quote can be re-read
        while (true) {
          c = take();
          if (c < 0) {
            if (tooLong) {
              return new Row(rowStart, List.of(), "the quote opened in column " + (cells.size() + 1) + " (line " + quoteLine
                  + ", character " + quoteColumn + ") is never closed and runs over " + MAX_CELL
                  + " characters to the end of the file, so the lines after it could not be read");
            }
            return resync(cells.size() + 1, quoteLine, quoteColumn, " is never closed", "");
          }
          if (c == '"') {
            if (peek() == '"') {
              take();
            } else {
              break;
            }
          }
          if (cell.length() < MAX_CELL) {
            cell.append((char) c);
          } else {
            tooLong = true;
          }
        }
        c = peek();
        if (c >= 0 && c != delimiter && c != '\n' && c != '\r') {
          if (line > quoteLine && !tooLong) {
            // a stray quote that a later one "closed": the lines between were never rows of their own
            return resync(cells.size() + 1, quoteLine, quoteColumn, " closes only on line " + line
                + ", followed by text", "\"");
          }
          if (problem == null) {
            problem = "text after the closing quote of column " + (cells.size() + 1) + " (line " + line + ", character "
                + column + "); a quote inside a quoted cell must be doubled";
          }
          // the rest of the cell as unquoted text, so the row still ends where it should
          while ((c = peek()) >= 0 && c != delimiter && c != '\n' && c != '\r') {
            take();
          }
        }
      } else {
        tooLong = unquoted();
      }
      if (tooLong && problem == null) {
        problem = "column " + (cells.size() + 1) + " holds more than " + MAX_CELL + " characters";
      }
      cells.add(tooLong ? "" : cell.toString());
      c = take();
      if (c != delimiter) {
        if (c == '\r' && peek() == '\n') {
          take();
        }
        if (cell.capacity() > BUFFER) {
          cell.setLength(0);
          cell.trimToSize();
        }
        return new Row(rowStart, Collections.unmodifiableList(cells), problem);
      }
    }
  }

  /**
   * A quote opened on {@code quoteLine} took in line breaks and then went wrong (the input ended,
   * or text follows where it closed): its row is a problem, and the text after the quote's line is
   * read again as rows. That text went into the cell with every quote in it doubled (or the cell
   * would have closed sooner), so doubling them again gives it back as written.
   *
   * @param closing what was taken after the cell's text ({@code "\""} when it closed), read again too
   */
  private Row resync(int columnNumber, long quoteLine, int quoteColumn, String what, String closing) {
    String problem = "the quote opened in column " + columnNumber + " (line " + quoteLine + ", character " + quoteColumn
        + ")" + what;
    int breakAt = -1;
    for (int i = 0; i < cell.length(); i++) {
      char ch = cell.charAt(i);
      if (ch == '\n' || ch == '\r') {
        breakAt = i + (ch == '\r' && i + 1 < cell.length() && cell.charAt(i + 1) == '\n' ? 2 : 1);
        break;
      }
    }
    if (breakAt >= 0) {
      replay = (cell.substring(breakAt).replace("\"", "\"\"") + closing).toCharArray();
      savedPos = pos;
      savedEnd = end;
      pos = 0;
      end = replay.length;
      line = quoteLine + 1;
      lastWasCr = false;
      column = 1;
      problem += "; the row is rejected and reading resumed on line " + line;
    }
    return new Row(rowStart, List.of(), problem);
  }

  /**
   * Takes an unquoted cell's text into {@link #cell}, up to the delimiter, a line break or the end
   * of the input (not taken): a scan of the buffer rather than a call per character, since most of
   * an export's cells are unquoted.
   *
   * @return whether the cell ran over {@link #MAX_CELL} (the rest was dropped)
   */
  private boolean unquoted() throws IOException {
    boolean tooLong = false;
    while (pos < end || fill()) {
      char[] b = current();
      int i = pos;
      int e = end;
      while (i < e) {
        char ch = b[i];
        if (ch == delimiter || ch == '\n' || ch == '\r') {
          break;
        }
        i++;
      }
      int n = i - pos;
      if (n > 0) {
        int keep = Math.min(n, MAX_CELL - cell.length());
        cell.append(b, pos, keep);
        tooLong |= keep < n;
        column += n;
        lastWasCr = false;
        pos = i;
      }
      if (i < e) {
        break;
      }
    }
    return tooLong;
  }

  private int peek() throws IOException {
    if (pos >= end && !fill()) {
      return -1;
    }
    return current()[pos];
  }

  private int take() throws IOException {
    if (pos >= end && !fill()) {
      return -1;
    }
    char c = current()[pos++];
    if (c == '\n') {
      if (!lastWasCr) {
        line++;
      }
      column = 1;
      lastWasCr = false;
    } else if (c == '\r') {
      line++;
      column = 1;
      lastWasCr = true;
    } else {
      column++;
      lastWasCr = false;
    }
    return c;
  }

  private char[] current() {
    return replay != null ? replay : buf;
  }

  private boolean fill() throws IOException {
    if (replay != null) {
      replay = null;
      pos = savedPos;
      end = savedEnd;
      if (pos < end) {
        return true;
      }
    }
    while (true) {
      int n;
      try {
        n = in.read(buf, 0, buf.length);
      } catch (CharacterCodingException e) {
        throw new DecodingException("line " + line + ", character " + column + ": " + e.getMessage(), e);
      }
      if (n < 0) {
        return false;
      }
      if (n > 0) {
        pos = 0;
        end = n;
        return true;
      }
    }
  }

  /** The line on which the row being read (or last read) starts. */
  long rowStart() {
    return rowStart;
  }

  /** The error for a row with a {@linkplain Row#problem() problem}. */
  static RowError malformed(Row row, String source, String leadId) {
    return new RowError(row.line(), leadId, null, source + row.line() + ": " + Texts.leadMessage(leadId, null,
        "malformed CSV: " + row.problem()));
  }

  @Override
  public void close() {
    // the caller's reader is the caller's to close
  }

  /** Input that is not valid in the reader's character set, located by line and character. */
  static final class DecodingException extends CharacterCodingException {
    private static final long serialVersionUID = 1L;
    private final String message;

    DecodingException(String message, CharacterCodingException cause) {
      this.message = message;
      initCause(cause);
    }

    @Override
    public String getMessage() {
      return message;
    }
  }

  /**
   * The header row as column names, with a leading byte order mark removed.
   *
   * @throws IllegalArgumentException if the input is empty or malformed before the first row
   *     ends, or a column name repeats
   */
  static List<String> header(CsvRows rows, String what, String mustHave) throws IOException {
    Row row = rows.next();
    if (row == null) {
      throw new IllegalArgumentException("the " + what + " is empty: expected a header line" + (mustHave == null ? "" : " with the column '" + mustHave + "'"));
    }
    if (row.problem() != null) {
      throw new IllegalArgumentException("the " + what + " header line is malformed CSV: " + row.problem());
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
