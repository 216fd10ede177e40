package dev.dlqconsole.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.dlqconsole.MutableClock;
import dev.dlqconsole.tracing.TraceSummaryResult.NotConfigured;
import dev.dlqconsole.tracing.TraceSummaryResult.NotFound;
import dev.dlqconsole.tracing.TraceSummaryResult.Summary;
import dev.dlqconsole.tracing.TraceSummaryResult.Unavailable;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JaegerTracesTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    /**
     * What Jaeger's query service answers on /api/traces/{id} for a trace sent over OTLP: status and
     * kind become tags, exception events become logs.
     */
    static final String V1_TRACE = """
            {"data":[{"traceID":"4bf92f3577b34da6a3ce929d0e0e4736","spans":[
              {"traceID":"4bf92f3577b34da6a3ce929d0e0e4736","spanID":"00f067aa0ba902b7","flags":1,
               "operationName":"POST /orders","references":[],"startTime":1754550000000000,"duration":180000,
               "tags":[{"key":"otel.scope.name","type":"string","value":"demo"},
                       {"key":"span.kind","type":"string","value":"server"},
                       {"key":"http.response.status_code","type":"int64","value":202}],
               "logs":[],"processID":"p1","warnings":null},
              {"traceID":"4bf92f3577b34da6a3ce929d0e0e4736","spanID":"5fb397be34d26b51","flags":1,
               "operationName":"orders publish",
               "references":[{"refType":"CHILD_OF","traceID":"4bf92f3577b34da6a3ce929d0e0e4736","spanID":"00f067aa0ba902b7"}],
               "startTime":1754550000010000,"duration":20000,
               "tags":[{"key":"span.kind","type":"string","value":"producer"},
                       {"key":"messaging.system","type":"string","value":"aws_sqs"}],
               "logs":[],"processID":"p1","warnings":null},
              {"traceID":"4bf92f3577b34da6a3ce929d0e0e4736","spanID":"a2fb4a1d1a96d312","flags":1,
               "operationName":"GET /stock/{sku}",
               "references":[{"refType":"CHILD_OF","traceID":"4bf92f3577b34da6a3ce929d0e0e4736","spanID":"e457b5a2e4d86bd1"}],
               "startTime":1754550000900000,"duration":5000000,
               "tags":[{"key":"span.kind","type":"string","value":"client"},
                       {"key":"error","type":"bool","value":true},
                       {"key":"error.message","type":"string","value":"read timed out after 5000 ms"}],
               "logs":[],"processID":"p3","warnings":null},
              {"traceID":"4bf92f3577b34da6a3ce929d0e0e4736","spanID":"e457b5a2e4d86bd1","flags":1,
               "operationName":"orders process",
               "references":[{"refType":"CHILD_OF","traceID":"4bf92f3577b34da6a3ce929d0e0e4736","spanID":"5fb397be34d26b51"}],
               "startTime":1754550000500000,"duration":5600000,
               "tags":[{"key":"span.kind","type":"string","value":"consumer"},
                       {"key":"otel.status_code","type":"string","value":"ERROR"},
                       {"key":"otel.status_description","type":"string","value":"inventory timed out"},
                       {"key":"error","type":"bool","value":true}],
               "logs":[{"timestamp":1754550006000000,"fields":[
                       {"key":"event","type":"string","value":"exception"},
                       {"key":"exception.type","type":"string","value":"java.lang.RuntimeException"},
                       {"key":"exception.message","type":"string","value":"InventoryTimeout: sku-17 did not answer"}]}],
               "processID":"p2","warnings":null}],
             "processes":{
               "p1":{"serviceName":"checkout-service","tags":[{"key":"telemetry.sdk.language","type":"string","value":"java"}]},
               "p2":{"serviceName":"order-consumer","tags":[]},
               "p3":{"serviceName":"inventory-client","tags":[]}},
             "warnings":null}],
             "total":0,"limit":0,"offset":0,"errors":null}
            """;

    private static final String V1_NOT_FOUND = """
            {"data":null,"total":0,"limit":0,"offset":0,"errors":[{"code":404,"msg":"trace not found"}]}
            """;

    /** What Jaeger v2 answers on /api/v3/traces/{id}: OTLP JSON in a "result" wrapper. */
    private static final String V3_TRACE = """
            {"result":{"resourceSpans":[
              {"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"payment-service"}}]},
               "scopeSpans":[{"scope":{"name":"demo"},"spans":[
                 {"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","spanId":"00f067aa0ba902b7","name":"payments publish",
                  "kind":4,"startTimeUnixNano":"1754550000000000000","endTimeUnixNano":"1754550000050000000",
                  "status":{}}]}]},
              {"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"payment-consumer"}},
                                         {"key":"host.name","value":{"stringValue":"ip-10-0-0-7"}}]},
               "scopeSpans":[{"scope":{},"spans":[
                 {"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","spanId":"e457b5a2e4d86bd1",
                  "parentSpanId":"00f067aa0ba902b7","name":"payments process","kind":5,
                  "startTimeUnixNano":"1754550000100000000","endTimeUnixNano":"1754550000300000000",
                  "attributes":[{"key":"messaging.system","value":{"stringValue":"aws_sqs"}},
                                {"key":"retry","value":{"intValue":"3"}}],
                  "events":[{"timeUnixNano":"1754550000290000000","name":"exception","attributes":[
                    {"key":"exception.type","value":{"stringValue":"CardDeclined"}},
                    {"key":"exception.message","value":{"stringValue":"card declined: insufficient funds"}}]}],
                  "status":{"code":2,"message":"payment failed"}}]}]}]}}
            """;

    private final Map<String, List<String>> served = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-08-07T10:00:00Z"));
    private HttpServer server;
    private JaegerTraces jaeger;

    @BeforeEach
    void startJaeger() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::answer);
        server.start();
        jaeger = jaegerWith(Map.of(
                "jaeger-query-url", "http://127.0.0.1:" + server.getAddress().getPort()));
    }

    @AfterEach
    void stopJaeger() {
        jaeger.close();
        server.stop(0);
    }

    @Test
    void summarizes_a_trace_from_the_v1_api() {
        serve("/api/traces/" + TRACE_ID, 200, V1_TRACE);

        var result = jaeger.summary(TRACE_ID);

        assertThat(result)
                .isEqualTo(new Summary(
                        List.of("checkout-service", "order-consumer", "inventory-client"),
                        4,
                        Duration.ofMillis(6_100),
                        List.of(
                                new SpanSummary(
                                        "order-consumer", "orders process", "InventoryTimeout: sku-17 did not answer"),
                                new SpanSummary(
                                        "inventory-client", "GET /stock/{sku}", "read timed out after 5000 ms"))));
        assertThat(requests).containsExactly("/api/traces/" + TRACE_ID);
    }

    @Test
    void falls_back_to_the_v3_api_when_v1_has_no_such_route_or_trace() {
        serve("/api/traces/" + TRACE_ID, 404, V1_NOT_FOUND);
        serve("/api/v3/traces/" + TRACE_ID, 200, V3_TRACE);

        var result = jaeger.summary(TRACE_ID);

        assertThat(result)
                .isEqualTo(new Summary(
                        List.of("payment-service", "payment-consumer"),
                        2,
                        Duration.ofMillis(300),
                        List.of(new SpanSummary(
                                "payment-consumer", "payments process", "card declined: insufficient funds"))));
    }

    @Test
    void a_trace_neither_api_knows_is_not_found() {
        serve("/api/traces/" + TRACE_ID, 404, V1_NOT_FOUND);
        serve("/api/v3/traces/" + TRACE_ID, 404, """
                {"error":{"httpCode":404,"message":"No traces found"}}
                """);

        assertThat(jaeger.summary(TRACE_ID)).isEqualTo(new NotFound());
    }

    @Test
    void an_empty_v1_answer_is_not_found() {
        serve("/api/traces/" + TRACE_ID, 200, """
                {"data":[],"total":0,"limit":0,"offset":0,"errors":null}
                """);

        assertThat(jaeger.summary(TRACE_ID)).isEqualTo(new NotFound());
    }

    @Test
    void a_server_error_makes_the_summary_unavailable() {
        serve("/api/traces/" + TRACE_ID, 500, """
                {"data":null,"errors":[{"code":500,"msg":"elasticsearch: connection refused"}]}
                """);

        assertThat(jaeger.summary(TRACE_ID)).isEqualTo(new Unavailable("Jaeger answered HTTP 500"));
    }

    @Test
    void an_answer_that_is_not_a_trace_makes_the_summary_unavailable() {
        for (var garbage : List.of(
                "<html><body>502 Bad Gateway</body></html>",
                "{\"data\":[{\"traceID\":",
                "{\"data\":\"nope\"}",
                "{\"data\":[{\"spans\":42}]}",
                "{}",
                "")) {
            served.clear();
            serve("/api/traces/" + TRACE_ID, 200, garbage);

            assertThat(jaeger.summary(TRACE_ID))
                    .as(garbage)
                    .isEqualTo(new Unavailable("Jaeger's answer is not a trace"));
        }
    }

    @Test
    void a_slow_jaeger_makes_the_summary_unavailable_within_the_timeout() {
        var impatient = jaegerWith(Map.of(
                "jaeger-query-url",
                "http://127.0.0.1:" + server.getAddress().getPort(),
                "jaeger-query-timeout",
                "300ms"));
        serve("/slow", 200, V1_TRACE);
        serve("/api/traces/" + TRACE_ID, 200, "sleep");

        var started = System.nanoTime();
        var result = impatient.summary(TRACE_ID);
        var waited = Duration.ofNanos(System.nanoTime() - started);
        impatient.close();

        assertThat(result).isEqualTo(new Unavailable("Jaeger did not answer within 300 ms"));
        assertThat(waited).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void a_jaeger_that_refuses_connections_makes_the_summary_unavailable() throws IOException {
        int closedPort;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        var absent = jaegerWith(Map.of("jaeger-query-url", "http://127.0.0.1:" + closedPort));

        var result = absent.summary(TRACE_ID);
        absent.close();

        assertThat(result).isEqualTo(new Unavailable("cannot connect to Jaeger at http://127.0.0.1:" + closedPort));
    }

    @Test
    void without_a_query_url_there_is_nothing_to_ask() {
        var unconfigured = jaegerWith(Map.of());

        assertThat(unconfigured.summary(TRACE_ID)).isEqualTo(new NotConfigured());
        unconfigured.close();
    }

    @Test
    void what_is_not_a_trace_id_is_not_sent_to_jaeger() {
        assertThat(jaeger.summary("../../admin")).isEqualTo(new NotFound());
        assertThat(requests).isEmpty();
    }

    @Test
    void remembers_a_summary_for_five_minutes() {
        serve("/api/traces/" + TRACE_ID, 200, V1_TRACE);

        var first = jaeger.summary(TRACE_ID);
        clock.advance(Duration.ofMinutes(4));
        var second = jaeger.summary(TRACE_ID.toUpperCase());

        assertThat(second).isEqualTo(first);
        assertThat(requests).hasSize(1);

        clock.advance(Duration.ofMinutes(1));
        jaeger.summary(TRACE_ID);
        assertThat(requests).hasSize(2);
    }

    @Test
    void remembers_that_a_trace_is_not_found() {
        serve("/api/traces/" + TRACE_ID, 404, V1_NOT_FOUND);
        serve("/api/v3/traces/" + TRACE_ID, 404, "{}");

        jaeger.summary(TRACE_ID);
        jaeger.summary(TRACE_ID);

        assertThat(requests).hasSize(2);
    }

    @Test
    void does_not_remember_an_outage() {
        serve("/api/traces/" + TRACE_ID, 503, "down");

        assertThat(jaeger.summary(TRACE_ID)).isInstanceOf(Unavailable.class);
        serve("/api/traces/" + TRACE_ID, 200, V1_TRACE);

        assertThat(jaeger.summary(TRACE_ID)).isInstanceOf(Summary.class);
        assertThat(requests).hasSize(2);
    }

    @Test
    void asks_under_the_path_of_the_query_url() {
        serve("/jaeger/api/traces/" + TRACE_ID, 200, V1_TRACE);
        var prefixed = jaegerWith(Map.of(
                "jaeger-query-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/jaeger/"));

        assertThat(prefixed.summary(TRACE_ID)).isInstanceOf(Summary.class);
        prefixed.close();
    }

    private JaegerTraces jaegerWith(Map<String, String> properties) {
        return new JaegerTraces(TestProperties.bind(properties), clock, new SimpleMeterRegistry());
    }

    private void serve(String path, int status, String body) {
        served.put(path, List.of(String.valueOf(status), body));
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            var path = exchange.getRequestURI().getPath();
            requests.add(path);
            var answer = served.getOrDefault(path, List.of("404", "404 page not found"));
            if (answer.get(1).equals("sleep")) {
                Thread.sleep(3_000);
            }
            var body = answer.get(1).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(Integer.parseInt(answer.get(0)), body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
