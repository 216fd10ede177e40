package dev.dlqconsole.runbook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Finds the runbook files: every {@code *.md} directly in the folder, or, when the folder does not exist, the
 * ones packaged into the jar from the repository's {@code runbooks/}. A folder that exists but is empty serves no
 * runbooks, on purpose: it is how a deployment opts out of the packaged ones.
 */
final class RunbookFiles {

    static final String PACKAGED = "classpath*:runbooks/*.md";

    private RunbookFiles() {}

    /** The files sorted by name, so which of two runbooks with one id wins does not depend on the file system. */
    static List<Resource> find(Path folder) throws IOException {
        var files = Files.isDirectory(folder) ? inFolder(folder) : packaged();
        return files.stream()
                .sorted(Comparator.comparing(file -> Objects.requireNonNullElse(file.getFilename(), "")))
                .toList();
    }

    private static List<Resource> inFolder(Path folder) throws IOException {
        try (var paths = Files.newDirectoryStream(folder, "*.md")) {
            var files = new ArrayList<Resource>();
            for (var path : paths) {
                if (Files.isRegularFile(path)) {
                    files.add(new FileSystemResource(path));
                }
            }
            return files;
        }
    }

    private static List<Resource> packaged() throws IOException {
        return Arrays.asList(new PathMatchingResourcePatternResolver().getResources(PACKAGED));
    }
}
