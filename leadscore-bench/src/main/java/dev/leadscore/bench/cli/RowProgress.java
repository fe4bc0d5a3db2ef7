package dev.leadscore.bench.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of a streamed read on standard error: about every two seconds one line with the rows
 * done, the rate, the share of the file read and the time left at that rate; one closing line with
 * the total and the mean rate. Calls come from the reading thread; the clock is read once every
 * 4,096 rows.
 */
final class RowProgress {
  private static final long EVERY_NANOS = 2_000_000_000L;

  private final PrintWriter err;
  private final String fileName;
  private final long fileBytes;
  private final DecodingReader source;
  private final long started = System.nanoTime();
  private long lastPrinted = started;
  private long rows;

  /**
   * @param fileBytes the file's size, or -1 when unknown (no share or time left is shown)
   * @param source the file's reader, asked how many bytes it has read
   */
  RowProgress(PrintWriter err, String fileName, long fileBytes, DecodingReader source) {
    this.err = err;
    this.fileName = fileName;
    this.fileBytes = fileBytes;
    this.source = source;
  }

  /** One more row done. */
  void row() {
    rows++;
    if ((rows & 4095) != 0) {
      return;
    }
    long now = System.nanoTime();
    if (now - lastPrinted < EVERY_NANOS) {
      return;
    }
    lastPrinted = now;
    double seconds = (now - started) / 1e9;
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %,d rows, %,.0f rows/s", rows, rows / seconds));
    long read = source.bytesRead();
    if (fileBytes > 0 && read > 0) {
      double share = Math.min(1.0, (double) read / fileBytes);
      sb.append(String.format(Locale.ROOT, ", %.0f %% of %s, about %s left", 100 * share, fileName,
          duration(seconds * (1 - share) / share)));
    }
    err.println(sb);
    err.flush();
  }

  /** The closing line. */
  void done(long rowsRead) {
    double seconds = (System.nanoTime() - started) / 1e9;
    err.printf(Locale.ROOT, "  %,d rows read in %.1f s (%,.0f rows/s)%n", rowsRead, seconds,
        seconds > 0 ? rowsRead / seconds : 0.0);
    err.flush();
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
  }
}
