package dev.dlqconsole.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.GrantedAuthority;

/** Service accounts: configured by the token's hash, checked strictly at start, matched by hash. */
class ApiTokensTest {

    private static final String TOKEN = "s3cret-token";

    @Test
    void a_token_authenticates_as_its_account_with_its_roles_and_keeps_no_secret() {
        var tokens = new ApiTokens(
                List.of(token("other", "x", "VIEWER"), token("deploy-bot", TOKEN, "operator")), name -> false);

        var authentication = tokens.authenticate(ApiTokenAuthentication.presented(TOKEN));

        assertThat(authentication.isAuthenticated()).isTrue();
        assertThat(authentication.getName()).isEqualTo("deploy-bot");
        assertThat(authentication.getAuthorities())
                .extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_OPERATOR");
        assertThat(authentication.getCredentials()).isNull();
    }

    @Test
    void an_unknown_token_is_refused_and_the_attempt_is_named_without_the_token() {
        var tokens = new ApiTokens(List.of(token("deploy-bot", TOKEN, "OPERATOR")), name -> false);
        var presented = ApiTokenAuthentication.presented("s3cret-token-guess");

        assertThatThrownBy(() -> tokens.authenticate(presented))
                .isInstanceOf(BadCredentialsException.class)
                .hasMessage("Unknown API token");
        assertThat(presented.getName()).isEqualTo("(API token)");
    }

    @Test
    void a_wrong_configuration_stops_the_console_with_the_reason() {
        var hash = hex(TOKEN);
        assertThatThrownBy(() -> new ApiTokens(
                        List.of(new SecurityProperties.ApiToken("bot", "not-a-hash", List.of("VIEWER"))), n -> false))
                .hasMessageContaining("token-sha256 must be the token's SHA-256 as 64 hex digits");
        assertThatThrownBy(() -> new ApiTokens(
                        List.of(new SecurityProperties.ApiToken("bot", hash, List.of("ROOT"))), n -> false))
                .hasMessageContaining("unknown role 'ROOT'");
        assertThatThrownBy(() -> new ApiTokens(
                        List.of(new SecurityProperties.ApiToken(" ", hash, List.of("VIEWER"))), n -> false))
                .hasMessageContaining("needs a name");
        assertThatThrownBy(() ->
                        new ApiTokens(List.of(token("bot", "a", "VIEWER"), token("bot", "b", "ADMIN")), n -> false))
                .hasMessageContaining("(bot): the name is already used");
        assertThatThrownBy(() -> new ApiTokens(List.of(token("admin", "a", "VIEWER")), "admin"::equals))
                .hasMessageContaining("(admin): the name is already used");
        assertThatThrownBy(() -> new ApiTokens(List.of(token("system", "a", "VIEWER")), n -> false))
                .hasMessageContaining("(system): the name is already used");
    }

    private static SecurityProperties.ApiToken token(String name, String token, String role) {
        return new SecurityProperties.ApiToken(name, hex(token), List.of(role));
    }

    private static String hex(String token) {
        return HexFormat.of().formatHex(ApiTokens.sha256(token));
    }
}
