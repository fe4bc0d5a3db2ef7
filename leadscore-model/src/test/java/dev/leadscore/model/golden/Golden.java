package dev.leadscore.model.golden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads the scikit-learn fixtures made by golden/calibration/make_calibration_golden.py, for the
 * calibration and evaluation golden tests.
 */
public final class Golden {
  private Golden() {}

  public static JsonNode load(String file) {
    String path = "/golden/calibration/" + file;
    try (InputStream in = Golden.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + path);
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static double[] doubles(JsonNode array) {
    if (array == null || array.isNull()) {
      return null;
    }
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).doubleValue();
    }
    return out;
  }

  public static boolean[] booleans(JsonNode array) {
    boolean[] out = new boolean[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).booleanValue();
    }
    return out;
  }

  public static double maxAbsDiff(double[] expected, double[] actual) {
    if (expected.length != actual.length) {
      throw new AssertionError("length " + expected.length + " vs " + actual.length);
    }
    double max = 0.0;
    for (int i = 0; i < expected.length; i++) {
      max = Math.max(max, Math.abs(expected[i] - actual[i]));
    }
    return max;
  }
}
