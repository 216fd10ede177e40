package dev.dlqconsole.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceLinksTest {

    @Test
    void links_to_the_local_jaeger_ui_by_default() {
        var links = new TraceLinks(TestProperties.defaults());

        assertThat(links.urlFor("0af7651916cd43dd8448eb211c80319c"))
                .contains("http://localhost:16686/trace/0af7651916cd43dd8448eb211c80319c");
    }

    @Test
    void normalizes_the_id_before_linking() {
        var links = new TraceLinks(TestProperties.defaults());

        assertThat(links.urlFor("A3CE929D0E0E4736"))
                .contains("http://localhost:16686/trace/0000000000000000a3ce929d0e0e4736");
    }

    @Test
    void fills_the_xray_form_for_the_xray_console() {
        var links = new TraceLinks(
                TestProperties.bind(
                        Map.of(
                                "ui-url-template",
                                "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#xray:traces/{traceIdXray}")));

        assertThat(links.urlFor("5759e988bd862e3fe1be46a994272793"))
                .contains("https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1"
                        + "#xray:traces/1-5759e988-bd862e3fe1be46a994272793");
    }

    @Test
    void fills_every_placeholder() {
        var links = new TraceLinks(TestProperties.bind(
                Map.of("ui-url-template", "https://traces.example.com/{traceId}?xray={traceIdXray}&again={traceId}")));

        assertThat(links.urlFor("5759e988bd862e3fe1be46a994272793"))
                .contains("https://traces.example.com/5759e988bd862e3fe1be46a994272793"
                        + "?xray=1-5759e988-bd862e3fe1be46a994272793&again=5759e988bd862e3fe1be46a994272793");
    }

    @Test
    void gives_no_link_for_what_is_not_a_trace_id() {
        var links = new TraceLinks(TestProperties.defaults());

        assertThat(links.urlFor("<script>alert(1)</script>")).isEmpty();
        assertThat(links.urlFor("00000000000000000000000000000000")).isEmpty();
    }

    @Test
    void gives_no_link_when_the_template_is_blank() {
        var links = new TraceLinks(TestProperties.bind(Map.of("ui-url-template", " ")));

        assertThat(links.urlFor("0af7651916cd43dd8448eb211c80319c")).isEmpty();
    }
}
