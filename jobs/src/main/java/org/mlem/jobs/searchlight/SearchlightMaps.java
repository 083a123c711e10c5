package org.mlem.jobs.searchlight;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.mlem.core.brain.Affine;
import org.mlem.core.brain.NiftiVolume;
import org.mlem.core.brain.NiftiWriter;
import org.mlem.jobs.output.AtomicOutput;
import org.mlem.jobs.output.OutputFiles;
import org.mlem.jobs.output.SweepFiles;

/**
 * The NIfTI maps of a searchlight, on the volumes' grid and with their affine, one value per
 * sphere at its centre voxel and NaN elsewhere (outside the mask, between strided centres, at
 * skipped or failed spheres): {@code maps/score.nii.gz} (held-out Spearman), and per importance
 * unit {@code maps/importance_<unit>.nii.gz} (mean) and {@code maps/ci_low_<unit>.nii.gz} (the
 * interval's lower end: where it is above 0 the unit's importance is credibly positive). Unit
 * names are escaped for paths as set names are ({@link SweepFiles#runDirName}).
 */
final class SearchlightMaps {
  /** The maps' directory inside OUT. */
  static final String DIR = OutputFiles.SEARCHLIGHT_MAPS;

  private SearchlightMaps() {}

  /**
   * Builds and writes every map from the long table's rows.
   *
   * @return the written files' names relative to OUT, in order
   */
  static List<String> write(Configuration conf, String root, int[] shape, Affine affine,
      List<Row> rows, List<String> units) {
    int voxels = shape[0] * shape[1] * shape[2];
    float[] score = nanVolume(voxels);
    Map<String, float[]> mean = new LinkedHashMap<>();
    Map<String, float[]> low = new LinkedHashMap<>();
    for (String u : units) {
      mean.put(u, nanVolume(voxels));
      low.put(u, nanVolume(voxels));
    }
    for (Row r : rows) {
      int flat = NiftiVolume.flat(shape, r.getInt(1), r.getInt(2), r.getInt(3));
      if (!r.isNullAt(9)) {
        score[flat] = (float) r.getDouble(9);
      }
      if (!r.isNullAt(5) && mean.containsKey(r.getString(5))) {
        mean.get(r.getString(5))[flat] = (float) r.getDouble(6);
        low.get(r.getString(5))[flat] = (float) r.getDouble(7);
      }
    }
    List<String> names = new ArrayList<>();
    names.add(writeMap(conf, root, "score", shape, affine, score, "held-out Spearman"));
    for (String u : units) {
      String file = SweepFiles.runDirName(u);
      names.add(writeMap(conf, root, "importance_" + file, shape, affine, mean.get(u),
          "importance mean"));
      names.add(writeMap(conf, root, "ci_low_" + file, shape, affine, low.get(u),
          "importance ci_low"));
    }
    return names;
  }

  private static float[] nanVolume(int voxels) {
    float[] v = new float[voxels];
    Arrays.fill(v, Float.NaN);
    return v;
  }

  private static String writeMap(Configuration conf, String root, String name, int[] shape,
      Affine affine, float[] values, String description) {
    String relative = DIR + "/" + name + ".nii.gz";
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
        NiftiWriter.write(gz, shape, affine, values, "mlem searchlight " + description);
      }
      Path target = new Path(root, relative);
      AtomicOutput.writeFile(conf, target, bytes.toByteArray(), "." + target.getName()
          + "._tmp-");
      return relative;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + root + "/" + relative + ": "
          + e.getMessage(), e);
    }
  }
}
