package dev.leadscore.bench.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A file's text in a given character set, for the CSV readers. Unlike the JDK's reader, it hands
 * over every character before a byte sequence that is not valid in the character set and only
 * then fails, so the CSV reader can say on which line and at which character the bad bytes are;
 * in lenient mode it puts U+FFFD in their place and counts them instead. Also counts the bytes
 * read, for progress. Not thread-safe.
 */
final class DecodingReader extends Reader {
  private final InputStream in;
  private final Path file;
  private final CharsetDecoder decoder;
  private final boolean lenient;
  private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
  private boolean eof;
  private boolean flushed;
  private long bytesRead;
  private long replaced;
  private CharacterCodingException failure;

  private DecodingReader(InputStream in, Path file, Charset charset, boolean lenient) {
    this.in = in;
    this.file = file;
    this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    this.lenient = lenient;
    bytes.flip();
  }

  /**
   * Opens a file.
   *
   * @throws CliException naming the file and the reason when it cannot be opened
   */
  static DecodingReader open(Path file, Charset charset, boolean lenient, String what) {
    try {
      return new DecodingReader(Files.newInputStream(file), file, charset, lenient);
    } catch (IOException e) {
      throw new CliException("cannot read the " + what + " " + file + ": " + Io.reason(e), e);
    }
  }

  @Override
  public int read(char[] cbuf, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (failure != null) {
      throw failure;
    }
    CharBuffer out = CharBuffer.wrap(cbuf, off, len);
    while (out.position() == off) {
      if (!bytes.hasRemaining() && eof) {
        if (!flushed) {
          flushed = true;
          decoder.decode(bytes, out, true);
          decoder.flush(out);
          continue;
        }
        return -1;
      }
      CoderResult r = decoder.decode(bytes, out, eof);
      if (r.isUnderflow()) {
        if (eof) {
          continue;
        }
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
          eof = true;
        } else {
          bytesRead += n;
          bytes.position(bytes.position() + n);
        }
        bytes.flip();
        continue;
      }
      if (r.isOverflow()) {
        break;
      }
      // malformed or unmappable: the characters before it go out first
      if (lenient) {
        if (!out.hasRemaining()) {
          break;
        }
        bytes.position(bytes.position() + r.length());
        out.put('\uFFFD');
        replaced++;
        continue;
      }
      StringBuilder hex = new StringBuilder();
      for (int i = 0; i < r.length() && bytes.position() + i < bytes.limit(); i++) {
        hex.append(hex.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "0x%02X", bytes.get(bytes.position() + i)));
      }
      failure = new Malformed(file.getFileName() + " is not valid " + decoder.charset().name() + " (bytes " + hex + ")");
      if (out.position() == off) {
        throw failure;
      }
    }
    return out.position() - off;
  }

  /** Bytes of the file read so far. */
  long bytesRead() {
    return bytesRead;
  }

  /** Byte sequences replaced by U+FFFD (lenient mode only). */
  long replaced() {
    return replaced;
  }

  /** Whether this file's decoding failed. */
  boolean failed() {
    return failure != null;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** A decoding failure with a readable message. */
  static final class Malformed extends CharacterCodingException {
    private static final long serialVersionUID = 1L;
    private final String message;

    Malformed(String message) {
      this.message = message;
    }

    @Override
    public String getMessage() {
      return message;
    }
  }
}
