package dev.dlqconsole.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Who may call the API: people by HTTP basic, service accounts by bearer token, each with the UI's
 * roles; everyone else gets problem JSON (never the login page), and failures are audited.
 */
class ApiAuthenticationIT extends ApiIntegrationTest {

    @Test
    void without_credentials_every_endpoint_answers_401_problem_json_with_both_challenges() {
        for (var request : new java.net.http.HttpRequest.Builder[] {
            anonymous("/api/dlqs"),
            anonymous("/api/messages/1"),
            postJson(anonymous("/api/replays"), "{}"),
            post(anonymous("/api/replays/1/cancel")),
            anonymous("/api/audit-events"),
            anonymous("/api/no-such-thing")
        }) {
            var response = send(request);
            var problem = body(response, 401);
            assertThat(problem.path("status").asInt()).isEqualTo(401);
            assertThat(problem.path("detail").asString()).contains("Authorization: Bearer");
            assertThat(response.headers().allValues("WWW-Authenticate"))
                    .anySatisfy(v -> assertThat(v).startsWith("Basic realm="))
                    .anySatisfy(v -> assertThat(v).startsWith("Bearer realm="));
            assertThat(response.headers().firstValue("Location")).isEmpty();
        }
    }

    @Test
    void a_wrong_password_is_401_and_audited_as_a_failed_login_of_that_user() {
        var response = send(basic("operator", "not-the-password", "/api/dlqs"));

        var problem = body(response, 401);
        assertThat(problem.path("detail").asString()).isEqualTo("The credentials were not accepted");
        assertThat(audited("login")).contains("operator DENIED ");
    }

    @Test
    void an_unknown_token_is_401_and_audited_without_the_token() {
        var response = send(bearer("guessed-token-0000", "/api/dlqs"));

        var problem = body(response, 401);
        assertThat(problem.path("detail").asString()).isEqualTo("The credentials were not accepted");
        assertThat(audited("login")).contains("(API token) DENIED ");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM audit_event WHERE actor LIKE '%guessed%' OR detail LIKE '%guessed%'",
                        Integer.class))
                .isZero();
        assertThat(send(bearer("", "/api/dlqs")).statusCode()).isEqualTo(401);
    }

    @Test
    void people_by_basic_and_service_accounts_by_token_get_their_roles_and_no_session() {
        var byBasic = send(as("viewer", "/api/dlqs"));
        var byToken = send(bearer(VIEWER_TOKEN, "/api/dlqs"));

        assertThat(byBasic.statusCode()).isEqualTo(200);
        assertThat(byToken.statusCode()).isEqualTo(200);
        // Stateless: no session cookie to steal or to ride on (hence no CSRF token either).
        assertThat(byBasic.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(byToken.headers().allValues("Set-Cookie")).isEmpty();
        // A successful call is not a login: the audit trail is not flooded by automation.
        assertThat(audited("login")).noneMatch(row -> row.startsWith("dashboard ") || row.startsWith("viewer "));
    }

    @Test
    void a_missing_role_is_403_problem_json_and_audited_as_denied() {
        var byViewer = send(postJson(as("viewer", "/api/replays"), "{\"ids\":[1],\"reason\":\"try\"}"));
        var byViewerToken = send(bearer(VIEWER_TOKEN, "/api/audit-events"));

        assertThat(body(byViewer, 403).path("detail").asString())
                .isEqualTo("Your role does not allow POST /api/replays");
        assertThat(body(byViewerToken, 403).path("detail").asString())
                .isEqualTo("Your role does not allow GET /api/audit-events");
        assertThat(audited("denied"))
                .contains("viewer DENIED POST /api/replays", "dashboard DENIED GET /api/audit-events");
    }

    @Test
    void roles_include_the_ones_below_them_for_people_and_service_accounts() {
        assertThat(send(bearer(ADMIN_TOKEN, "/api/audit-events")).statusCode()).isEqualTo(200);
        assertThat(send(bearer(OPERATOR_TOKEN, "/api/dlqs")).statusCode()).isEqualTo(200);
        assertThat(send(as("admin", "/api/messages")).statusCode()).isEqualTo(200);
    }

    @Test
    void the_openapi_description_needs_no_login() {
        var response = send(anonymous("/api/openapi.yaml"));

        assertThat(response.statusCode()).isEqualTo(200);
        // OpenAPI's registered media type for YAML, as springdoc serves it.
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/vnd.oai.openapi"));
        assertThat(response.body()).startsWith("openapi: 3.1.0");
    }

    @Test
    void a_path_the_firewall_refuses_is_400_problem_json_not_a_login_redirect() {
        var response = send(as("viewer", "/api/dlqs;jsessionid=stolen"));

        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(body(response, 400).path("detail").asString()).startsWith("The request was refused: ");
    }

    @Test
    void an_unknown_path_is_404_and_a_wrong_method_405_both_as_problem_json() {
        var unknown = send(as("viewer", "/api/no-such-thing"));
        var wrongMethod = send(post(as("operator", "/api/messages/1")));

        assertThat(body(unknown, 404).path("detail").asString())
                .isEqualTo("No API endpoint at /api/no-such-thing; see /api/openapi.yaml");
        assertThat(body(wrongMethod, 405).path("detail").asString())
                .isEqualTo("POST is not allowed on /api/messages/1; use GET");
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void the_ui_keeps_its_login_page() {
        var response = send(anonymous("/messages"));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }
}
