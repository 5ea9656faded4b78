package dev.blackwater.cli.dashboard;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One chart cut out of a screenshot of the page, and what its pixels say: whether anything was
 * drawn in the series' colours (the marks: lines, points, bars), and, for a chart over months, how
 * much of its width the marks lie flat on the zero line. Colours are those of {@code charts.js} and
 * {@code dashboard.css}.
 */
final class ChartPicture {

  /** The first two series colours of charts.js: every chart here draws in one or both. */
  private static final int[][] SERIES = {{0x2b, 0x6c, 0xb0}, {0xdd, 0x6b, 0x20}};

  /** Text colour ({@code --ink}): the cards chart draws text, not marks. */
  private static final int[] INK = {0x1a, 0x20, 0x2c};

  /** How far above the zero line, in pixels, a mark's top still counts as lying on it. */
  private static final int ON_THE_AXIS = 5;

  private final String view;
  private final BufferedImage pixels;

  private ChartPicture(String view, BufferedImage pixels) {
    this.view = view;
    this.pixels = pixels;
  }

  /** The chart {@code view} at {@code box} ({@code x,y,width,height}) of {@code page}. */
  static ChartPicture cut(BufferedImage page, String view, int[] box) {
    int x = Math.max(0, box[0]);
    int y = Math.max(0, box[1]);
    int width = Math.min(box[2], page.getWidth() - x);
    int height = Math.min(box[3], page.getHeight() - y);
    if (width <= 0 || height <= 0) {
      throw new AssertionError(
          "chart "
              + view
              + " lies outside the screenshot ("
              + page.getWidth()
              + "x"
              + page.getHeight()
              + "): "
              + Arrays.toString(box));
    }
    return new ChartPicture(view, page.getSubimage(x, y, width, height));
  }

  /** Pixels drawn in a series colour. */
  long markPixels() {
    return count(SERIES, 40);
  }

  /** Pixels of text in the ink colour. */
  long inkPixels() {
    return count(new int[][] {INK}, 60);
  }

  /**
   * Of the columns where a mark is drawn, the share whose topmost mark pixel lies on the zero line
   * at row {@code zeroLine} of the chart (within {@value #ON_THE_AXIS} pixels above it): 0 when
   * every month is above zero, near 1 for a line or bars flat at zero; 1 when no mark is drawn.
   */
  double shareOnTheZeroLine(int zeroLine) {
    int columns = 0;
    int onTheLine = 0;
    for (int x = 0; x < pixels.getWidth(); x++) {
      for (int y = 0; y < pixels.getHeight(); y++) {
        if (near(pixels.getRGB(x, y), SERIES, 40)) {
          columns++;
          if (zeroLine - y <= ON_THE_AXIS) {
            onTheLine++;
          }
          break;
        }
      }
    }
    return columns == 0 ? 1 : (double) onTheLine / columns;
  }

  /**
   * What a screenshot check finds wrong with this chart: blank (no marks, or for the cards no
   * text), or, for a chart over months whose zero line is at row {@code zeroLine} (null for other
   * charts), flat at zero over more than a tenth of its width.
   */
  List<String> problems(Integer zeroLine) {
    List<String> problems = new ArrayList<>();
    boolean cards = view.equals("sales_by_currency");
    if (cards ? inkPixels() < 200 : markPixels() < 50) {
      problems.add(
          String.format(
              Locale.ROOT,
              "chart %s is blank in the screenshot (%d mark pixels, %d text pixels)",
              view,
              markPixels(),
              inkPixels()));
    }
    if (zeroLine != null) {
      double flat = shareOnTheZeroLine(zeroLine);
      if (flat > 0.1) {
        problems.add(
            String.format(
                Locale.ROOT,
                "chart %s lies flat on zero over %.0f%% of its width in the screenshot",
                view,
                flat * 100));
      }
    }
    return problems;
  }

  private long count(int[][] colours, int tolerance) {
    long n = 0;
    for (int y = 0; y < pixels.getHeight(); y++) {
      for (int x = 0; x < pixels.getWidth(); x++) {
        if (near(pixels.getRGB(x, y), colours, tolerance)) {
          n++;
        }
      }
    }
    return n;
  }

  private static boolean near(int rgb, int[][] colours, int tolerance) {
    int r = (rgb >> 16) & 0xff;
    int g = (rgb >> 8) & 0xff;
    int b = rgb & 0xff;
    for (int[] c : colours) {
      int dr = r - c[0];
      int dg = g - c[1];
      int db = b - c[2];
      if (dr * dr + dg * dg + db * db <= tolerance * tolerance) {
        return true;
      }
    }
    return false;
  }
}
