package dev.leadscore.core.hardening;

import dev.leadscore.core.BatchResult;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadScorer;
import dev.leadscore.core.LeadScorer.Detail;
import dev.leadscore.core.Score;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A plain stress test of the "a built scorer is immutable and safe to share" contract: one
 * scorer, many threads released together by a latch, every score compared with the one computed
 * sequentially beforehand ({@link Score#equals}: probability and score bit for bit, tier, model,
 * and the whole explanation). Threads start at different offsets and mix the three ways of
 * scoring ({@code score} with and without the explanation, and {@code scoreAll}), so different
 * leads and code paths run at the same moment. Deterministic apart from timing: any mismatch is a
 * real race, never noise. Bounded by a timeout; the pool is always shut down.
 */
public final class ConcurrentScoring {
  private ConcurrentScoring() {}

  /** What a run did. */
  public record Report(int threads, long scorings, long explained, long mismatches, String firstMismatch, Duration wall) {
    public String summary(String name) {
      return String.format("[hardening] %s: %d threads x %,d scorings = %,d scorings (%,d with explanations), %d mismatches vs sequential, %.1f s",
          name, threads, scorings / threads, scorings, explained, mismatches, wall.toMillis() / 1000.0);
    }
  }

  /** How many passes over the leads each thread makes: {@code leadscore.stress.passes} (default 1). */
  public static int passes() {
    String p = System.getProperty("leadscore.stress.passes");
    return p == null || p.isBlank() ? 1 : Integer.parseInt(p.strip());
  }

  /**
   * Scores {@code leads} sequentially, then {@code threads} threads each score all of them
   * {@code passes} times, and counts scores that differ from the sequential ones.
   *
   * @throws AssertionError if the run does not finish within {@code timeout} or a thread throws
   */
  public static Report run(LeadScorer scorer, List<Lead> leads, Instant asOf, int threads, int passes, Duration timeout)
      throws InterruptedException {
    return run(scorer, scorer, leads, asOf, threads, passes, timeout);
  }

  /**
   * As {@link #run(LeadScorer, List, Instant, int, int, Duration)}, with the sequential scores
   * taken from {@code reference} and the threads scoring with {@code scorer}: an equal scorer that
   * has scored nothing yet, so that its caches (the schema's text memos) fill up while the
   * threads race.
   */
  public static Report run(LeadScorer reference, LeadScorer scorer, List<Lead> leads, Instant asOf, int threads,
      int passes, Duration timeout) throws InterruptedException {
    int n = leads.size();
    Score[] explained = new Score[n];
    Score[] plain = new Score[n];
    for (int i = 0; i < n; i++) {
      explained[i] = reference.score(leads.get(i), asOf, Detail.EXPLAINED);
      plain[i] = reference.score(leads.get(i), asOf, Detail.SCORE_ONLY);
    }
    AtomicLong scorings = new AtomicLong();
    AtomicLong withExplanations = new AtomicLong();
    AtomicLong mismatches = new AtomicLong();
    AtomicReference<String> first = new AtomicReference<>();
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          ready.countDown();
          go.await();
          for (int pass = 0; pass < passes; pass++) {
            int mode = (thread + pass) % 4; // 0,1: explained; 2: score only; 3: scoreAll explained, in chunks
            int offset = (int) ((long) thread * n / threads + 7919L * pass) % n;
            if (mode == 3) {
              for (int from = 0; from < n; from += 500) {
                int to = Math.min(n, from + 500);
                List<Lead> chunk = new ArrayList<>(to - from);
                for (int i = from; i < to; i++) {
                  chunk.add(leads.get((offset + i) % n));
                }
                BatchResult b = scorer.scoreAll(chunk, asOf, Detail.EXPLAINED);
                if (!b.errors().isEmpty() || b.scores().size() != chunk.size()) {
                  mismatch(mismatches, first, "scoreAll reported errors " + b.errors());
                  continue;
                }
                for (int i = from; i < to; i++) {
                  check(b.scores().get(i - from), explained[(offset + i) % n], mismatches, first);
                }
                scorings.addAndGet(to - from);
                withExplanations.addAndGet(to - from);
              }
            } else {
              Detail d = mode == 2 ? Detail.SCORE_ONLY : Detail.EXPLAINED;
              for (int i = 0; i < n; i++) {
                int k = (offset + i) % n;
                check(scorer.score(leads.get(k), asOf, d), d == Detail.EXPLAINED ? explained[k] : plain[k], mismatches, first);
              }
              scorings.addAndGet(n);
              if (d == Detail.EXPLAINED) {
                withExplanations.addAndGet(n);
              }
            }
          }
          return null;
        }));
      }
      if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("the " + threads + " threads did not start within " + timeout);
      }
      go.countDown();
      long deadline = System.nanoTime() + timeout.toNanos();
      for (Future<?> f : futures) {
        try {
          f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          throw new AssertionError("concurrent scoring did not finish within " + timeout, e);
        } catch (java.util.concurrent.ExecutionException e) {
          throw new AssertionError("a scoring thread failed: " + e.getCause(), e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
      if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
        throw new AssertionError("scoring threads did not stop");
      }
    }
    return new Report(threads, scorings.get(), withExplanations.get(), mismatches.get(), first.get(),
        Duration.ofNanos(System.nanoTime() - start));
  }

  private static void check(Score got, Score want, AtomicLong mismatches, AtomicReference<String> first) {
    if (!want.equals(got)) {
      mismatch(mismatches, first, "lead " + want.leadId() + ": concurrent " + got + " " + got.explanation().orElse(null)
          + " vs sequential " + want + " " + want.explanation().orElse(null));
    }
  }

  private static void mismatch(AtomicLong mismatches, AtomicReference<String> first, String what) {
    mismatches.incrementAndGet();
    first.compareAndSet(null, what);
  }
}
