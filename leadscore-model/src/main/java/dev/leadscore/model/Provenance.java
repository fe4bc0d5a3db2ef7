package dev.leadscore.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a model came from: the library version that trained it, the options (with the seed), a
 * SHA-256 of the training data, the Java version and CPU architecture it was trained on, and its
 * creation time. The creation time is supplied by the caller (or is the training {@code asOf}),
 * never read from the clock, so the same data, options and seed give the same model, byte for
 * byte, on the same platform.
 *
 * <p>The data hash covers the final training matrix as extracted (rows in the given order, every
 * value as its IEEE-754 bits, big-endian) and the labels; see {@link ModelTrainer}.
 *
 * <p>Immutable record, safe to share between threads.
 *
 * @param libraryVersion the leadscore version
 * @param options the options the model was trained with (progress listener and thread count are
 *     not recorded)
 * @param dataSha256 {@code sha256:<hex>} of the training matrix and labels
 * @param javaVersion {@code java.version} of the training JVM
 * @param osArch {@code os.arch} of the training machine
 * @param createdAt the model's creation time
 */
public record Provenance(String libraryVersion, TrainingOptions options, String dataSha256, String javaVersion,
    String osArch, Instant createdAt) {
  /** @throws NullPointerException if a component is null */
  public Provenance {
    Objects.requireNonNull(libraryVersion, "libraryVersion");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(dataSha256, "dataSha256");
    Objects.requireNonNull(javaVersion, "javaVersion");
    Objects.requireNonNull(osArch, "osArch");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** {@return the cross-validation seed} */
  public long seed() {
    return options.seed();
  }
}
