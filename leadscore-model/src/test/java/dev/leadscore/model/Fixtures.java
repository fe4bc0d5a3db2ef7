package dev.leadscore.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Test data: the golden CSV/JSON fixtures and small generated matrices. */
final class Fixtures {
  private Fixtures() {}

  /** A numeric data set: row-major x, labels, fold assignment (or null) and column names. */
  record Data(double[] x, int n, int d, boolean[] y, int[] fold, String[] names) {
    double[] copyX() {
      return x.clone();
    }
  }

  static String resource(String path) {
    try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("test resource " + path + " is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String path) {
    try {
      return new ObjectMapper().readTree(resource(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a golden CSV: feature columns, then {@code label} and {@code fold}. */
  static Data csv(String path) {
    String[] lines = resource(path).split("\n");
    String[] header = lines[0].split(",");
    int d = header.length - 2;
    if (!header[d].equals("label") || !header[d + 1].equals("fold")) {
      throw new IllegalStateException(path + ": expected label and fold as the last columns, got " + Arrays.toString(header));
    }
    List<String> rows = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      if (!lines[i].isBlank()) {
        rows.add(lines[i]);
      }
    }
    int n = rows.size();
    double[] x = new double[n * d];
    boolean[] y = new boolean[n];
    int[] fold = new int[n];
    for (int i = 0; i < n; i++) {
      String[] f = rows.get(i).split(",");
      for (int j = 0; j < d; j++) {
        x[i * d + j] = Double.parseDouble(f[j]);
      }
      y[i] = Integer.parseInt(f[d].strip()) == 1;
      fold[i] = Integer.parseInt(f[d + 1].strip());
    }
    return new Data(x, n, d, y, fold, Arrays.copyOf(header, d));
  }

  static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).doubleValue();
    }
    return out;
  }

  /** Logistic data with varied scales and offsets, like the reference make_synth.py. */
  static Data logistic(int n, int d, long seed, double intercept) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] mu = new double[d];
    double[] sc = new double[d];
    double[] beta = new double[d];
    for (int j = 0; j < d; j++) {
      mu[j] = -5 + 55 * r.nextDouble();
      sc[j] = Math.exp(Math.log(0.1) + (Math.log(100) - Math.log(0.1)) * r.nextDouble());
      beta[j] = gaussian(r) * 1.2 / Math.sqrt(d);
    }
    double[] x = new double[n * d];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      double common = gaussian(r);
      double logit = intercept;
      for (int j = 0; j < d; j++) {
        double z = Math.sqrt(0.8) * gaussian(r) + Math.sqrt(0.2) * common;
        logit += z * beta[j];
        x[i * d + j] = mu[j] + sc[j] * z;
      }
      y[i] = r.nextDouble() < 1 / (1 + Math.exp(-logit));
    }
    String[] names = new String[d];
    for (int j = 0; j < d; j++) {
      names[j] = "f" + j;
    }
    return new Data(x, n, d, y, null, names);
  }

  static double gaussian(SplittableRandom r) {
    double u = r.nextDouble();
    double v = r.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  }
}
