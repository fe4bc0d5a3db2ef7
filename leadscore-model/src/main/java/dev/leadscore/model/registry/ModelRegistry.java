package dev.leadscore.model.registry;

import dev.leadscore.core.internal.Sha256;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.model.ArtifactException;
import dev.leadscore.model.ModelArtifact;
import dev.leadscore.model.TrainedModel;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;

/**
 * A model registry in one directory of the file system: immutable, content-addressed model
 * versions, one of them active, with a history of activations for rollback. No server, no
 * database: a host service opens the directory and calls {@link #active()} on start-up or when it
 * wants to pick up a promotion.
 *
 * <pre>{@code
 * ModelRegistry registry = ModelRegistry.open(Path.of("/var/lib/acme/models"));
 * ModelVersion v = registry.save(trainedModel);      // immutable, e.g. v000004-4f1c0a9e2b7d
 * registry.promote(v.id());                          // now active
 * TrainedModel model = registry.active(hostSchema);  // refuses a model of another schema
 * registry.rollback();                               // back to the previous active version
 * }</pre>
 *
 * <p><b>Layout.</b> Each version is one artifact file {@code <id>.model.json}, {@code id = v<sequence>-<sha>}
 * with the sequence zero-padded to six digits and {@code sha} the first 12 hex digits of the
 * SHA-256 of the file's bytes. Version files are never overwritten or deleted by the registry.
 * {@value #ACTIVE_FILE} holds the activation history (oldest first; the last entry is the active
 * version). {@value #LOCK_FILE} serialises writers. Temporary files start with {@value
 * #TEMP_PREFIX}.
 *
 * <p><b>Atomicity.</b> Every write goes to a new temporary file in the same directory, is flushed
 * to the device ({@link FileChannel#force(boolean) force(true)}), and is renamed over its target
 * with {@link StandardCopyOption#ATOMIC_MOVE}; the directory is then flushed too where the
 * platform allows. A crash therefore leaves either the old state or the new one, plus at worst a
 * stray temporary file, which {@link #list()} ignores and {@link #problems()} reports. Writers
 * (save, promote, rollback) are serialised by an in-process lock per directory and an exclusive
 * {@link FileLock} on {@value #LOCK_FILE} across processes. Readers take no lock: they always see a
 * complete pointer file and complete version files.
 *
 * <p><b>Checks on load.</b> A version file must hash to the prefix in its name (catching a
 * truncated or edited file before it is parsed), be valid UTF-8, and pass {@link
 * ModelArtifact#read} (format, checksum, internal consistency); {@link #active(FeatureSchema)}
 * also requires the model's declared schema to have the host's fingerprint. Each failure is a
 * {@link RegistryException} naming the file.
 *
 * <p><b>Threads.</b> Thread-safe: any number of threads may use one instance, or several instances
 * on the same directory, in one or several processes. {@link #active()} keeps the last model it
 * loaded and returns it again while the active version is unchanged (version files are
 * immutable), so calling it often costs one small file read.
 */
public final class ModelRegistry {
  /** The active-pointer file: the activation history. */
  public static final String ACTIVE_FILE = "active.json";
  /** The file writers lock. */
  public static final String LOCK_FILE = "registry.lock";
  /** The name prefix of temporary files. */
  public static final String TEMP_PREFIX = ".tmp-";
  /** The suffix of version files. */
  public static final String VERSION_SUFFIX = ".model.json";

  /** One lock per registry directory in this JVM (a FileLock cannot be taken twice by one JVM). */
  private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  /** Test hook: called at the named points of a write; a test may throw to simulate a crash. */
  interface Faults {
    Faults NONE = step -> { };

    void at(String step) throws IOException;
  }

  /**
   * A damaged or stray file found in the registry directory.
   *
   * @param fileName the file's name in the directory
   * @param problem what is wrong with it and what to do
   */
  public record Problem(String fileName, String problem) {
    /** @throws NullPointerException if either is null */
    public Problem {
      Objects.requireNonNull(fileName, "fileName");
      Objects.requireNonNull(problem, "problem");
    }
  }

  private final Path directory;
  private final VersionFiles versions;
  private final RegistryWrites writes;
  private volatile Loaded cache;

  private record Loaded(String id, String sha256, TrainedModel model) {}

  private ModelRegistry(Path directory, Faults faults) throws IOException {
    Files.createDirectories(directory);
    this.directory = directory.toRealPath();
    this.versions = new VersionFiles(this.directory);
    this.writes = new RegistryWrites(this.directory, LOCKS.computeIfAbsent(this.directory, k -> new ReentrantLock()),
        faults);
  }

  /**
   * Opens (creating if needed) the registry in a directory.
   *
   * @throws IOException if the directory cannot be created or resolved
   */
  public static ModelRegistry open(Path directory) throws IOException {
    return new ModelRegistry(Objects.requireNonNull(directory, "directory"), Faults.NONE);
  }

  static ModelRegistry open(Path directory, Faults faults) throws IOException {
    return new ModelRegistry(directory, faults);
  }

  /** {@return the registry's directory (its real path)} */
  public Path directory() {
    return directory;
  }

  // ================================================================================ writing

  /**
   * Saves a trained model as a new version ({@link ModelArtifact#write}). Saving content that is
   * already a version returns that version instead of a copy.
   *
   * @return the new (or existing) version; not active until {@link #promote promoted}
   * @throws IOException if the file cannot be written
   */
  public ModelVersion save(TrainedModel model) throws IOException {
    Objects.requireNonNull(model, "model");
    return saveBytes(ModelArtifact.write(model).getBytes(StandardCharsets.UTF_8), model);
  }

  /**
   * Saves an artifact's JSON text as a new version, byte for byte, after checking that it loads.
   *
   * @throws RegistryException if the text is not a valid artifact (the message says why)
   * @throws IOException if the file cannot be written
   */
  public ModelVersion save(String artifactJson) throws IOException {
    Objects.requireNonNull(artifactJson, "artifactJson");
    TrainedModel model;
    try {
      model = ModelArtifact.read(artifactJson);
    } catch (ArtifactException e) {
      throw new RegistryException("refusing to save: the text is not a valid model artifact: " + e.getMessage(), e);
    }
    return saveBytes(artifactJson.getBytes(StandardCharsets.UTF_8), model);
  }

  private ModelVersion saveBytes(byte[] bytes, TrainedModel model) throws IOException {
    String sha = Sha256.hex(bytes);
    String prefix = sha.substring(0, VersionFiles.HASH_PREFIX);
    return writes.writing(() -> {
      int maxSequence = 0;
      for (Path p : versions.all()) {
        Matcher m = VersionFiles.VERSION_FILE.matcher(p.getFileName().toString());
        if (!m.matches()) {
          continue;
        }
        maxSequence = Math.max(maxSequence, Integer.parseInt(m.group(2)));
        if (m.group(3).equals(prefix)) {
          try {
            if (Sha256.hex(Files.readAllBytes(p)).equals(sha)) {
              return describe(m.group(1), sha, model, false);
            }
          } catch (NoSuchFileException e) {
            // removed by hand while we looked: not a duplicate
          }
        }
      }
      int sequence = maxSequence + 1;
      String id = String.format(java.util.Locale.ROOT, "v%06d-%s", sequence, prefix);
      Path target = directory.resolve(id + VERSION_SUFFIX);
      if (Files.exists(target)) {
        throw new RegistryException("version file " + target + " exists although sequence " + sequence
            + " is new; refusing to overwrite it");
      }
      writes.writeAtomically(target, bytes, "save");
      return describe(id, sha, model, isActive(id));
    });
  }

  /**
   * Makes a version the active one and records it in the activation history. Promoting the
   * version that is already active changes nothing.
   *
   * @return the version, now active
   * @throws RegistryException if there is no such version or its file does not load
   * @throws IOException if the pointer cannot be written
   */
  public ModelVersion promote(String versionId) throws IOException {
    Objects.requireNonNull(versionId, "versionId");
    return writes.writing(() -> {
      Loaded loaded = loadVersion(versionId);
      List<String> history = new ArrayList<>(ActivePointer.read(directory.resolve(ACTIVE_FILE)));
      if (history.isEmpty() || !history.get(history.size() - 1).equals(versionId)) {
        history.add(versionId);
        writes.writeAtomically(directory.resolve(ACTIVE_FILE), ActivePointer.bytes(history), "pointer");
      }
      cache = loaded;
      return describe(versionId, loaded.sha256(), loaded.model(), true);
    });
  }

  /**
   * Makes the previously active version active again, dropping the current one from the end of
   * the history. Repeated calls walk further back.
   *
   * @return the version now active
   * @throws RegistryException if there is no earlier activation, or the earlier version's file no
   *     longer loads (the history is then left unchanged)
   * @throws IOException if the pointer cannot be written
   */
  public ModelVersion rollback() throws IOException {
    return writes.writing(() -> {
      List<String> history = new ArrayList<>(ActivePointer.read(directory.resolve(ACTIVE_FILE)));
      if (history.size() < 2) {
        throw new RegistryException("cannot roll back: " + (history.isEmpty() ? "no version has been promoted yet"
            : "only " + history.get(0) + " has ever been active") + " (" + directory.resolve(ACTIVE_FILE) + ")");
      }
      history.remove(history.size() - 1);
      String previous = history.get(history.size() - 1);
      Loaded loaded = loadVersion(previous);
      writes.writeAtomically(directory.resolve(ACTIVE_FILE), ActivePointer.bytes(history), "pointer");
      cache = loaded;
      return describe(previous, loaded.sha256(), loaded.model(), true);
    });
  }

  // ================================================================================ reading

  /**
   * Every version that loads, in save order, with the active one marked. Files that are damaged
   * are left out and reported by {@link #problems()}. Cost: reads and checks every version file.
   *
   * @throws IOException if the directory cannot be read
   * @throws RegistryException if the active pointer is damaged
   */
  public List<ModelVersion> list() throws IOException {
    String active = activeId().orElse(null);
    List<ModelVersion> out = new ArrayList<>();
    for (Path p : versions.sorted()) {
      String id = VersionFiles.idOf(p);
      try {
        byte[] bytes = Files.readAllBytes(p);
        TrainedModel m = VersionFiles.parse(id, p, bytes);
        out.add(describe(id, Sha256.hex(bytes), m, id.equals(active)));
      } catch (RegistryException | NoSuchFileException e) {
        // reported by problems()
      }
    }
    return out;
  }

  /**
   * The damaged and stray files in the directory: version files that do not load (with the
   * reason), temporary files left by an interrupted write, and an active pointer that names a
   * version that does not load. An empty list means the registry is clean.
   *
   * @throws IOException if the directory cannot be read
   */
  public List<Problem> problems() throws IOException {
    List<Problem> out = new ArrayList<>();
    for (Path p : versions.sorted()) {
      try {
        VersionFiles.parse(VersionFiles.idOf(p), p, Files.readAllBytes(p));
      } catch (RegistryException e) {
        out.add(new Problem(p.getFileName().toString(), e.getMessage()));
      } catch (NoSuchFileException e) {
        // gone meanwhile
      }
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(directory, TEMP_PREFIX + "*")) {
      for (Path p : s) {
        out.add(new Problem(p.getFileName().toString(), "temporary file " + p + " was left by a write that did not"
            + " finish (a crash or a write in progress); the registry ignores it, and it can be deleted once no"
            + " save is running"));
      }
    }
    try {
      Optional<String> active = activeId();
      if (active.isPresent() && !Files.exists(versions.path(active.get()))) {
        out.add(new Problem(ACTIVE_FILE, "the active version " + active.get() + " has no file "
            + versions.path(active.get())));
      }
    } catch (RegistryException e) {
      out.add(new Problem(ACTIVE_FILE, e.getMessage()));
    }
    out.sort(Comparator.comparing(Problem::fileName));
    return out;
  }

  /**
   * The active version's description, if a version has been promoted.
   *
   * @throws RegistryException if the pointer is damaged or the active version does not load
   * @throws IOException if a file cannot be read
   */
  public Optional<ModelVersion> activeVersion() throws IOException {
    Optional<String> id = activeId();
    if (id.isEmpty()) {
      return Optional.empty();
    }
    Path p = versions.path(id.get());
    byte[] bytes = VersionFiles.read(id.get(), p);
    return Optional.of(describe(id.get(), Sha256.hex(bytes), VersionFiles.parse(id.get(), p, bytes), true));
  }

  /**
   * The activation history, oldest first; the last entry is the active version (unmodifiable;
   * empty before the first promotion).
   *
   * @throws RegistryException if the pointer is damaged
   * @throws IOException if it cannot be read
   */
  public List<String> history() throws IOException {
    return ActivePointer.read(directory.resolve(ACTIVE_FILE));
  }

  /**
   * The active model, loaded and checked.
   *
   * @throws RegistryException if no version is active, the pointer is damaged, or the active
   *     version's file does not load (naming the file and why)
   * @throws IOException if a file cannot be read
   */
  public TrainedModel active() throws IOException {
    String id = activeId().orElseThrow(() -> new RegistryException("no active model in " + directory
        + ": save a version and promote it first"));
    Loaded c = cache;
    if (c != null && c.id().equals(id)) {
      return c.model();
    }
    Loaded loaded = loadVersion(id);
    cache = loaded;
    return loaded.model();
  }

  /**
   * The active model, refused unless it was fitted from the host's declared schema.
   *
   * @param expected the feature schema the host extracts leads with
   * @throws RegistryException as {@link #active()}, or if the model's declared schema fingerprint
   *     differs from {@code expected.fingerprint()} (naming the file and both fingerprints)
   * @throws IOException if a file cannot be read
   */
  public TrainedModel active(FeatureSchema expected) throws IOException {
    Objects.requireNonNull(expected, "expected");
    TrainedModel m = active();
    String got = m.schema().schema().fingerprint();
    if (!got.equals(expected.fingerprint())) {
      String id = activeId().orElse("?");
      throw new RegistryException("refusing to load active version " + id + " (" + versions.path(id) + "): its model "
          + m.modelId() + "@" + m.modelVersion() + " was fitted from feature schema '" + m.schema().schema().name()
          + "' v" + m.schema().schema().version() + " with fingerprint " + got + ", but the host expects schema '"
          + expected.name() + "' v" + expected.version() + " with fingerprint " + expected.fingerprint());
    }
    return m;
  }

  /**
   * Loads any version by id.
   *
   * @throws RegistryException if there is no such version or its file does not load
   * @throws IOException if the file cannot be read
   */
  public TrainedModel load(String versionId) throws IOException {
    Objects.requireNonNull(versionId, "versionId");
    return loadVersion(versionId).model();
  }

  // ================================================================================ versions

  private Loaded loadVersion(String id) throws IOException {
    Path p = versions.path(id);
    byte[] bytes = VersionFiles.read(id, p);
    return new Loaded(id, Sha256.hex(bytes), VersionFiles.parse(id, p, bytes));
  }

  private ModelVersion describe(String id, String sha, TrainedModel m, boolean active) {
    return new ModelVersion(id, Integer.parseInt(id.substring(1, id.indexOf('-'))), sha, id + VERSION_SUFFIX,
        m.modelId(), m.modelVersion(), m.artifactVersion(), m.createdAt(), m.schema().fingerprint(), m.schema().schema().fingerprint(),
        m.summary().rows(), m.summary().positives(), m.summary().oofAuc(), m.summary().oofLogLoss(),
        m.summary().oofBrier(), m.lambda(), m.monitoringReference().isPresent(), active);
  }

  private boolean isActive(String id) throws IOException {
    return activeId().map(id::equals).orElse(false);
  }

  private Optional<String> activeId() throws IOException {
    List<String> h = ActivePointer.read(directory.resolve(ACTIVE_FILE));
    return h.isEmpty() ? Optional.empty() : Optional.of(h.get(h.size() - 1));
  }
}
