package dev.dlqconsole.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.dlqconsole.ConsoleIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

@TestPropertySource(
        properties = {
            // A connection to a port nobody listens on, with a static key that must never be shown.
            "dlq-console.sqs.connections[0].name=unreachable",
            "dlq-console.sqs.connections[0].endpoint=http://127.0.0.1:9",
            "dlq-console.sqs.connections[0].access-key-id=AKIAOPSHEALTHTEST",
            "dlq-console.sqs.connections[0].secret-access-key=" + SqsHealthIT.SECRET,
            "dlq-console.sqs.call-timeout=1s",
            "dlq-console.ops.sqs-health-timeout=1s",
        })
class SqsHealthIT extends ConsoleIntegrationTest {

    static final String SECRET = "s3cret-Key-never-shown";

    @LocalServerPort
    int port;

    @Autowired
    WebApplicationContext context;

    @Test
    void an_unreachable_connection_turns_health_down_but_leaves_the_console_ready() throws Exception {
        var http = HttpClient.newHttpClient();

        var health = http.send(request("/actuator/health"), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).contains("\"status\":\"DOWN\"").doesNotContain("unreachable");
        var readiness = http.send(request("/actuator/health/readiness"), HttpResponse.BodyHandlers.ofString());
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void an_admin_sees_which_connection_is_down_and_why_but_never_its_secret_key() throws Exception {
        var mvc = MockMvcBuilders.webAppContextSetup(context)
                .apply(springSecurity())
                .build();

        var body = mvc.perform(get("/actuator/health/sqs").with(user("ada").roles("ADMIN")))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.status").value("DOWN"))
                .andExpect(jsonPath("$.components.embedded.status").value("UP"))
                .andExpect(jsonPath("$.components.unreachable.status").value("DOWN"))
                .andExpect(jsonPath("$.components.unreachable.details.error").isNotEmpty())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(body).contains("127.0.0.1:9").doesNotContain(SECRET);
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .build();
    }
}
