package dev.leadscore.model;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The threads one training run may use, and the fixed row partition that keeps its reductions
 * deterministic.
 *
 * <p><b>Determinism.</b> Rows are split into {@linkplain #blockCount(int) blocks} whose number and
 * bounds depend only on the number of rows, never on the number of threads. Each block writes its
 * partial sums into its own slot and the caller adds the slots in block order, so the result is
 * bit-identical whether one thread or many did the work.
 *
 * <p>With {@code threads == 1} every task runs on the calling thread and no thread is created.
 * Otherwise {@code threads - 1} daemon helper threads are created once and the caller works too.
 * Not thread-safe: one training run owns one instance and closes it when done.
 */
final class Workers implements AutoCloseable {
  /** Fewest rows per block, so that small problems are not split into tiny pieces. */
  static final int MIN_BLOCK_ROWS = 4096;
  /** Most blocks, which bounds the memory held for per-block partial sums. */
  static final int MAX_BLOCKS = 64;

  private final int threads;
  private final ExecutorService pool;

  /**
   * @param threads total threads to use, including the caller; at least 1
   * @throws IllegalArgumentException if {@code threads < 1}
   */
  Workers(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.threads = threads;
    if (threads == 1) {
      this.pool = null;
    } else {
      AtomicInteger counter = new AtomicInteger();
      ThreadFactory factory = r -> {
        Thread t = new Thread(r, "leadscore-train-" + counter.incrementAndGet());
        t.setDaemon(true);
        return t;
      };
      this.pool = Executors.newFixedThreadPool(threads - 1, factory);
    }
  }

  /** A single-threaded instance; closing it is a no-op. */
  static Workers single() {
    return new Workers(1);
  }

  /** Total threads, including the caller. */
  int threads() {
    return threads;
  }

  /** The number of row blocks for {@code n} rows: between 1 and {@link #MAX_BLOCKS}. */
  static int blockCount(int n) {
    int blocks = (n + MIN_BLOCK_ROWS - 1) / MIN_BLOCK_ROWS;
    return Math.max(1, Math.min(MAX_BLOCKS, blocks));
  }

  /** First row of block {@code b} of {@code blocks} over {@code n} rows. */
  static int blockStart(int n, int blocks, int b) {
    return (int) ((long) n * b / blocks);
  }

  /**
   * Runs {@code body} for every index in {@code [0, count)}, in any order and on any of the
   * threads, and returns when all have finished. The first exception thrown by a task is rethrown
   * after every task has stopped.
   */
  void forEach(int count, IntConsumer body) {
    if (pool == null || count <= 1) {
      for (int i = 0; i < count; i++) {
        body.accept(i);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    Runnable worker = () -> {
      int i;
      while ((i = next.getAndIncrement()) < count) {
        body.accept(i);
      }
    };
    int helpers = Math.min(threads - 1, count - 1);
    Future<?>[] futures = new Future<?>[helpers];
    for (int h = 0; h < helpers; h++) {
      futures[h] = pool.submit(worker);
    }
    Throwable failure = null;
    try {
      worker.run();
    } catch (RuntimeException | Error e) {
      failure = e;
    }
    boolean interrupted = false;
    for (Future<?> f : futures) {
      while (true) {
        try {
          f.get();
          break;
        } catch (InterruptedException e) {
          interrupted = true; // finish waiting: the tasks write into shared buffers
        } catch (ExecutionException e) {
          if (failure == null) {
            failure = e.getCause();
          }
          break;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure instanceof RuntimeException re) {
      throw re;
    }
    if (failure instanceof Error err) {
      throw err;
    }
    if (failure != null) {
      throw new IllegalStateException("a training task failed", failure);
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
