package dev.dlqconsole.tracing;

import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Binds {@link TracingProperties} the way Spring does, so tests run against the real defaults. */
final class TestProperties {

    private TestProperties() {}

    static TracingProperties defaults() {
        return bind(Map.of());
    }

    /** Overrides given relative to {@code dlq-console.tracing}, e.g. {@code "headers.b3" -> "zipkin"}. */
    static TracingProperties bind(Map<String, String> overrides) {
        var source = new MapConfigurationPropertySource();
        overrides.forEach((key, value) -> source.put("dlq-console.tracing." + key, value));
        return new Binder(source).bindOrCreate("dlq-console.tracing", TracingProperties.class);
    }
}
