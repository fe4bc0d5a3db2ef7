package dev.leadscore.core.internal;

import dev.leadscore.core.ActivityEvent;
import java.time.Instant;
import java.util.AbstractList;
import java.util.Collection;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A lead's events, stored column by column (type, epoch second, nanosecond, count): the
 * unmodifiable list {@link dev.leadscore.core.Lead#events()} returns, and the form extraction and
 * the rule scorer read in their one pass over a lead's events. Not API: this package is exported
 * only to leadscore's own modules.
 *
 * <p>Why columns: scoring visits every event of every lead. Through records, each event costs two
 * dependent loads (the record, then its {@code Instant}) scattered over the heap, and up to 52
 * bytes (a 24-byte record, a 24-byte instant unless shared, a list slot); here an event is 20
 * bytes in four arrays read in order (16 when every count is 1, which is then not stored; sizes
 * with compressed references). The price is that {@link #get(int)} builds the record it returns,
 * with its {@code Instant}, on every call: equal to the one the lead was built with, not the same
 * instance.
 *
 * <p>As a {@link java.util.List}: never modified (a mutator that would change it throws
 * {@link UnsupportedOperationException}), no null elements, equal to and hashing like any list
 * with the same elements in the same order. Unlike {@link java.util.List#copyOf}'s lists it is not
 * serialisable and answers {@code contains(null)} with {@code false}. Immutable and safe to share
 * between threads.
 *
 * <p>Ages: an event's age is the difference of whole epoch milliseconds ({@link #ageDays}), while
 * "after asOf" is decided to the nanosecond ({@link #isAfter}), as extraction's contract says.
 */
public final class EventColumns extends AbstractList<ActivityEvent> implements RandomAccess {
  private static final EventColumns EMPTY = new EventColumns(new ActivityEvent[0]);
  /** Seconds below which {@code second * 1000 + millis} cannot overflow a long. */
  private static final long SAFE_SECONDS = 9_000_000_000_000_000L;
  private static final double MILLIS_PER_DAY = 86_400_000.0;

  private final String[] types;
  private final long[] seconds;
  private final int[] nanos;
  /** {@code null} when every count is 1. */
  private final int[] counts;

  private EventColumns(ActivityEvent[] events) {
    int n = events.length;
    this.types = new String[n];
    this.seconds = new long[n];
    this.nanos = new int[n];
    int[] c = new int[n];
    boolean allOnes = true;
    for (int i = 0; i < n; i++) {
      ActivityEvent e = Objects.requireNonNull(events[i], "event");
      types[i] = e.type();
      seconds[i] = e.at().getEpochSecond();
      nanos[i] = e.at().getNano();
      c[i] = e.count();
      allOnes &= c[i] == 1;
    }
    this.counts = allOnes ? null : c;
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

  /** A new record equal to the event added at {@code index}. Allocates it and its instant. */
  @Override
  public ActivityEvent get(int index) {
    return new ActivityEvent(types[index], Instant.ofEpochSecond(seconds[index], nanos[index]), count(index));
  }

  @Override
  public int size() {
    return types.length;
  }

  /** The type of event {@code i}: the very string instance the event was added with. */
  public String type(int i) {
    return types[i];
  }

  /** How many times event {@code i} happened at its instant ({@code >= 0}). */
  public int count(int i) {
    return counts == null ? 1 : counts[i];
  }

  /** {@link Instant#getEpochSecond()} of event {@code i}. */
  public long epochSecond(int i) {
    return seconds[i];
  }

  /** {@link Instant#getNano()} of event {@code i}. */
  public int nano(int i) {
    return nanos[i];
  }

  /** {@link #epochMillis(Instant)} of event {@code i}'s instant, without building the instant. */
  double epochMillis(int i) {
    long s = seconds[i];
    // As toEpochMilli(): nanos lie in [0, 10^9), so this equals its (s + 1) * 1000 + (n / 10^6 -
    // 1000) for negative seconds, and cannot overflow below SAFE_SECONDS.
    return Math.abs(s) < SAFE_SECONDS ? (double) (s * 1000 + nanos[i] / 1_000_000) : s * 1000.0;
  }

  /**
   * The age in days of event {@code i} seen from {@code asOfMillis}: the difference of whole
   * epoch milliseconds over 86,400,000, so an exact multiple of 1 ms. Meaningful for an event that
   * is not {@linkplain #isAfter after} asOf, when it is {@code >= 0}.
   *
   * @param asOfMillis {@link #epochMillis(Instant)} of asOf, passed in so a loop computes it once
   */
  public double ageDays(int i, double asOfMillis) {
    return toDays(ageMillis(i, asOfMillis));
  }

  /**
   * The age in whole milliseconds of event {@code i} seen from {@code asOfMillis}, exact below
   * 2^53 ms; {@link #ageDays} is {@link #toDays} of it.
   */
  public double ageMillis(int i, double asOfMillis) {
    return asOfMillis - epochMillis(i);
  }

  /** Milliseconds over 86,400,000, as {@link #ageDays} divides. */
  public static double toDays(double millis) {
    return millis / MILLIS_PER_DAY;
  }

  /** Whether event {@code i} happened after the instant {@code (second, nano)}, compared exactly. */
  public boolean isAfter(int i, long second, int nano) {
    long s = seconds[i];
    return s > second || (s == second && nanos[i] > nano);
  }

  /**
   * {@link Instant#toEpochMilli()} as a double (the instant's millisecond, rounded down), exact
   * for every instant within ±285,000 years of 1970 ({@code |millis| < 2^53}), and approximate instead of
   * overflowing for the extreme instants ({@link Instant#MIN}, {@link Instant#MAX}) that
   * {@code toEpochMilli} cannot represent. Non-decreasing in the instant.
   */
  public static double epochMillis(Instant t) {
    long s = t.getEpochSecond();
    return Math.abs(s) < SAFE_SECONDS ? (double) t.toEpochMilli() : s * 1000.0;
  }
}
