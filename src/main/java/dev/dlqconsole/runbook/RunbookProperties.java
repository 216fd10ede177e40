package dev.dlqconsole.runbook;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where runbooks are read from: {@code folder}, relative to the working directory unless absolute. When it
 * does not exist, the runbooks packaged with the console are served.
 *
 * <p>A String, not a Path: Spring's PathEditor resolves a relative {@code runbooks} against the classpath
 * first, which would silently serve the packaged copies instead of the folder beside the app.
 */
@ConfigurationProperties("dlq-console.runbooks")
public record RunbookProperties(@DefaultValue("runbooks") String folder) {

    Path folderPath() {
        return Path.of(folder);
    }
}
