package dev.dlqconsole.tracing;

import java.util.Optional;
import org.springframework.stereotype.Component;

/** Turns a trace id into a link to the trace UI, from {@code dlq-console.tracing.ui-url-template}. */
@Component
public class TraceLinks {

    private final String template;

    TraceLinks(TracingProperties properties) {
        this.template = properties.uiUrlTemplate().strip();
    }

    /**
     * The trace's address in the trace UI: {@code {traceId}} becomes 32 hex digits and
     * {@code {traceIdXray}} the X-Ray form {@code 1-xxxxxxxx-yyyyyyyyyyyyyyyyyyyyyyyy}. Empty when the
     * template is blank (links switched off) or the id is not a trace id.
     */
    public Optional<String> urlFor(String traceId) {
        if (template.isEmpty()) {
            return Optional.empty();
        }
        // Only hex digits reach the template, so the URL needs no escaping.
        return TraceContext.normalizeTraceId(traceId)
                .map(id -> template.replace("{traceId}", id)
                        .replace("{traceIdXray}", "1-" + id.substring(0, 8) + "-" + id.substring(8)));
    }
}
