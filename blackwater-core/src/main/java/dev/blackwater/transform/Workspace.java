package dev.blackwater.transform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private working directory for one batch: downloaded ingestion objects, Parquet files before
 * upload, DuckDB's spill files. Removed, with everything in it, on close.
 */
final class Workspace implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Workspace.class);

  private final Path root;

  private Workspace(Path root) {
    this.root = root;
  }

  /** A new, empty directory under {@code parent}. */
  static Workspace create(Path parent) {
    try {
      Files.createDirectories(parent);
      return new Workspace(Files.createTempDirectory(parent, "blackwater-transform-"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a working directory in " + parent, e);
    }
  }

  /** A path inside the workspace for a lake key ({@code a/b/c.csv.gz}), its folders made. */
  Path file(String area, String key) {
    Path file = root.resolve(area).resolve(key).normalize();
    if (!file.startsWith(root)) {
      throw new IllegalArgumentException("not a lake key: " + key);
    }
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a folder for " + file, e);
    }
    return file;
  }

  /** DuckDB's spill directory. */
  Path spill() {
    return root.resolve("spill");
  }

  @Override
  public void close() {
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              Files.delete(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      LOG.warn("could not remove the working directory {}: {}", root, e.toString());
    }
  }
}
