package org.mlem.jobs.output;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * Writes a {@link RunTable} as a Parquet table without Spark, for runs that do not start Spark
 * (the in-process engine): a directory holding one Snappy-compressed part file and
 * {@code _SUCCESS}, with the column types Spark gives the same table ({@link RunTable#sparkSchema}:
 * required UTF-8 strings, int32, double), so Spark, pandas and the report read both the same way.
 * Written through the given FileSystem, whose checksum setting is honoured (no .crc files beside
 * user outputs).
 */
final class ParquetTables {
  /** The part file's name inside the table's directory. */
  static final String PART = "part-00000.snappy.parquet";

  private ParquetTables() {}

  /** The table's Parquet schema. */
  static MessageType schema(RunTable table) {
    Types.MessageTypeBuilder builder = Types.buildMessage();
    for (int c = 0; c < table.columns().size(); c++) {
      Class<?> type = table.types().get(c);
      String name = table.columns().get(c);
      if (type == String.class) {
        builder.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
            .named(name);
      } else if (type == Integer.class) {
        builder.required(PrimitiveTypeName.INT32).named(name);
      } else if (type == Double.class) {
        builder.required(PrimitiveTypeName.DOUBLE).named(name);
      } else {
        throw new IllegalArgumentException("table " + table.name() + " column " + name
            + " has an unsupported type " + type.getSimpleName());
      }
    }
    return builder.named("spark_schema");
  }

  /** Writes DIR/part-00000.snappy.parquet and DIR/_SUCCESS. */
  static void write(FileSystem fs, Configuration conf, RunTable table, Path dir)
      throws IOException {
    MessageType schema = schema(table);
    fs.mkdirs(dir);
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(outputFile(fs, new Path(dir,
            PART)))
        .withType(schema).withConf(conf).withCompressionCodec(CompressionCodecName.SNAPPY)
        .withWriteMode(ParquetFileWriter.Mode.CREATE).build()) {
      for (Object[] row : table.rows()) {
        Group g = groups.newGroup();
        for (int c = 0; c < row.length; c++) {
          String name = table.columns().get(c);
          if (row[c] instanceof String text) {
            g.append(name, Binary.fromString(text));
          } else if (row[c] instanceof Integer i) {
            g.append(name, i);
          } else {
            g.append(name, (Double) row[c]);
          }
        }
        writer.write(g);
      }
    }
    fs.create(new Path(dir, OutputFiles.SUCCESS), false).close();
  }

  private static OutputFile outputFile(FileSystem fs, Path path) {
    return new OutputFile() {
      @Override
      public PositionOutputStream create(long blockSizeHint) throws IOException {
        return stream(fs.create(path, false));
      }

      @Override
      public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        return stream(fs.create(path, true));
      }

      @Override
      public boolean supportsBlockSize() {
        return false;
      }

      @Override
      public long defaultBlockSize() {
        return 0;
      }
    };
  }

  private static PositionOutputStream stream(FSDataOutputStream out) {
    return new PositionOutputStream() {
      @Override
      public long getPos() throws IOException {
        return out.getPos();
      }

      @Override
      public void write(int b) throws IOException {
        out.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void flush() throws IOException {
        out.flush();
      }

      @Override
      public void close() throws IOException {
        out.close();
      }
    };
  }
}
