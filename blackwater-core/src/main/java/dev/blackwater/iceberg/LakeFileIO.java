package dev.blackwater.iceberg;

import dev.blackwater.lake.LakeObjectExistsException;
import dev.blackwater.lake.LakeObjectMissingException;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.LakeWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;
import org.apache.iceberg.io.SeekableInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Iceberg's file access over a lake zone: a location {@code <zone uri>/<key>} is the zone's object
 * {@code key}. Writes are put-if-absent (Iceberg names every metadata file uniquely, so an existing
 * name is a conflict, never an overwrite); reads take the object whole (metadata files, manifest
 * lists and manifests are small; data files are read by DuckDB, not through here). Nothing is ever
 * deleted: the lake deletes only what gc finds uncommitted, so a request to delete is logged and
 * ignored (expired snapshots leave their files, see docs/lake-layout.md).
 */
public final class LakeFileIO implements FileIO {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(LakeFileIO.class);

  private final transient LakeStore zone;
  private final String root;

  public LakeFileIO(LakeStore zone) {
    this.zone = zone;
    this.root = rootOf(zone);
  }

  /** The zone's URI as a location prefix, ending in a slash. */
  static String rootOf(LakeStore zone) {
    String uri = zone.uri().toString();
    return uri.endsWith("/") ? uri : uri + "/";
  }

  /** The location of a key of the zone. */
  public String location(String key) {
    return root + key;
  }

  /** The key of a location in the zone. */
  public String key(String location) {
    if (location.startsWith(root)) {
      return location.substring(root.length());
    }
    // file:/x and file:///x name the same file
    if (location.startsWith("file:") && root.startsWith("file:")) {
      String path = location.replaceFirst("^file:/*", "/");
      String rootPath = root.replaceFirst("^file:/*", "/");
      if (path.startsWith(rootPath)) {
        return path.substring(rootPath.length());
      }
    }
    throw new IllegalArgumentException(location + " is not in the zone " + root);
  }

  @Override
  public InputFile newInputFile(String path) {
    return new LakeInputFile(path, key(path));
  }

  @Override
  public OutputFile newOutputFile(String path) {
    String key = key(path);
    return new OutputFile() {
      @Override
      public PositionOutputStream create() {
        return new LakeOutputStream(zone.create(key));
      }

      @Override
      public PositionOutputStream createOrOverwrite() {
        return create();
      }

      @Override
      public String location() {
        return path;
      }

      @Override
      public InputFile toInputFile() {
        return newInputFile(path);
      }
    };
  }

  @Override
  public void deleteFile(String path) {
    LOG.debug("not deleting {}: nothing deletes committed objects from the lake", path);
  }

  private final class LakeInputFile implements InputFile {
    private final String location;
    private final String key;
    private byte[] content;

    LakeInputFile(String location, String key) {
      this.location = location;
      this.key = key;
    }

    private byte[] content() {
      if (content == null) {
        try {
          content = zone.read(key);
        } catch (LakeObjectMissingException e) {
          throw new NotFoundException(e, "%s does not exist", location);
        }
      }
      return content;
    }

    @Override
    public long getLength() {
      return content().length;
    }

    @Override
    public SeekableInputStream newStream() {
      return new BytesInputStream(content());
    }

    @Override
    public String location() {
      return location;
    }

    @Override
    public boolean exists() {
      return zone.exists(key);
    }
  }

  /** A whole object in memory, seekable. */
  private static final class BytesInputStream extends SeekableInputStream {
    private final byte[] bytes;
    private final ByteArrayInputStream in;

    BytesInputStream(byte[] bytes) {
      this.bytes = bytes;
      this.in = new ByteArrayInputStream(bytes);
    }

    @Override
    public long getPos() {
      return bytes.length - in.available();
    }

    @Override
    public void seek(long pos) {
      in.reset();
      in.skip(pos);
    }

    @Override
    public int read() {
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) {
      return in.read(b, off, len);
    }
  }

  /** Writes through a lake writer; the object appears, put-if-absent, when the stream closes. */
  private static final class LakeOutputStream extends PositionOutputStream {
    private final LakeWriter writer;
    private boolean closed;

    LakeOutputStream(LakeWriter writer) {
      this.writer = writer;
    }

    @Override
    public long getPos() {
      return writer.bytesWritten();
    }

    @Override
    public void write(int b) throws IOException {
      writer.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      writer.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      try {
        writer.commit();
      } catch (LakeObjectExistsException e) {
        throw new AlreadyExistsException(e, "%s already exists", writer.key());
      } catch (UncheckedIOException e) {
        throw e.getCause();
      } finally {
        writer.close();
      }
    }
  }
}
