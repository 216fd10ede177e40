package dev.dlqconsole.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Swagger UI over real HTTP, through the UI's login: springdoc's webjar is served to an admin (not
 * swallowed by Vaadin's catch-all mapping), refused to an operator, and a stranger is sent to log in.
 */
class SwaggerUiIT extends ApiIntegrationTest {

    @Test
    void an_admin_gets_swagger_ui_pointed_at_the_contract() throws Exception {
        var admin = loggedIn("admin");

        var page = admin.send(get("/swagger-ui/index.html"), HttpResponse.BodyHandlers.ofString());
        var settings = admin.send(get("/api/openapi/swagger-config"), HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
        assertThat(settings.statusCode()).isEqualTo(200);
        assertThat(json.readTree(settings.body()).path("url").asString()).isEqualTo("/api/openapi");
    }

    @Test
    void an_operator_is_refused_and_a_stranger_is_sent_to_log_in() throws Exception {
        var operator = loggedIn("operator");

        var refused = operator.send(get("/swagger-ui/index.html"), HttpResponse.BodyHandlers.ofString());
        var stranger = send(anonymous("/swagger-ui/index.html"));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(stranger.statusCode()).isEqualTo(302);
        assertThat(stranger.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    private HttpRequest get(String path) {
        return anonymous(path).GET().build();
    }

    /** A browser-like client with the session cookie of a form login as one of the demo users. */
    private HttpClient loggedIn(String user) throws Exception {
        var client = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        client.send(get("/login"), HttpResponse.BodyHandlers.discarding());
        var form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
        var login = client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(login.headers().firstValue("Location"))
                .as("where the login sent " + user)
                .hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
        return client;
    }
}
