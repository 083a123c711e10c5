package org.mlem.core.brain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The regions of an integer-labelled atlas volume (0 = background), optionally restricted to a
 * mask and named by a label table. Every region must keep at least one voxel, and with a table
 * every label must be named and every named label present: a mismatched table or a mask that
 * misses a region is refused rather than silently giving fewer sets.
 */
public final class Atlas {
  private Atlas() {}

  /**
   * The regions, by ascending label.
   *
   * @param atlas the atlas volume (integer values)
   * @param mask restricts every region to its voxels, or null
   * @param table names the labels, or null ({@code label=<n>})
   * @throws IllegalArgumentException for a non-integer or NaN label, an unnamed label, a named
   *     label with no voxel, a region with no voxel inside the mask, or no region at all
   */
  public static List<Roi> regions(NiftiVolume atlas, Mask mask, LabelTable table) {
    double[] v = atlas.values();
    Map<Integer, List<Integer>> inside = new TreeMap<>();
    Map<Integer, Integer> total = new TreeMap<>();
    for (int k = 0; k < v.length; k++) {
      double x = v[k];
      if (x == 0) {
        continue;
      }
      if (!(x == Math.rint(x)) || Math.abs(x) > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(atlas.source() + ": the atlas has the value " + x
            + " at voxel " + NiftiVolume.ijkText(atlas.shape(), k) + "; an atlas holds integer"
            + " labels (0 = background)");
      }
      int label = (int) x;
      total.merge(label, 1, Integer::sum);
      if (mask == null || mask.contains(k)) {
        inside.computeIfAbsent(label, l -> new ArrayList<>()).add(k);
      }
    }
    if (table != null) {
      for (Map.Entry<Integer, String> e : table.names().entrySet()) {
        if (!total.containsKey(e.getKey())) {
          throw new IllegalArgumentException(atlas.source() + ": ROI '" + e.getValue()
              + "' (label " + e.getKey() + " of " + table.source() + ") has no voxel in the"
              + " atlas; the label table does not match the atlas");
        }
      }
    }
    List<Roi> regions = new ArrayList<>();
    for (Map.Entry<Integer, Integer> e : total.entrySet()) {
      int label = e.getKey();
      String name;
      if (table == null) {
        name = "label=" + label;
      } else {
        name = table.names().get(label);
        if (name == null) {
          throw new IllegalArgumentException(atlas.source() + ": atlas label " + label + " ("
              + e.getValue() + " voxels) has no row in the label table " + table.source()
              + "; add '" + label + ",<name>' to it");
        }
      }
      List<Integer> voxels = inside.get(label);
      if (voxels == null) {
        throw new IllegalArgumentException(atlas.source() + ": ROI '" + name + "' (label "
            + label + ", " + e.getValue() + " voxels) is empty inside the mask " + mask.source()
            + "; no voxel of it is in the mask");
      }
      regions.add(new Roi(label, name, voxels.stream().mapToInt(Integer::intValue).toArray()));
    }
    if (regions.isEmpty()) {
      throw new IllegalArgumentException(atlas.source() + ": the atlas has no labelled voxel"
          + " (every value is 0); nothing to cut into ROIs");
    }
    return regions;
  }
}
