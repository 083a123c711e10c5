import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mlem.core.sim.LanguageLikeDataset;
import org.mlem.core.sim.SyntheticDataset;
import org.mlem.core.sim.SyntheticTables;

/**
 * Writes the paper-scale stand-in (LanguageLikeDataset: 7,700 x 768, the 12 features of the
 * paper's Table S1 with documented effect sizes) as OUT/features.csv and OUT/reps.npy (float32,
 * rows in the feature table's order), for ridge-comparison.sh. Run with
 * {@code java -cp core/target/classes docs/experiments/StandInData.java OUT SEED}.
 */
public final class StandInData {
  public static void main(String[] args) throws IOException {
    Path out = Files.createDirectories(Path.of(args[0]));
    long seed = Long.parseLong(args[1]);
    SyntheticDataset data = LanguageLikeDataset.generate(7700, 768, seed);
    Files.writeString(out.resolve("features.csv"), SyntheticTables.featuresCsv(data));
    int n = data.ids().size();
    int d = data.dims();
    String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + n + ", " + d + "), }";
    int pad = 16 - (10 + header.length() + 1) % 16;
    header = header + " ".repeat(pad % 16) + "\n";
    ByteBuffer body = ByteBuffer.allocate(n * d * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : data.representations()) {
      body.putFloat(v);
    }
    try (DataOutputStream o = new DataOutputStream(Files.newOutputStream(out.resolve("reps.npy")))) {
      o.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
      byte[] h = header.getBytes(StandardCharsets.US_ASCII);
      o.write(h.length & 0xff);
      o.write(h.length >> 8);
      o.write(h);
      o.write(body.array());
    }
  }
}
