package dev.dlqconsole.e2e;

import static com.codeborne.selenide.Condition.exist;
import static com.codeborne.selenide.Condition.text;
import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static com.codeborne.selenide.Selenide.open;
import static com.codeborne.selenide.Selenide.webdriver;
import static com.codeborne.selenide.WebDriverConditions.urlContaining;
import static com.codeborne.selenide.WebDriverConditions.urlStartingWith;

import dev.testidp.TestAuthorizationServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole OpenID Connect login in Chromium, against a real authorization server started by the test:
 * the console sends the browser there, the user signs in and gives consent, and comes back with the
 * role its groups map to; someone whose groups map to no role gets no access.
 */
class OidcLoginJourneyIT extends BrowserJourney {

    private static final TestAuthorizationServer idp = TestAuthorizationServer.start();

    @DynamicPropertySource
    static void oidc(DynamicPropertyRegistry registry) {
        registry.add("dlq-console.security.oidc.registration", () -> "corp");
        registry.add("dlq-console.security.oidc.admin-groups", () -> "sre-leads");
        registry.add("dlq-console.security.oidc.operator-groups", () -> "oncall");
        registry.add("dlq-console.security.oidc.viewer-groups", () -> "engineering");
        var client = "spring.security.oauth2.client.registration.corp.";
        registry.add(client + "client-id", () -> TestAuthorizationServer.CLIENT_ID);
        registry.add(client + "client-secret", () -> TestAuthorizationServer.CLIENT_SECRET);
        registry.add(client + "scope", () -> "openid,profile");
        registry.add(client + "authorization-grant-type", () -> "authorization_code");
        registry.add("spring.security.oauth2.client.provider.corp.issuer-uri", idp::issuer);
    }

    @AfterAll
    static void stopIdp() {
        idp.close();
    }

    @BeforeEach
    void registerTheConsole() {
        idp.registerConsole("http://localhost:" + port + "/login/oauth2/code/corp");
    }

    @Test
    void an_engineer_signs_in_at_the_identity_provider_and_comes_back_as_an_operator() {
        open("/messages");

        webdriver().shouldHave(urlStartingWith(idp.issuer() + "/login"));
        signInAtIdp("alice");
        $("#submit-consent").shouldBe(visible);
        Browser.screenshot("oidc-consent");
        $("input[name='scope'][value='profile']").setSelected(true);
        $("#submit-consent").click();

        webdriver().shouldHave(urlContaining("localhost:" + port + "/messages"));
        $("#current-user").shouldHave(text("alice"));
        $(".role-badge").shouldHave(text("operator"));
        $("#main-nav").shouldHave(text("Audit")).shouldNotHave(text("Connections"));
    }

    @Test
    void someone_whose_groups_map_to_no_role_gets_no_access() {
        open("/messages");
        webdriver().shouldHave(urlStartingWith(idp.issuer() + "/login"));
        signInAtIdp("mallory");
        $("input[name='scope'][value='profile']").setSelected(true);
        $("#submit-consent").click();

        $("#access-refused").shouldBe(visible).shouldHave(text("no role"));
        $("#main-nav").shouldNot(exist);

        // Signed in at the identity provider still, and consent given: straight back, refused again.
        open("/messages");
        $("#access-refused").shouldBe(visible);
        $("#current-user").shouldNot(exist);
    }

    private static void signInAtIdp(String user) {
        $("#username").setValue(user);
        $("#password").setValue(TestAuthorizationServer.PASSWORD);
        $("button[type='submit']").click();
    }
}
