package org.mlem.jobs.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlem.jobs.io.InputException;
import org.mlem.jobs.io.InputFile;

/**
 * {@link ProvenanceJson}: a record written and read back is equal to itself, today's text reads
 * back to the values put in, the older layouts migrate to the values their text holds (every
 * expected value below is the hand-written JSON's), and a bad file is refused with its name.
 */
class ProvenanceJsonTest {
  private static final Instant STARTED = Instant.parse("2026-12-02T01:02:03.123456789Z");
  private static final Instant FINISHED = Instant.parse("2026-12-02T01:02:09Z");

  private static ProvenanceRecord full() {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("n", 3);
    nested.put("big", 12345678901L);
    nested.put("x", 0.1);
    nested.put("none", null);
    nested.put("list", List.of(1, 2.5, "a", true));
    Map<String, Double> timings = new LinkedHashMap<>();
    timings.put("load", 1.5);
    timings.put("fit", 0.25);
    return ProvenanceRecord.builder("fit").spark("4.1.0").times(STARTED, FINISHED).seed(-7L)
        .config(Map.of("lr", "0.1", "model", "mlem"))
        .inputs(List.of(new InputFile("features", "/d/f.csv", 340, "ab12"),
            new InputFile("representations", "hdfs://nn/r", 12, null, "MD5:ff")))
        .detail("nested", nested).detail("batch_size", 40).timings(timings)
        .warnings(List.of("w1", "w2")).build();
  }

  @Test
  void aRecordWrittenAndReadBackIsEqual() {
    ProvenanceRecord r = full();
    ProvenanceRecord back = ProvenanceJson.read("x.json", ProvenanceJson.write(r), "sweep");
    assertEquals(r, back);
    assertEquals(ProvenanceJson.write(r), ProvenanceJson.write(back));
  }

  @Test
  void todaysTextHoldsWhatWasPutIn() {
    ProvenanceRecord r = ProvenanceJson.read("x.json", ProvenanceJson.write(full()), "sweep");
    assertEquals(2, r.formatVersion());
    assertEquals("fit", r.command(), "the file's command, not the legacy default");
    assertEquals("4.1.0", r.versions().get("spark"));
    assertEquals(List.of("mlem", "spark", "java", "scala"), List.copyOf(r.versions().keySet()));
    assertEquals(STARTED, r.started());
    assertEquals(-7L, r.seed());
    assertEquals("0.1", r.config("lr", "?"));
    assertEquals("?", r.config("absent", "?"));
    assertEquals("hdfs://nn/r", r.inputUri("representations"));
    assertEquals("MD5:ff", r.inputs().get(1).checksum());
    assertNull(r.inputs().get(1).sha256());
    assertEquals(List.of("load", "fit"), List.copyOf(r.timings().keySet()), "order kept");
    assertEquals(12345678901L, r.detail("nested").path("big").asLong());
    assertTrue(r.detail("nested").path("none").isNull());
    assertEquals(2.5, r.detail("nested").path("list").get(1).asDouble());
    assertEquals(40, r.detail("batch_size").asInt());
  }

  @Test
  void absentFieldsStayAbsent() {
    ProvenanceRecord r = ProvenanceRecord.builder("simulate").build();
    ProvenanceRecord back = ProvenanceJson.read("s.json", ProvenanceJson.write(r), "fit");
    assertEquals(r, back);
    assertNull(back.seed());
    assertNull(back.started());
    assertNull(back.versions().get("spark"));
  }

  @Test
  void configValuesOfAnyTypeAreWrittenAsOnTheCommandLine() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("noise", List.of(0.0, 0.5));
    values.put("stimuli", 120);
    values.put("parquet", false);
    ProvenanceRecord r = ProvenanceRecord.builder("simulate").configValues(values).build();
    assertEquals(Map.of("noise", "0.0,0.5", "stimuli", "120", "parquet", "false"), r.config());
  }

  @Test
  void aVersionOneRunJsonReadsWithTheCallersCommand() {
    String text = "{\"format_version\":1,\"versions\":{\"mlem\":\"dev\",\"spark\":\"4.1.0\","
        + "\"java\":\"17\",\"scala\":\"2.13\"},\"os\":\"Linux amd64\",\"started\":"
        + "\"2026-12-02T00:56:48Z\",\"seed\":5,\"config\":{\"folds\":\"2\"},\"inputs\":[{\"role\":"
        + "\"features\",\"uri\":\"/f.csv\",\"bytes\":340,\"sha256\":\"63\"}],\"feature_names\":"
        + "[\"a\",\"b\"],\"timings\":{\"load\":2},\"warnings\":[\"w\"]}";
    ProvenanceRecord r = ProvenanceJson.read("run.json", text, "fit");
    assertEquals(1, r.formatVersion());
    assertEquals("fit", r.command());
    assertEquals("2.13", r.versions().get("scala"));
    assertEquals(Instant.parse("2026-12-02T00:56:48Z"), r.started());
    assertNull(r.finished());
    assertEquals(5L, r.seed());
    assertEquals(List.of(new InputFile("features", "/f.csv", 340, "63")), r.inputs());
    assertEquals("b", r.detail("feature_names").get(1).asText());
    assertEquals(2.0, r.timings().get("load"));
    assertEquals(List.of("w"), r.warnings());
  }

  @Test
  void aVersionOneModelProvenanceMigratesToTheRunJsonDetails() {
    String text = "{\"format_version\":1,\"mlem_version\":\"dev\",\"java_version\":\"17.0.15\","
        + "\"os\":\"Linux amd64\",\"spark_version\":\"4.1.0\",\"spark_master\":\"local[2]\","
        + "\"config\":{\"seed\":\"5\"},\"seed\":5,\"stimuli\":60,\"features\":[\"f0\",\"pos\"],"
        + "\"batch_size\":120,\"batch_size_estimated\":false,\"timings\":{},\"warnings\":[]}";
    ProvenanceRecord r = ProvenanceJson.read("fit", text, "mllib");
    assertEquals(Map.of("mlem", "dev", "spark", "4.1.0", "java", "17.0.15"), r.versions());
    assertEquals(Map.of("seed", "5", "master", "local[2]"), r.config());
    assertEquals(60, r.detail("counts").path("stimuli").asInt());
    assertEquals(2, r.detail("counts").path("features").asInt());
    assertEquals("pos", r.detail("feature_names").get(1).asText());
    assertEquals(120, r.detail("batch_size").asInt());
    assertEquals(List.of("batch_size", "batch_size_estimated", "counts", "feature_names"),
        fieldNames(r), "no flat key is left among the details");
  }

  @Test
  void anUnversionedRobustnessJsonMergesItsSettingsIntoConfig() {
    String text = "{\"command\":\"robustness\",\"mlem_version\":\"dev\",\"settings\":{\"out\":"
        + "\"/o\"},\"config\":{\"seed\":\"3\",\"folds\":2},\"study\":{\"seeds\":2},\"inputs\":[],"
        + "\"warnings\":[],\"timings\":{\"total\":4.5}}";
    ProvenanceRecord r = ProvenanceJson.read("robustness.json", text, "robustness");
    assertEquals(0, r.formatVersion());
    assertEquals("dev", r.versions().get("mlem"));
    assertEquals(Map.of("seed", "3", "folds", "2", "out", "/o"), r.config());
    assertEquals(2, r.detail("study").path("seeds").asInt());
    assertEquals(List.of("study"), fieldNames(r));
  }

  @Test
  void anUnversionedSimulateJsonKeepsItsListsAsCommandLineText() {
    String text = "{\"command\":\"simulate\",\"mlem_version\":\"dev\",\"java\":\"17\","
        + "\"cores\":2,\"config\":{\"noise\":[0.0,0.5],\"stimuli\":120},\"runs\":12,"
        + "\"timings\":{\"grid\":1.0}}";
    ProvenanceRecord r = ProvenanceJson.read("simulate.json", text, "simulate");
    assertEquals("17", r.versions().get("java"));
    assertEquals("0.0,0.5", r.config().get("noise"));
    assertEquals("120", r.config().get("stimuli"));
    assertEquals(List.of("cores", "runs"), fieldNames(r));
  }

  @Test
  void aNewerLayoutIsRefusedNamingTheFile() {
    InputException e = assertThrows(InputException.class,
        () -> ProvenanceJson.read("/o/run.json", "{\"format_version\":3}", "fit"));
    assertEquals("/o/run.json has provenance format version 3 but this MLEM reads versions up "
        + "to 2; read it with the MLEM version that wrote it, or a newer one", e.getMessage());
  }

  @Test
  void malformedFilesAreRefusedNamingTheFileAndField() {
    assertTrue(assertThrows(InputException.class,
        () -> ProvenanceJson.read("/o/run.json", "{\"seed\":", "fit")).getMessage()
        .startsWith("/o/run.json is not valid JSON: "));
    assertEquals("/o/run.json: expected a JSON object, found array", assertThrows(
        InputException.class, () -> ProvenanceJson.read("/o/run.json", "[]", "fit"))
        .getMessage());
    assertEquals("/o/run.json: config must be a JSON object, found string", assertThrows(
        InputException.class, () -> ProvenanceJson.read("/o/run.json",
            "{\"format_version\":2,\"config\":\"x\"}", "fit")).getMessage());
    assertEquals("/o/run.json: started must be an ISO-8601 instant such as "
        + "2026-12-02T00:56:48Z, found 'yesterday'", assertThrows(InputException.class,
            () -> ProvenanceJson.read("/o/run.json",
                "{\"format_version\":2,\"started\":\"yesterday\"}", "fit")).getMessage());
    assertEquals("/o/run.json: timings.fit must be a number of seconds, found \"slow\"",
        assertThrows(InputException.class, () -> ProvenanceJson.read("/o/run.json",
            "{\"format_version\":2,\"timings\":{\"fit\":\"slow\"}}", "fit")).getMessage());
  }

  @Test
  void aDetailCannotHideATypedField() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ProvenanceRecord.builder("fit").detail("seed", 3).build());
    assertTrue(e.getMessage().startsWith("detail 'seed' would hide the typed field"),
        e.getMessage());
  }

  private static List<String> fieldNames(ProvenanceRecord r) {
    List<String> names = new java.util.ArrayList<>();
    r.details().fieldNames().forEachRemaining(names::add);
    java.util.Collections.sort(names);
    return names;
  }
}
