package dev.leadscore.model.registry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How a {@link ModelRegistry} changes its directory safely: one writer at a time (an in-process
 * lock per directory and a {@link FileLock} across processes), and each file written to a new
 * temporary file, forced to the device and renamed atomically over its target. The {@code faults}
 * hook lets tests crash a write at its named steps.
 *
 * <p>Thread-safe: writes are serialised by the lock.
 */
final class RegistryWrites {
  private final Path directory;
  private final ReentrantLock lock;
  private final ModelRegistry.Faults faults;

  RegistryWrites(Path directory, ReentrantLock lock, ModelRegistry.Faults faults) {
    this.directory = directory;
    this.lock = lock;
    this.faults = faults;
  }

  /** A write, run under the registry's locks. */
  interface Write<T> {
    T run() throws IOException;
  }

  /**
   * Runs {@code body} as the only writer of the directory: under the in-process lock, then an
   * exclusive {@link FileLock} on {@link ModelRegistry#ModelRegistry.LOCK_FILE} across processes.
   */
  <T> T writing(Write<T> body) throws IOException {
    lock.lock();
    try (FileChannel ch = FileChannel.open(directory.resolve(ModelRegistry.LOCK_FILE), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE)) {
      FileLock fileLock = ch.lock(); // released when the channel closes
      try {
        return body.run();
      } finally {
        fileLock.release();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Writes {@code bytes} to a new temporary file in the directory, forces it to the device,
   * renames it atomically over {@code target} and forces the directory. On an I/O error the
   * temporary file is removed; a crash leaves it behind, which is harmless.
   */
  void writeAtomically(Path target, byte[] bytes, String what) throws IOException {
    Path tmp = directory.resolve(ModelRegistry.TEMP_PREFIX + UUID.randomUUID() + ".part");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        int half = bytes.length / 2;
        buf.limit(half);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        faults.at(what + ":half-written");
        buf.limit(bytes.length);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      faults.at(what + ":before-rename");
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      if (e instanceof FileAlreadyExistsException) {
        throw new IOException("cannot replace " + target + " atomically on this file system", e);
      }
      throw e;
    }
    faults.at(what + ":after-rename");
    forceDirectory();
  }

  /** Flushes the directory entry changes; not every platform can open a directory, so best effort. */
  private void forceDirectory() {
    try (FileChannel ch = FileChannel.open(directory, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Windows cannot open a directory as a channel; its rename is durable once it returns
    }
  }
}
