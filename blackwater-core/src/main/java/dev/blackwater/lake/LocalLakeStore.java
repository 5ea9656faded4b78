package dev.blackwater.lake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A lake zone in a local directory. Objects are written to a hidden temporary file beside their
 * final name, flushed to disk, then published with a hard link, which fails if the name exists:
 * create-new plus atomic rename, so a crash never leaves a half object under a final name.
 */
public final class LocalLakeStore implements LakeStore {

  private static final int DEFAULT_PAGE_SIZE = 1000;
  private static final String TEMP_SUFFIX = ".tmp";

  private final Path root;
  private final int pageSize;

  public LocalLakeStore(Path root) {
    this(root, DEFAULT_PAGE_SIZE);
  }

  /** A store listing {@code pageSize} objects per page. */
  public LocalLakeStore(Path root, int pageSize) {
    this.root = root.toAbsolutePath().normalize();
    this.pageSize = pageSize;
  }

  @Override
  public URI uri() {
    return root.toUri();
  }

  @Override
  public LakeWriter create(String key) {
    Path target = resolve(key);
    Path temp =
        target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + TEMP_SUFFIX);
    try {
      try {
        Files.createDirectories(target.getParent());
        return new LocalWriter(key, target, temp);
      } catch (NoSuchFileException e) {
        // gc removed the folder, empty, in between: make it again
        Files.createDirectories(target.getParent());
        return new LocalWriter(key, target, temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + key + " in " + root, e);
    }
  }

  /** Deletes the file (or a temporary file) and then the folders it leaves empty. */
  @Override
  public void delete(String key) {
    Path file = resolve(key);
    try {
      Files.deleteIfExists(file);
      for (Path dir = file.getParent(); dir != null && !dir.equals(root); dir = dir.getParent()) {
        try {
          Files.deleteIfExists(dir);
        } catch (DirectoryNotEmptyException e) {
          return;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + key + " in " + root, e);
    }
  }

  /** The hidden temporary files of writers that neither committed nor discarded (killed ones). */
  @Override
  public List<LakeObject> unfinished() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<LakeObject> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      files
          .filter(Files::isRegularFile)
          .filter(
              p ->
                  p.getFileName().toString().startsWith(".")
                      && p.getFileName().toString().endsWith(TEMP_SUFFIX))
          .map(this::keyOf)
          .sorted()
          .forEach(k -> found.add(new LakeObject(k, sizeOrZero(k))));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the unfinished writes in " + root, e);
    }
    return found;
  }

  private long sizeOrZero(String key) {
    try {
      return Files.size(resolve(key));
    } catch (IOException e) {
      return 0; // committed or discarded since it was listed
    }
  }

  @Override
  public InputStream open(String key) {
    try {
      return Files.newInputStream(resolve(key));
    } catch (NoSuchFileException e) {
      throw new LakeObjectMissingException(uri().toString(), key);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + key + " in " + root, e);
    }
  }

  @Override
  public boolean exists(String key) {
    return Files.isRegularFile(resolve(key));
  }

  @Override
  public Optional<Path> localFile(String key) {
    Path file = resolve(key);
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  @Override
  public LakePage list(String prefix, String startAfter) {
    int slash = prefix.lastIndexOf('/');
    Path base = slash < 0 ? root : resolve(prefix.substring(0, slash));
    if (!Files.isDirectory(base)) {
      return new LakePage(List.of(), false);
    }
    List<LakeObject> matches = new ArrayList<>();
    try (Stream<Path> files = Files.walk(base)) {
      files
          .filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .map(this::keyOf)
          .filter(k -> k.startsWith(prefix) && (startAfter == null || k.compareTo(startAfter) > 0))
          .sorted()
          .limit(pageSize + 1L)
          .forEach(k -> matches.add(new LakeObject(k, size(k))));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + prefix + " in " + root, e);
    }
    boolean truncated = matches.size() > pageSize;
    return new LakePage(truncated ? matches.subList(0, pageSize) : matches, truncated);
  }

  private long size(String key) {
    try {
      return Files.size(resolve(key));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String keyOf(Path file) {
    return root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
  }

  private Path resolve(String key) {
    Path path = root.resolve(key).normalize();
    if (key.isEmpty() || key.startsWith("/") || !path.startsWith(root)) {
      throw new IllegalArgumentException("not a lake key: " + key);
    }
    return path;
  }

  private final class LocalWriter extends LakeWriter {
    private final Path target;
    private final Path temp;
    private final OutputStream out;

    LocalWriter(String key, Path target, Path temp) throws IOException {
      super(key);
      this.target = target;
      this.temp = temp;
      this.out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW);
    }

    @Override
    protected void writeContent(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    protected void publish() throws IOException {
      out.close();
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      try {
        try {
          Files.createLink(target, temp);
          Files.deleteIfExists(temp);
        } catch (UnsupportedOperationException e) {
          Files.move(
              temp, target); // no hard links here: refuses an existing target, not atomically
        }
      } catch (FileAlreadyExistsException e) {
        throw new LakeObjectExistsException(uri().toString(), key());
      }
      syncDirectory(target.getParent());
    }

    /** Makes the new name durable: without it a crash could lose a committed manifest. */
    private void syncDirectory(Path directory) {
      try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
        channel.force(true);
      } catch (IOException e) {
        // some platforms cannot open a directory; the file itself is already on disk
      }
    }

    @Override
    protected void discard() throws IOException {
      out.close();
      Files.deleteIfExists(temp);
    }
  }
}
