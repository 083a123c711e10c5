package org.mlem.jobs.sweep;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.mlem.core.brain.Affine;
import org.mlem.core.brain.Atlas;
import org.mlem.core.brain.LabelTable;
import org.mlem.core.brain.Mask;
import org.mlem.core.brain.NiftiReader;
import org.mlem.core.brain.NiftiVolume;
import org.mlem.core.brain.Roi;
import org.mlem.core.brain.VoxelMatrix;
import org.mlem.jobs.io.ArrayFiles;
import org.mlem.jobs.io.InputException;
import org.mlem.jobs.io.InputFile;
import org.mlem.jobs.io.InputPaths;
import org.mlem.jobs.io.NiftiFiles;
import org.mlem.jobs.io.NumericArray;
import org.mlem.jobs.io.RepresentationInput;
import org.mlem.jobs.output.NaturalOrder;

/**
 * The sets of NIfTI volumes cut by an atlas (one set per ROI, named by the label table or
 * {@code label=<n>}) and/or a mask (alone: one set named {@code mask}): the volumes are a 4-D
 * series (one volume per stimulus) or a glob of 3-D files (one per stimulus, in natural order of
 * their names); rows follow the ids file, else the feature table's order. The mask and atlas
 * must lie on the volumes' grid (shape and affine). Only the voxels of some ROI are kept while
 * the volumes are read; NaN or infinite values there, an empty ROI, a label table that does not
 * match, or the wrong number of ids are refused here, before anything is written.
 */
public final class VolumeSets {
  private VolumeSets() {}

  /**
   * NIfTI volumes under a mask, read as one set (stimuli x in-mask voxels, columns in ascending
   * flat voxel index) with the grid they lie on: what a searchlight cuts into spheres.
   *
   * @param set the masked voxels as one set named {@code mask}
   * @param shape the volumes' grid
   * @param affine the volumes' voxel-to-world affine
   * @param mask the mask (its voxels are the set's columns, in order)
   */
  public record Masked(RepresentationSet set, int[] shape, Affine affine, Mask mask) {}

  /**
   * Reads the volumes of {@code t} under the mask at {@code maskUri}, with every check of
   * {@link #discover}.
   *
   * @throws InputException on bad input, naming the file
   */
  public static Masked masked(Configuration conf, RepresentationInput t, String maskUri) {
    List<RepresentationSet> sets = discover(conf, t, new BrainInputs(maskUri, null, null, null,
        null, 0.0, null, null));
    Grid grid = grid(conf, volumeFiles(conf, t.uri()), t.uri());
    NiftiVolume m = NiftiFiles.volume(conf, maskUri);
    return new Masked(sets.get(0), grid.shape, grid.affine, asInput(() -> Mask.of(m)));
  }

  static List<RepresentationSet> discover(Configuration conf, RepresentationInput t,
      BrainInputs brain) {
    String pattern = t.uri();
    List<String> files = volumeFiles(conf, pattern);
    List<InputFile> provenance = new ArrayList<>();
    for (String f : files) {
      provenance.add(ArrayFiles.describe(conf, f, "representations"));
    }
    Grid grid = grid(conf, files, pattern);
    Mask mask = null;
    if (brain.mask() != null) {
      InputPaths.requireReadable(conf, brain.mask(), "mask");
      NiftiVolume m = NiftiFiles.volume(conf, brain.mask());
      requireGrid(m, "mask", grid);
      mask = asInput(() -> Mask.of(m));
      provenance.add(ArrayFiles.describe(conf, brain.mask(), "mask"));
    }
    List<Roi> regions;
    if (brain.atlas() != null) {
      InputPaths.requireReadable(conf, brain.atlas(), "atlas");
      NiftiVolume atlas = NiftiFiles.volume(conf, brain.atlas());
      requireGrid(atlas, "atlas", grid);
      LabelTable table = null;
      if (brain.atlasLabels() != null) {
        InputPaths.requireReadable(conf, brain.atlasLabels(), "atlas labels");
        table = NiftiFiles.labels(conf, brain.atlasLabels());
        provenance.add(ArrayFiles.describe(conf, brain.atlasLabels(), "atlas labels"));
      }
      Mask inside = mask;
      LabelTable names = table;
      regions = asInput(() -> Atlas.regions(atlas, inside, names));
      provenance.add(ArrayFiles.describe(conf, brain.atlas(), "atlas"));
    } else {
      regions = List.of(new Roi(1, "mask", mask.voxels()));
    }
    if (t.idsUri() != null) {
      int ids = ArrayFiles.ids(conf, t.idsUri()).size();
      if (ids != grid.volumes) {
        throw new InputException(pattern + ": " + grid.volumes + " volumes (stimuli) but the"
            + " ids file " + t.idsUri() + " has " + ids + " ids; give one id per volume, in"
            + " order");
      }
      provenance.add(ArrayFiles.describe(conf, t.idsUri(), "representation ids"));
    }
    VoxelMatrix matrix = read(conf, files, grid, VoxelMatrix.union(regions), pattern);
    List<RepresentationSet> sets = new ArrayList<>();
    for (Roi roi : regions) {
      Map<String, String> recorded = new LinkedHashMap<>();
      recorded.put("roi", roi.name());
      if (brain.atlas() != null) {
        recorded.put("roi-label", Integer.toString(roi.label()));
        recorded.put("atlas", brain.atlas());
      }
      if (brain.mask() != null) {
        recorded.put("mask", brain.mask());
      }
      recorded.put("roi-voxels", Integer.toString(roi.size()));
      int rows = matrix.rows();
      int[] voxels = roi.voxels();
      CutSet cut = new CutSet(rows, () -> {
        float[] values = matrix.columns(voxels);
        double[] wide = new double[values.length];
        for (int k = 0; k < values.length; k++) {
          wide[k] = values[k];
        }
        return new NumericArray(new int[] {rows, voxels.length}, wide);
      }, provenance, recorded);
      sets.add(RepresentationSet.ofCut(RepresentationSets.checkedName(roi.name(),
          pattern + " [ROI " + roi.name() + "]"), pattern + " [ROI " + roi.name() + "]", t,
          cut));
    }
    return sets;
  }

  /** The volume files: the one series, or the glob's matches in natural order. */
  private static List<String> volumeFiles(Configuration conf, String pattern) {
    if (!RepresentationSets.hasGlob(pattern)) {
      InputPaths.requireReadable(conf, pattern, "representations");
      return List.of(pattern);
    }
    List<String> files = new ArrayList<>();
    for (FileStatus s : RepresentationSets.globMatches(conf, pattern)) {
      if (!s.isDirectory()) {
        files.add(s.getPath().toString());
      }
    }
    if (files.isEmpty()) {
      throw new InputException("representations pattern " + pattern + " matches no NIfTI"
          + " file; give a 4-D series or a glob of 3-D volumes (one per stimulus)");
    }
    files.sort((a, b) -> NaturalOrder.INSTANCE.compare(new Path(a).getName(),
        new Path(b).getName()));
    return files;
  }

  private record Grid(int[] shape, Affine affine, int volumes, String source) {}

  /** The grid of the first file and the number of volumes (one per 3-D file, or the series'). */
  private static Grid grid(Configuration conf, List<String> files, String pattern) {
    try (NiftiReader r = NiftiFiles.open(conf, files.get(0))) {
      if (files.size() > 1 && r.volumes() != 1) {
        throw new InputException(files.get(0) + ": a glob of volumes takes one 3-D volume per"
            + " file (one per stimulus), found a 4-D series of " + r.volumes() + "; give the"
            + " series itself");
      }
      int volumes = files.size() > 1 ? files.size() : r.volumes();
      return new Grid(r.shape(), r.affine(), volumes, files.size() > 1 ? pattern : files.get(0));
    } catch (IOException e) {
      throw new InputException(files.get(0) + ": cannot read the NIfTI file (" + e.getMessage()
          + ")", e);
    }
  }

  private static void requireGrid(NiftiVolume v, String role, Grid grid) {
    asInput(() -> {
      v.requireGrid(role, grid.shape, grid.affine, grid.source);
      return null;
    });
  }

  private static VoxelMatrix read(Configuration conf, List<String> files, Grid grid,
      int[] voxels, String pattern) {
    VoxelMatrix.Builder builder = asInput(() ->
        new VoxelMatrix.Builder(grid.volumes, grid.shape, voxels, grid.source));
    int row = 0;
    for (String file : files) {
      try (NiftiReader r = NiftiFiles.open(conf, file)) {
        if (files.size() > 1) {
          if (r.volumes() != 1) {
            throw new InputException(file + ": expected one 3-D volume (one per stimulus),"
                + " found a 4-D series of " + r.volumes());
          }
          int[] s = r.shape();
          if (s[0] != grid.shape[0] || s[1] != grid.shape[1] || s[2] != grid.shape[2]
              || !r.affine().closeTo(grid.affine, NiftiVolume.AFFINE_TOLERANCE)) {
            throw new InputException(file + ": shape " + NiftiVolume.shapeText(s) + " and affine"
                + " differ from the first volume's (" + files.get(0) + ", "
                + NiftiVolume.shapeText(grid.shape) + "); every volume must be on one grid");
          }
        }
        for (int t = 0; t < r.volumes(); t++) {
          double[] volume = NiftiFiles.nextVolume(r, file);
          int at = row++;
          asInput(() -> builder.add(at, volume, file));
        }
      } catch (IOException e) {
        throw new InputException(file + ": cannot read the NIfTI file (" + e.getMessage() + ")",
            e);
      }
    }
    return asInput(builder::build);
  }

  private static <T> T asInput(java.util.function.Supplier<T> step) {
    try {
      return step.get();
    } catch (InputException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw NiftiFiles.asInput(e);
    }
  }
}
