package dev.leadscore.bench.report;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The report's charts written directly as SVG: XY line charts ({@link #xy}), vertical bar charts,
 * grouped or stacked ({@link #bars}), and horizontal bar charts ({@link #hbars}: one labelled bar
 * per row, its colour chosen by the caller, e.g. the direction of an effect or the status of a
 * drift, an optional note after the bar and dashed reference lines). Vector output with real
 * text, so it stays sharp at any zoom and on high-DPI screens and a chart is a few kilobytes
 * (XChart's SVG export draws every glyph as a path: 250 kB and more per chart). Every text is
 * XML-escaped. Stateless.
 */
final class Svg {
  static final String GREEN = "#1e7e34";
  static final String RED = "#b02a37";
  static final String GREY = "#7f8c8d";
  static final String BLUE = "#1f77b4";
  static final String AMBER = "#d68910";

  private static final int WIDTH = 760;
  private static final int LABEL = 210;
  private static final int NOTE = 230;
  private static final int ROW = 24;
  private static final int TOP = 44;
  private static final int BOTTOM = 40;

  private Svg() {}

  /**
   * One bar.
   *
   * @param label the row's label (shortened to fit)
   * @param value the bar's length in axis units, {@code >= 0}
   * @param colour a CSS colour
   * @param note text after the bar's value, or null
   */
  record Bar(String label, double value, String colour, String note) {}

  /**
   * One dashed vertical reference line.
   *
   * @param at where, in axis units
   * @param label its label at the top
   */
  record Line(double at, String label) {}

  /**
   * The chart as an SVG document.
   *
   * @param title the title above the chart
   * @param axis the value axis' title
   * @param bars the rows, top to bottom
   * @param lines reference lines (may be empty)
   * @param format how values are printed, e.g. {@code "%.3f"}
   */
  static String hbars(String title, String axis, List<Bar> bars, List<Line> lines, String format) {
    int rows = Math.max(1, bars.size());
    int height = TOP + rows * ROW + BOTTOM;
    int plot = WIDTH - LABEL - NOTE;
    double max = 0;
    for (Bar b : bars) {
      max = Math.max(max, b.value());
    }
    for (Line l : lines) {
      max = Math.max(max, l.at());
    }
    max = max <= 0 ? 1 : niceCeiling(max);
    StringBuilder s = new StringBuilder(4096);
    s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
        + " viewBox=\"0 0 %d %d\" font-family=\"Helvetica,Arial,sans-serif\" font-size=\"12\">", WIDTH, height, WIDTH,
        height));
    s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>", WIDTH, height));
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"15\" font-weight=\"bold\""
        + " text-anchor=\"middle\">%s</text>", WIDTH / 2, esc(title)));
    int axisY = TOP + rows * ROW;
    int ticks = ticks(max);
    for (int t = 0; t <= ticks; t++) {
      double v = max * t / ticks;
      double x = LABEL + plot * v / max;
      s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e5e5e5\"/>", x,
          TOP - 4, x, axisY));
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#444\">%s</text>",
          x, axisY + 15, esc(tick(v))));
    }
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#444\">%s</text>",
        LABEL + plot / 2, axisY + 32, esc(axis)));
    for (int i = 0; i < bars.size(); i++) {
      Bar b = bars.get(i);
      int y = TOP + i * ROW;
      double w = plot * Math.max(0, b.value()) / max;
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>", LABEL - 8,
          y + 16, esc(shorten(b.label(), 30))));
      s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.2f\" height=\"%d\" fill=\"%s\"/>", LABEL,
          y + 4, w, ROW - 8, esc(b.colour())));
      String text = String.format(Locale.ROOT, format, b.value()) + (b.note() == null ? "" : "  " + b.note());
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"#333\">%s</text>", LABEL + w + 6, y + 16,
          esc(shorten(text, 48))));
    }
    for (int k = 0; k < lines.size(); k++) {
      Line l = lines.get(k);
      double x = LABEL + plot * l.at() / max;
      // Alternate sides so the labels of close lines do not overlap.
      String anchor = lines.size() > 1 && k % 2 == 0 ? "end" : "start";
      double tx = anchor.equals("end") ? x - 3 : x + 3;
      s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\""
          + " stroke-dasharray=\"5,4\"/>", x, TOP - 8, x, axisY, AMBER));
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"%s\" fill=\"%s\""
          + " font-size=\"11\">%s</text>", tx, TOP - 12, anchor, AMBER, esc(l.label())));
    }
    if (bars.isEmpty()) {
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#666\">(nothing to show)</text>", LABEL,
          TOP + 16));
    }
    s.append("</svg>");
    return s.toString();
  }

  /**
   * One line of an XY chart.
   *
   * @param name its legend entry
   * @param colour a CSS colour
   * @param x the x values
   * @param y the y values, as many
   * @param dashed drawn dashed (a reference line)
   * @param markers a dot at every point
   */
  record Series(String name, String colour, double[] x, double[] y, boolean dashed, boolean markers) {}

  /**
   * One series of a bar chart.
   *
   * @param name its legend entry
   * @param colour a CSS colour
   * @param values one per category
   */
  record Group(String name, String colour, double[] values) {}

  private static final int W = 560;
  private static final int H = 420;
  private static final int PL = 64;
  private static final int PR = 16;
  private static final int PT = 36;
  private static final int PB = 56;

  /**
   * An XY line chart on {@code [0, xMax] × [0, yMax]}, the legend inside the plot in the given
   * corner. Points closer than a tenth of a pixel to the previous one are dropped, so a curve
   * over many thousand leads stays a few kilobytes.
   *
   * @param legendTop the legend in the top right corner, else the bottom right
   */
  static String xy(String title, String xTitle, String yTitle, double xMax, double yMax, List<Series> series,
      boolean legendTop, boolean percentY) {
    StringBuilder s = frame(title, xTitle, yTitle);
    axes(s, xMax, yMax, false, percentY, null);
    int pw = W - PL - PR;
    int ph = H - PT - PB;
    for (Series ser : series) {
      StringBuilder pts = new StringBuilder();
      String last = null;
      for (int i = 0; i < ser.x().length; i++) {
        String pt = String.format(Locale.ROOT, "%.1f,%.1f", PL + pw * ser.x()[i] / xMax, PT + ph - ph * ser.y()[i] / yMax);
        if (!pt.equals(last)) {
          pts.append(pts.length() == 0 ? "" : " ").append(pt);
          last = pt;
        }
      }
      s.append("<polyline fill=\"none\" stroke=\"").append(esc(ser.colour())).append("\" stroke-width=\"")
          .append(ser.dashed() ? "1.2\" stroke-dasharray=\"5,5" : "2.2").append("\" stroke-linejoin=\"round\" points=\"")
          .append(pts).append("\"/>");
      if (ser.markers()) {
        for (String pt : pts.toString().split(" ")) {
          if (!pt.isEmpty()) {
            String[] xy = pt.split(",");
            s.append("<circle cx=\"").append(xy[0]).append("\" cy=\"").append(xy[1]).append("\" r=\"3.5\" fill=\"")
                .append(esc(ser.colour())).append("\"/>");
          }
        }
      }
    }
    legend(s, series.stream().map(x -> new String[] {x.name(), x.colour(), x.dashed() ? "dash" : "line"}).toList(),
        legendTop);
    return s.append("</svg>").toString();
  }

  /**
   * A vertical bar chart: the groups side by side in each category, or stacked.
   *
   * @param percentY the y axis' ticks as percentages of shares
   */
  static String bars(String title, String xTitle, String yTitle, List<String> categories, List<Group> groups,
      boolean stacked, boolean percentY) {
    double max = 0;
    for (int c = 0; c < categories.size(); c++) {
      double sum = 0;
      for (Group g : groups) {
        sum = stacked ? sum + g.values()[c] : Math.max(sum, g.values()[c]);
      }
      max = Math.max(max, sum);
    }
    max = max <= 0 ? 1 : niceCeiling(max);
    StringBuilder s = frame(title, xTitle, yTitle);
    axes(s, 1, max, true, percentY, categories);
    int pw = W - PL - PR;
    int ph = H - PT - PB;
    double slot = (double) pw / Math.max(1, categories.size());
    double inner = slot * 0.8;
    for (int c = 0; c < categories.size(); c++) {
      double x0 = PL + slot * c + (slot - inner) / 2;
      double base = 0;
      for (int g = 0; g < groups.size(); g++) {
        double v = groups.get(g).values()[c];
        double h = ph * v / max;
        double x = stacked ? x0 : x0 + inner * g / groups.size();
        double w = stacked ? inner : inner / groups.size();
        double y = PT + ph - h - (stacked ? ph * base / max : 0);
        if (v > 0) {
          s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
              + " fill=\"%s\"/>", x, y, Math.max(0.5, w - 1), h, esc(groups.get(g).colour())));
        }
        base += stacked ? v : 0;
      }
    }
    legend(s, groups.stream().map(g -> new String[] {g.name(), g.colour(), "box"}).toList(), true);
    return s.append("</svg>").toString();
  }

  private static StringBuilder frame(String title, String xTitle, String yTitle) {
    StringBuilder s = new StringBuilder(8192);
    s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
        + " viewBox=\"0 0 %d %d\" font-family=\"Helvetica,Arial,sans-serif\" font-size=\"11\">", W, H, W, H));
    s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>", W, H));
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\" font-weight=\"bold\""
        + " text-anchor=\"middle\">%s</text>", W / 2, esc(title)));
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">%s</text>",
        PL + (W - PL - PR) / 2, H - 12, esc(xTitle)));
    s.append(String.format(Locale.ROOT, "<text transform=\"translate(16 %d) rotate(-90)\" font-size=\"12\""
        + " text-anchor=\"middle\">%s</text>", PT + (H - PT - PB) / 2, esc(yTitle)));
    return s;
  }

  /** Grid, ticks and tick labels; category labels under the slots when given, else x ticks 0..xMax. */
  private static void axes(StringBuilder s, double xMax, double yMax, boolean categorical, boolean percentY,
      List<String> categories) {
    int pw = W - PL - PR;
    int ph = H - PT - PB;
    int ticks = ticks(yMax);
    for (int t = 0; t <= ticks; t++) {
      double v = yMax * t / ticks;
      double y = PT + ph - ph * t / (double) ticks;
      s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>", PL, y,
          PL + pw, y, t == 0 ? "#888" : "#e5e5e5"));
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#444\">%s</text>",
          PL - 6, y + 4, esc(percentY ? String.format(Locale.ROOT, "%.0f%%", 100 * v) : tick(v))));
    }
    if (categorical) {
      double slot = (double) pw / Math.max(1, categories.size());
      int every = Math.max(1, (int) Math.ceil(categories.size() * 40.0 / pw));
      for (int c = 0; c < categories.size(); c += every) {
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#444\">%s</text>",
            PL + slot * (c + 0.5), PT + ph + 16, esc(shorten(categories.get(c), 12))));
      }
    } else {
      for (int t = 0; t <= 5; t++) {
        double x = PL + pw * t / 5.0;
        s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e5e5e5\"/>",
            x, PT, x, PT + ph));
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#444\">%s</text>",
            x, PT + ph + 16, esc(tick(xMax * t / 5))));
      }
    }
    s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>", PL, PT, PL,
        PT + ph));
  }

  /** Entries {name, colour, style}: style "line", "dash" or "box". */
  private static void legend(StringBuilder s, List<String[]> entries, boolean top) {
    if (entries.isEmpty()) {
      return;
    }
    int longest = 0;
    for (String[] e : entries) {
      longest = Math.max(longest, e[0].length());
    }
    int w = 34 + 6 * Math.min(longest, 40);
    int h = 8 + 17 * entries.size();
    int x = W - PR - w - 8;
    int y = top ? PT + 8 : H - PB - h - 8;
    s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fff\""
        + " fill-opacity=\"0.85\" stroke=\"#ddd\"/>", x, y, w, h));
    for (int i = 0; i < entries.size(); i++) {
      String[] e = entries.get(i);
      int cy = y + 13 + 17 * i;
      if (e[2].equals("box")) {
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"10\" fill=\"%s\"/>", x + 8,
            cy - 6, esc(e[1])));
      } else {
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\""
            + " stroke-width=\"%s\"/>", x + 6, cy, x + 24, cy, esc(e[1]), e[2].equals("dash") ? "1.2\" stroke-dasharray=\"4,3"
            : "2.2"));
      }
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>", x + 30, cy + 4, esc(shorten(e[0], 40))));
    }
  }

  /** An SVG document as a {@code data:} URI for an {@code img} element. */
  static String dataUri(String svg) {
    return "data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8));
  }

  /** The smallest 1, 2 or 5 times a power of ten at or above {@code v > 0}. */
  static double niceCeiling(double v) {
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * p >= v * (1 - 1e-12)) {
        return m * p;
      }
    }
    return 10 * p;
  }

  /** Tick intervals for an axis from 0 to a {@link #niceCeiling}: 4 for 2·10^k (steps of 0.5·10^k), else 5. */
  static int ticks(double max) {
    double mantissa = max / Math.pow(10, Math.floor(Math.log10(max)));
    return Math.abs(mantissa - 2) < 1e-9 ? 4 : 5;
  }

  private static String tick(double v) {
    String t = String.format(Locale.ROOT, "%.3f", v);
    return t.contains(".") ? t.replaceAll("0+$", "").replaceAll("\\.$", "") : t;
  }

  private static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  private static String esc(String s) {
    return HtmlReport.esc(s);
  }
}
