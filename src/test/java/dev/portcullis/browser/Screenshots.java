package dev.portcullis.browser;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The screenshots in docs/: what is in the window (not the whole page), reduced to 256 colours so
 * the committed PNGs stay small. Pages are flat colour, so a palette of the most used colours
 * loses little but the softest edge of anti-aliased text.
 */
final class Screenshots {
    static final Path DIR = Path.of("docs", "screenshots");

    private Screenshots() {}

    static Path file(String page, PageCheck.Width width) {
        return DIR.resolve(page + "-" + width.name() + ".png");
    }

    static void save(ChromeDriver driver, String page, PageCheck.Width width) {
        try {
            BufferedImage shot = ImageIO.read(new ByteArrayInputStream(driver.getScreenshotAs(OutputType.BYTES)));
            Files.createDirectories(DIR);
            ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
            ImageWriteParam strongest = writer.getDefaultWriteParam();
            strongest.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            strongest.setCompressionQuality(0f);
            try (ImageOutputStream out = ImageIO.createImageOutputStream(file(page, width).toFile())) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(toPalette(shot), null, null), strongest);
            } finally {
                writer.dispose();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 256 most used colours (counted in 4-bit-per-channel buckets, each bucket's mean), every pixel its nearest. */
    static BufferedImage toPalette(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
        Map<Integer, long[]> buckets = new HashMap<>();
        for (int p : rgb) {
            long[] sum = buckets.computeIfAbsent(bucket(p), k -> new long[4]);
            sum[0]++;
            sum[1] += (p >> 16) & 0xff;
            sum[2] += (p >> 8) & 0xff;
            sum[3] += p & 0xff;
        }
        List<long[]> top = buckets.values().stream().sorted(Comparator.comparingLong((long[] s) -> s[0]).reversed())
                .limit(256).toList();
        int n = top.size();
        byte[] r = new byte[n], g = new byte[n], b = new byte[n];
        for (int i = 0; i < n; i++) {
            long[] s = top.get(i);
            r[i] = (byte) (s[1] / s[0]);
            g[i] = (byte) (s[2] / s[0]);
            b[i] = (byte) (s[3] / s[0]);
        }
        IndexColorModel palette = new IndexColorModel(8, n, r, g, b);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, palette);
        WritableRaster raster = out.getRaster();
        Map<Integer, Integer> nearest = new HashMap<>();
        for (int i = 0; i < rgb.length; i++) {
            int p = rgb[i] & 0xffffff;
            raster.setSample(i % w, i / w, 0, nearest.computeIfAbsent(p, c -> nearest(c, r, g, b)));
        }
        return out;
    }

    private static int bucket(int p) {
        return ((p >> 20) & 0xf) << 8 | ((p >> 12) & 0xf) << 4 | ((p >> 4) & 0xf);
    }

    private static int nearest(int c, byte[] r, byte[] g, byte[] b) {
        int best = 0;
        long bestDistance = Long.MAX_VALUE;
        for (int i = 0; i < r.length; i++) {
            long dr = ((c >> 16) & 0xff) - (r[i] & 0xff);
            long dg = ((c >> 8) & 0xff) - (g[i] & 0xff);
            long db = (c & 0xff) - (b[i] & 0xff);
            long d = 3 * dr * dr + 4 * dg * dg + 2 * db * db;
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }
}
