package dev.leadscore.model.registry;

import dev.leadscore.core.internal.Sha256;
import dev.leadscore.model.ArtifactException;
import dev.leadscore.model.ModelArtifact;
import dev.leadscore.model.TrainedModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The version files of a {@link ModelRegistry}: their names ({@code v<sequence>-<sha prefix>} and
 * {@link ModelRegistry#VERSION_SUFFIX}), listing them in save order, and checking a file's bytes
 * against its name before the artifact is loaded.
 *
 * <p>Immutable and thread-safe; reads the directory, never writes it.
 */
final class VersionFiles {
  static final int HASH_PREFIX = 12;
  static final Pattern VERSION_ID = Pattern.compile("v(\\d{6,9})-([0-9a-f]{" + HASH_PREFIX + "})");
  /** Groups: 1 the id, 2 the sequence, 3 the hash prefix. */
  static final Pattern VERSION_FILE = Pattern.compile("(v(\\d{6,9})-([0-9a-f]{" + HASH_PREFIX + "}))"
      + Pattern.quote(ModelRegistry.VERSION_SUFFIX));

  private final Path directory;

  VersionFiles(Path directory) {
    this.directory = directory;
  }

  /**
   * The file of a version id.
   *
   * @throws RegistryException if {@code id} is not a version id
   */
  Path path(String id) {
    if (!VERSION_ID.matcher(id).matches()) {
      throw new RegistryException("'" + id + "' is not a version id (expected v<6 digits>-<12 hex digits>, such as"
          + " v000001-4f1c0a9e2b7d)");
    }
    return directory.resolve(id + ModelRegistry.VERSION_SUFFIX);
  }

  /** The bytes of a version file; a missing file is a {@link RegistryException}. */
  static byte[] read(String id, Path p) throws IOException {
    try {
      return Files.readAllBytes(p);
    } catch (NoSuchFileException e) {
      throw new RegistryException("version " + id + " does not exist: there is no file " + p, e);
    }
  }

  /** The version files in the directory, in no particular order. */
  List<Path> all() throws IOException {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(directory, "v*" + ModelRegistry.VERSION_SUFFIX)) {
      for (Path p : s) {
        if (VERSION_FILE.matcher(p.getFileName().toString()).matches()) {
          out.add(p);
        }
      }
    }
    return out;
  }

  /** The version files in save order. */
  List<Path> sorted() throws IOException {
    List<Path> files = all();
    files.sort(Comparator.comparingInt((Path p) -> Integer.parseInt(idOf(p).substring(1, idOf(p).indexOf('-'))))
        .thenComparing(p -> p.getFileName().toString()));
    return files;
  }

  /** The version id of a version file. */
  static String idOf(Path versionFile) {
    String name = versionFile.getFileName().toString();
    return name.substring(0, name.length() - ModelRegistry.VERSION_SUFFIX.length());
  }

  /**
   * Checks a version file's bytes against its name (hash prefix, UTF-8) and loads the artifact.
   *
   * @throws RegistryException naming the file and what is wrong
   */
  static TrainedModel parse(String id, Path p, byte[] bytes) {
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
}
