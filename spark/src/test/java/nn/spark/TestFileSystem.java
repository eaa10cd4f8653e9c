package nn.spark;

import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * testfs://PATH: the local disk under a scheme of its own, with no rename onto an existing file (as some object
 * stores): for the Spark tests of sweep folders that are not file: paths.
 */
public final class TestFileSystem extends RawLocalFileSystem {
    @Override
    public URI getUri() {
        return URI.create("testfs:///");
    }

    @Override
    public String getScheme() {
        return "testfs";
    }

    @Override
    public boolean rename(Path src, Path dst) throws IOException {
        if (exists(dst)) return false;
        return super.rename(src, dst);
    }
}
