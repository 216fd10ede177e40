package dev.dlqconsole.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.extension.trace.propagation.B3Propagator;
import io.opentelemetry.extension.trace.propagation.JaegerPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The OpenTelemetry SDK of the console, and of the demo's simulated services, all sharing one span
 * processor. Without an OTLP endpoint the spans go nowhere, but they are still real spans with real
 * ids (an SDK with no processor would hand out all-zero ids).
 */
@Component
public class Telemetry {

    private static final Logger log = LoggerFactory.getLogger(Telemetry.class);

    /** Reads and writes W3C {@code traceparent}, Jaeger {@code uber-trace-id} and B3. */
    public static final ContextPropagators PROPAGATORS = ContextPropagators.create(TextMapPropagator.composite(
            W3CTraceContextPropagator.getInstance(),
            JaegerPropagator.getInstance(),
            B3Propagator.injectingMultiHeaders()));

    private final SpanProcessor processor;
    private final OpenTelemetrySdk console;
    private final List<OpenTelemetrySdk> services = new ArrayList<>();

    @Autowired
    Telemetry(TracingProperties properties) {
        this(processorFor(properties), properties.serviceName());
    }

    /** For tests: the console's spans go to the given exporter as soon as they end. */
    public static Telemetry exportingTo(SpanExporter exporter) {
        return new Telemetry(SimpleSpanProcessor.create(exporter), "dlq-console");
    }

    private Telemetry(SpanProcessor processor, String serviceName) {
        this.processor = processor;
        this.console = sdkFor(serviceName);
    }

    /** The console's own OpenTelemetry. */
    public OpenTelemetry openTelemetry() {
        return console;
    }

    /** An OpenTelemetry for another (simulated) service, so its spans carry that service's name. */
    public synchronized OpenTelemetry forService(String serviceName) {
        var sdk = sdkFor(serviceName);
        services.add(sdk);
        return sdk;
    }

    private OpenTelemetrySdk sdkFor(String serviceName) {
        var tracerProvider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault()
                        .merge(Resource.create(Attributes.of(
                                io.opentelemetry.api.common.AttributeKey.stringKey("service.name"), serviceName))))
                .addSpanProcessor(new SharedProcessor(processor))
                .build();
        return OpenTelemetrySdk.builder()
                .setTracerProvider(tracerProvider)
                .setPropagators(PROPAGATORS)
                .build();
    }

    @PreDestroy
    void close() {
        services.forEach(OpenTelemetrySdk::close);
        console.close();
        processor.shutdown();
    }

    private static SpanProcessor processorFor(TracingProperties properties) {
        if (properties.otlpEndpoint() == null) {
            return SimpleSpanProcessor.create(SpanExporter.composite());
        }
        var endpoint = properties.otlpEndpoint().toString().replaceAll("/+$", "");
        var url = endpoint.endsWith("/v1/traces") ? endpoint : endpoint + "/v1/traces";
        log.info("Exporting spans over OTLP to {}", url);
        return BatchSpanProcessor.builder(
                        OtlpHttpSpanExporter.builder().setEndpoint(url).build())
                .build();
    }

    /** Lets several tracer providers share one processor without any of them shutting it down. */
    private record SharedProcessor(SpanProcessor delegate) implements SpanProcessor {

        @Override
        public void onStart(io.opentelemetry.context.Context parent, io.opentelemetry.sdk.trace.ReadWriteSpan span) {
            delegate.onStart(parent, span);
        }

        @Override
        public boolean isStartRequired() {
            return delegate.isStartRequired();
        }

        @Override
        public void onEnd(io.opentelemetry.sdk.trace.ReadableSpan span) {
            delegate.onEnd(span);
        }

        @Override
        public boolean isEndRequired() {
            return delegate.isEndRequired();
        }

        @Override
        public io.opentelemetry.sdk.common.CompletableResultCode shutdown() {
            return delegate.forceFlush();
        }
    }
}
