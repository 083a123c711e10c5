package org.mlem.jobs.io;

/**
 * Provenance of one input file: its URI, size in bytes, and SHA-256 when it is local (null
 * otherwise, where hashing would mean reading a remote file twice).
 */
public record InputFile(String role, String uri, long bytes, String sha256) {}
