package org.mlem.jobs.io;

/**
 * Provenance of one input file: its URI, size in bytes, SHA-256 when it is local (null
 * otherwise, where hashing would mean reading a remote file twice), and for a remote file the
 * checksum its filesystem keeps anyway when it has one ({@code ALGORITHM:HEX}, e.g. HDFS's
 * {@code MD5-of-0MD5-of-512CRC32C:...}; null on the local filesystem and on stores without
 * one, such as s3a by default). See {@link InputFiles} for directories.
 */
public record InputFile(String role, String uri, long bytes, String sha256, String checksum)
    implements java.io.Serializable {
  /** An input without a filesystem checksum. */
  public InputFile(String role, String uri, long bytes, String sha256) {
    this(role, uri, bytes, sha256, null);
  }
}
