package dev.leadscore.core.internal;

import dev.leadscore.core.ActivityEvent;
import java.time.Instant;
import java.util.AbstractList;
import java.util.Collection;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A lead's events as the unmodifiable list {@link dev.leadscore.core.Lead#events()} returns, also
 * held column by column (type, epoch milliseconds, count) for extraction's one pass over them.
 * Not API: this package is not exported, and only the core's own extraction reads the columns.
 *
 * <p>Why columns: extraction visits every event of every lead it scores. Reading an event
 * through the list costs two dependent loads (the record, then its {@code Instant}) per event,
 * scattered over the heap; the columns are three small arrays read in order. They cost about 20
 * bytes per event on top of the records, which the list still keeps so that
 * {@link #get(int)} returns the very instances the lead was built with.
 *
 * <p>As a {@link java.util.List} it behaves like {@link java.util.List#copyOf}'s lists: immutable,
 * no nulls, equal to and hashing like any list with the same elements in the same order.
 * Immutable and safe to share between threads.
 */
public final class EventColumns extends AbstractList<ActivityEvent> implements RandomAccess {
  private static final EventColumns EMPTY = new EventColumns(new ActivityEvent[0]);

  private final ActivityEvent[] events;
  private final String[] types;
  private final double[] millis;
  private final int[] counts;

  private EventColumns(ActivityEvent[] events) {
    this.events = events;
    int n = events.length;
    this.types = new String[n];
    this.millis = new double[n];
    this.counts = new int[n];
    for (int i = 0; i < n; i++) {
      ActivityEvent e = Objects.requireNonNull(events[i], "event");
      types[i] = e.type();
      millis[i] = epochMillis(e.at());
      counts[i] = e.count();
    }
  }

  /**
   * An immutable copy, in iteration order.
   *
   * @throws NullPointerException if an element is null
   */
  public static EventColumns copyOf(Collection<ActivityEvent> events) {
    if (events instanceof EventColumns c) {
      return c;
    }
    return events.isEmpty() ? EMPTY : new EventColumns(events.toArray(new ActivityEvent[0]));
  }

  @Override
  public ActivityEvent get(int index) {
    return events[index];
  }

  @Override
  public int size() {
    return events.length;
  }

  /** The type of event {@code i}: the very string instance the event holds. */
  public String type(int i) {
    return types[i];
  }

  /** {@link #epochMillis(Instant)} of event {@code i}'s instant. */
  public double epochMillis(int i) {
    return millis[i];
  }

  /** How many times event {@code i} happened at its instant ({@code >= 0}). */
  public int count(int i) {
    return counts[i];
  }

  /**
   * Whether event {@code i} happened after {@code asOf}, compared exactly (to the nanosecond).
   * Milliseconds decide unless they are equal: {@link #epochMillis(Instant)} never reverses the
   * order of two instants, so different milliseconds order the instants the same way, and only
   * a tie needs the instants themselves.
   *
   * @param asOfMillis {@link #epochMillis(Instant)} of {@code asOf}, passed in so a loop computes it once
   */
  public boolean isAfter(int i, Instant asOf, double asOfMillis) {
    double m = millis[i];
    return m > asOfMillis || (m == asOfMillis && events[i].at().isAfter(asOf));
  }

  /**
   * {@link Instant#toEpochMilli()} as a double (the instant's millisecond, rounded down), exact
   * for every instant within ±285,000 years of 1970 (|millis| < 2^53), and approximate instead of
   * overflowing for the extreme instants ({@link Instant#MIN}, {@link Instant#MAX}) that
   * {@code toEpochMilli} cannot represent. Non-decreasing in the instant.
   */
  public static double epochMillis(Instant t) {
    long s = t.getEpochSecond();
    return Math.abs(s) < 9_000_000_000_000_000L ? (double) t.toEpochMilli() : s * 1000.0;
  }
}
