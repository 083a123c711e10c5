package org.mlem.core.brain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The mask and atlas written by nibabel give the voxels numpy found in them
 * (make_brain_fixtures.py: {@code argwhere(atlas == label & mask != 0)}), named by the table.
 */
class AtlasTest {
  static NiftiVolume volume(String name) throws IOException {
    return NiftiReader.readVolume(Files.newInputStream(NiftiReaderTest.DIR.resolve(name)), name);
  }

  static LabelTable table(String name) throws IOException {
    return LabelTable.read(Files.newInputStream(NiftiReaderTest.DIR.resolve(name)), name);
  }

  private static int[] ints(JsonNode array) {
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asInt();
    }
    return out;
  }

  @Test
  void maskedRegionsHoldNumpysVoxelsAndTheTablesNames() throws IOException {
    JsonNode expected = NiftiReaderTest.expected();
    Mask mask = Mask.of(volume("mask.nii.gz"));
    assertArrayEquals(ints(expected.get("mask_voxels")), mask.voxels());
    List<Roi> rois = Atlas.regions(volume("atlas.nii.gz"), mask, table("atlas_labels.tsv"));
    assertEquals(List.of("V1", "FFA left", "PPA"), rois.stream().map(Roi::name).toList());
    for (Roi r : rois) {
      assertArrayEquals(ints(expected.get("atlas_rois").get(Integer.toString(r.label()))),
          r.voxels(), r.name());
    }
  }

  @Test
  void withoutATableRegionsAreNamedByLabel() throws IOException {
    List<Roi> rois = Atlas.regions(volume("atlas.nii.gz"), null, null);
    assertEquals(List.of("label=1", "label=2", "label=3"),
        rois.stream().map(Roi::name).toList());
    // unmasked: 2 x 5 x 3, 2 x 3 x 3 and 2 x 2 x 2 voxels
    assertEquals(List.of(30, 18, 8), rois.stream().map(Roi::size).toList());
  }

  @Test
  void aTableLabelMissingFromTheAtlasIsRefused() throws IOException {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Atlas.regions(volume("atlas.nii.gz"), null, table("bad_labels_extra.tsv")));
    assertEquals("atlas.nii.gz: ROI 'nowhere' (label 9 of bad_labels_extra.tsv) has no voxel in"
        + " the atlas; the label table does not match the atlas", e.getMessage());
  }

  @Test
  void aRegionOutsideTheMaskIsAnEmptyRoi() throws IOException {
    NiftiVolume atlas = volume("atlas.nii.gz");
    // a mask holding only voxel (3, 4, 2): label 3's; regions 1 and 2 are empty inside it
    double[] only = new double[60];
    only[NiftiVolume.flat(atlas.shape(), 3, 4, 2)] = 1;
    Mask mask = Mask.of(new NiftiVolume("tiny-mask", atlas.shape(), atlas.affine(), only));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Atlas.regions(atlas, mask, table("atlas_labels.tsv")));
    assertEquals("atlas.nii.gz: ROI 'V1' (label 1, 30 voxels) is empty inside the mask"
        + " tiny-mask; no voxel of it is in the mask", e.getMessage());
  }

  @Test
  void anUnnamedLabelAndANonIntegerLabelAreRefused() throws IOException {
    LabelTable partial = LabelTable.read(new ByteArrayInputStream(
        "1,V1\n2,FFA\n".getBytes(StandardCharsets.UTF_8)), "two.csv");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Atlas.regions(volume("atlas.nii.gz"), null, partial));
    assertEquals("atlas.nii.gz: atlas label 3 (8 voxels) has no row in the label table two.csv;"
        + " add '3,<name>' to it", e.getMessage());
    double[] values = new double[8];
    values[5] = 1.5;
    NiftiVolume fractional = new NiftiVolume("f.nii", new int[] {2, 2, 2},
        new Affine(new double[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0}, "pixdim"), values);
    e = assertThrows(IllegalArgumentException.class, () -> Atlas.regions(fractional, null, null));
    assertEquals("f.nii: the atlas has the value 1.5 at voxel (1, 0, 1); an atlas holds integer"
        + " labels (0 = background)", e.getMessage());
  }

  @Test
  void aMaskOfAnotherShapeIsNamedWithBothShapes() throws IOException {
    NiftiVolume bad = volume("bad_mask_shape.nii.gz");
    NiftiVolume atlas = volume("atlas.nii.gz");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> bad.requireGrid("mask", atlas.shape(), atlas.affine(), "betas.nii.gz"));
    assertEquals("bad_mask_shape.nii.gz: the mask has shape (4, 5, 4) but the volumes"
        + " (betas.nii.gz) have (4, 5, 3); resample the mask to the volumes' grid",
        e.getMessage());
  }

  @Test
  void labelTablesReadTsvAndCsvWithOrWithoutHeader() throws IOException {
    LabelTable tsv = table("atlas_labels.tsv");
    assertEquals(java.util.Map.of(1, "V1", 2, "FFA left", 3, "PPA"), tsv.names());
    LabelTable csv = LabelTable.read(new ByteArrayInputStream(
        "# comment\n7,\"a, b\"\n\n8, c \n".getBytes(StandardCharsets.UTF_8)), "t.csv");
    assertEquals(java.util.Map.of(7, "a, b", 8, "c"), csv.names());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LabelTable.read(new ByteArrayInputStream("1,a\n1,b\n".getBytes(
            StandardCharsets.UTF_8)), "d.csv"));
    assertEquals("d.csv: line 2: label 1 is named twice ('a' and 'b')", e.getMessage());
  }
}
