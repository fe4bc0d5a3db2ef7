package dev.leadscore.model.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadscore.core.internal.Sha256;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.model.ArtifactException;
import dev.leadscore.model.ModelArtifact;
import dev.leadscore.model.TrainedModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  static final String POINTER_FORMAT = "leadscore-model-registry-active";
  static final int POINTER_FORMAT_VERSION = 1;
  static final int HASH_PREFIX = 12;
  private static final Pattern VERSION_ID = Pattern.compile("v(\\d{6,9})-([0-9a-f]{" + HASH_PREFIX + "})");
  private static final Pattern VERSION_FILE = Pattern.compile("(v(\\d{6,9})-([0-9a-f]{" + HASH_PREFIX + "}))"
      + Pattern.quote(VERSION_SUFFIX));
  private static final ObjectReader READER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build().reader();
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
  private final ReentrantLock lock;
  private final Faults faults;
  private volatile Loaded cache;

  private record Loaded(String id, String sha256, TrainedModel model) {}

  private ModelRegistry(Path directory, Faults faults) throws IOException {
    Files.createDirectories(directory);
    this.directory = directory.toRealPath();
    this.lock = LOCKS.computeIfAbsent(this.directory, k -> new ReentrantLock());
    this.faults = faults;
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

  /** The registry's directory (its real path). */
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
    String prefix = sha.substring(0, HASH_PREFIX);
    return writing(() -> {
      int maxSequence = 0;
      for (Path p : versionFiles()) {
        Matcher m = VERSION_FILE.matcher(p.getFileName().toString());
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
      writeAtomically(target, bytes, "save");
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
    return writing(() -> {
      Loaded loaded = loadVersion(versionId);
      List<String> history = new ArrayList<>(readHistory());
      if (history.isEmpty() || !history.get(history.size() - 1).equals(versionId)) {
        history.add(versionId);
        writePointer(history);
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
    return writing(() -> {
      List<String> history = new ArrayList<>(readHistory());
      if (history.size() < 2) {
        throw new RegistryException("cannot roll back: " + (history.isEmpty() ? "no version has been promoted yet"
            : "only " + history.get(0) + " has ever been active") + " (" + directory.resolve(ACTIVE_FILE) + ")");
      }
      history.remove(history.size() - 1);
      String previous = history.get(history.size() - 1);
      Loaded loaded = loadVersion(previous);
      writePointer(history);
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
    for (Path p : sortedVersionFiles()) {
      String id = idOf(p);
      try {
        byte[] bytes = Files.readAllBytes(p);
        TrainedModel m = parse(id, p, bytes);
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
    for (Path p : sortedVersionFiles()) {
      try {
        parse(idOf(p), p, Files.readAllBytes(p));
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
      if (active.isPresent() && !Files.exists(versionPath(active.get()))) {
        out.add(new Problem(ACTIVE_FILE, "the active version " + active.get() + " has no file "
            + versionPath(active.get())));
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
    Path p = versionPath(id.get());
    byte[] bytes = readVersionBytes(id.get(), p);
    return Optional.of(describe(id.get(), Sha256.hex(bytes), parse(id.get(), p, bytes), true));
  }

  /**
   * The activation history, oldest first; the last entry is the active version (unmodifiable;
   * empty before the first promotion).
   *
   * @throws RegistryException if the pointer is damaged
   * @throws IOException if it cannot be read
   */
  public List<String> history() throws IOException {
    return readHistory();
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
      throw new RegistryException("refusing to load active version " + id + " (" + versionPath(id) + "): its model "
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

  // ================================================================================ machinery

  private interface Write<T> {
    T run() throws IOException;
  }

  private <T> T writing(Write<T> body) throws IOException {
    lock.lock();
    try (FileChannel ch = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE,
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

  private Loaded loadVersion(String id) throws IOException {
    Path p = versionPath(id);
    byte[] bytes = readVersionBytes(id, p);
    return new Loaded(id, Sha256.hex(bytes), parse(id, p, bytes));
  }

  private byte[] readVersionBytes(String id, Path p) throws IOException {
    try {
      return Files.readAllBytes(p);
    } catch (NoSuchFileException e) {
      throw new RegistryException("version " + id + " does not exist: there is no file " + p, e);
    }
  }

  private Path versionPath(String id) {
    if (!VERSION_ID.matcher(id).matches()) {
      throw new RegistryException("'" + id + "' is not a version id (expected v<6 digits>-<12 hex digits>, such as"
          + " v000001-4f1c0a9e2b7d)");
    }
    return directory.resolve(id + VERSION_SUFFIX);
  }

  /** Checks a version file's bytes against its name and loads the artifact. */
  private static TrainedModel parse(String id, Path p, byte[] bytes) {
    String sha = Sha256.hex(bytes);
    String expected = id.substring(id.indexOf('-') + 1);
    if (!sha.startsWith(expected)) {
      throw new RegistryException("version file " + p + " is damaged: its " + bytes.length + " bytes hash to sha256 "
          + sha.substring(0, HASH_PREFIX) + "... but its name records " + expected + "...; it was truncated or"
          + " changed after it was saved. Restore it from a backup or save the model again");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new RegistryException("version file " + p + " is not valid UTF-8 text", e);
    }
    try {
      return ModelArtifact.read(text);
    } catch (ArtifactException e) {
      throw new RegistryException("version file " + p + " does not load: " + e.getMessage(), e);
    }
  }

  private ModelVersion describe(String id, String sha, TrainedModel m, boolean active) {
    return new ModelVersion(id, Integer.parseInt(id.substring(1, id.indexOf('-'))), sha, id + VERSION_SUFFIX,
        m.modelId(), m.modelVersion(), m.createdAt(), m.schema().fingerprint(), m.schema().schema().fingerprint(),
        m.summary().rows(), m.summary().positives(), m.summary().oofAuc(), m.summary().oofLogLoss(),
        m.summary().oofBrier(), m.lambda(), m.monitoringReference().isPresent(), active);
  }

  private boolean isActive(String id) throws IOException {
    return activeId().map(id::equals).orElse(false);
  }

  private List<Path> versionFiles() throws IOException {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(directory, "v*" + VERSION_SUFFIX)) {
      for (Path p : s) {
        if (VERSION_FILE.matcher(p.getFileName().toString()).matches()) {
          out.add(p);
        }
      }
    }
    return out;
  }

  private List<Path> sortedVersionFiles() throws IOException {
    List<Path> files = versionFiles();
    files.sort(Comparator.comparingInt((Path p) -> Integer.parseInt(idOf(p).substring(1, idOf(p).indexOf('-'))))
        .thenComparing(p -> p.getFileName().toString()));
    return files;
  }

  private static String idOf(Path versionFile) {
    String name = versionFile.getFileName().toString();
    return name.substring(0, name.length() - VERSION_SUFFIX.length());
  }

  private Optional<String> activeId() throws IOException {
    List<String> h = readHistory();
    return h.isEmpty() ? Optional.empty() : Optional.of(h.get(h.size() - 1));
  }

  private List<String> readHistory() throws IOException {
    Path p = directory.resolve(ACTIVE_FILE);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(p);
    } catch (NoSuchFileException e) {
      return List.of();
    }
    JsonNode root;
    try {
      root = READER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new RegistryException("active pointer " + p + " is damaged: not valid JSON (" + e.getOriginalMessage()
          + ")", e);
    }
    if (root == null || !root.isObject()) {
      throw new RegistryException("active pointer " + p + " is damaged: expected a JSON object");
    }
    Set<String> allowed = Set.of("format", "formatVersion", "history");
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        throw new RegistryException("active pointer " + p + " has an unknown field '" + f + "' (expected only "
            + allowed + ")");
      }
    }
    JsonNode format = root.get("format");
    JsonNode version = root.get("formatVersion");
    if (format == null || !POINTER_FORMAT.equals(format.asText(null)) || version == null
        || !version.isIntegralNumber() || version.intValue() != POINTER_FORMAT_VERSION) {
      throw new RegistryException("active pointer " + p + " must have format \"" + POINTER_FORMAT
          + "\" and formatVersion " + POINTER_FORMAT_VERSION + ", got " + format + " and " + version);
    }
    JsonNode history = root.get("history");
    if (history == null || !history.isArray()) {
      throw new RegistryException("active pointer " + p + " must have a 'history' array of version ids");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < history.size(); i++) {
      JsonNode e = history.get(i);
      if (!e.isTextual() || !VERSION_ID.matcher(e.textValue()).matches()) {
        throw new RegistryException("active pointer " + p + ": history[" + i + "] must be a version id such as"
            + " v000001-4f1c0a9e2b7d, got " + e);
      }
      out.add(e.textValue());
    }
    return List.copyOf(out);
  }

  private void writePointer(List<String> history) throws IOException {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("format", POINTER_FORMAT);
    root.put("formatVersion", POINTER_FORMAT_VERSION);
    ArrayNode a = root.putArray("history");
    history.forEach(a::add);
    writeAtomically(directory.resolve(ACTIVE_FILE), (root.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8),
        "pointer");
  }

  /**
   * Writes {@code bytes} to a new temporary file in the directory, forces it to the device,
   * renames it atomically over {@code target} and forces the directory. On an I/O error the
   * temporary file is removed; a crash leaves it behind, which is harmless.
   */
  private void writeAtomically(Path target, byte[] bytes, String what) throws IOException {
    Path tmp = directory.resolve(TEMP_PREFIX + UUID.randomUUID() + ".part");
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
