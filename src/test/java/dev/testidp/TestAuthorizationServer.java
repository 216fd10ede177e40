package dev.testidp;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertyResolver;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A real OpenID Connect provider for browser journeys (outside dev.dlqconsole, so the console's component
 * scan leaves its configuration alone): Spring Authorization Server in a small Spring
 * context of its own, on its own port at 127.0.0.1 (the console runs at localhost, so the two keep
 * their session cookies apart). Its users carry a {@code groups} claim in their ID token; the console's
 * client must be given consent on a consent page.
 */
public final class TestAuthorizationServer implements AutoCloseable {

    public static final String CLIENT_ID = "dlq-console";
    public static final String CLIENT_SECRET = "console-secret";

    /** The users (all with {@link #PASSWORD}) and the groups their ID tokens name. */
    static final Map<String, List<String>> GROUPS =
            Map.of("alice", List.of("oncall", "payments"), "mallory", List.of("marketing"));

    public static final String PASSWORD = "idp-password";

    private final AnnotationConfigServletWebServerApplicationContext context;
    private final int port;

    private TestAuthorizationServer(AnnotationConfigServletWebServerApplicationContext context, int port) {
        this.context = context;
        this.port = port;
    }

    public static TestAuthorizationServer start() {
        int port = freePort();
        var context = new AnnotationConfigServletWebServerApplicationContext();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("idp", Map.of("idp.port", port)));
        context.register(Idp.class);
        context.refresh();
        return new TestAuthorizationServer(context, port);
    }

    public String issuer() {
        return "http://127.0.0.1:" + port;
    }

    /** Registers the console's client, with its redirect URI now that the console's port is known. */
    public void registerConsole(String redirectUri) {
        context.getBean(InMemoryRegisteredClientRepository.class)
                .save(RegisteredClient.withId("console")
                        .clientId(CLIENT_ID)
                        .clientSecret("{noop}" + CLIENT_SECRET)
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                        .redirectUri(redirectUri)
                        .scope(OidcScopes.OPENID)
                        .scope(OidcScopes.PROFILE)
                        .clientSettings(ClientSettings.builder()
                                .requireAuthorizationConsent(true)
                                .build())
                        .build());
    }

    @Override
    public void close() {
        context.close();
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    static class Idp {

        @Bean
        TomcatServletWebServerFactory webServer(PropertyResolver properties) {
            var factory = new TomcatServletWebServerFactory(properties.getRequiredProperty("idp.port", Integer.class));
            factory.setAddress(java.net.InetAddress.getLoopbackAddress());
            // Every endpoint is a filter, and Tomcat runs filters only for a request some servlet maps.
            factory.setRegisterDefaultServlet(true);
            return factory;
        }

        @Bean
        SecurityFilterChain idpFilterChain(HttpSecurity http) throws Exception {
            return http.oauth2AuthorizationServer(server -> server.oidc(Customizer.withDefaults()))
                    .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                    .formLogin(Customizer.withDefaults())
                    .build();
        }

        /**
         * The console under test (same JVM) makes Vaadin's strategy the static one, which some of the
         * server's filters read while others keep the strategy they were built with: both must see
         * the same, so the server's filters go through whatever the static one is at each call.
         */
        @Bean
        SecurityContextHolderStrategy securityContextHolderStrategy() {
            return new SecurityContextHolderStrategy() {
                @Override
                public void clearContext() {
                    SecurityContextHolder.getContextHolderStrategy().clearContext();
                }

                @Override
                public org.springframework.security.core.context.SecurityContext getContext() {
                    return SecurityContextHolder.getContextHolderStrategy().getContext();
                }

                @Override
                public void setContext(org.springframework.security.core.context.SecurityContext context) {
                    SecurityContextHolder.getContextHolderStrategy().setContext(context);
                }

                @Override
                public org.springframework.security.core.context.SecurityContext createEmptyContext() {
                    return SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
                }
            };
        }

        @Bean
        InMemoryRegisteredClientRepository clients() {
            // Replaced by registerConsole once the console's port is known.
            return new InMemoryRegisteredClientRepository(RegisteredClient.withId("console")
                    .clientId(CLIENT_ID)
                    .clientSecret("{noop}" + CLIENT_SECRET)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri("http://localhost/unknown-yet")
                    .scope(OidcScopes.OPENID)
                    .build());
        }

        @Bean
        UserDetailsService idpUsers() {
            return new InMemoryUserDetailsManager(GROUPS.keySet().stream()
                    .map(name -> User.withUsername(name)
                            .password("{noop}" + PASSWORD)
                            .roles("USER")
                            .build())
                    .toList());
        }

        /** The groups claim, in the ID token, as a company's identity provider puts it. */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> groupsClaim() {
            return context -> {
                if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                    context.getClaims()
                            .claim(
                                    "groups",
                                    GROUPS.getOrDefault(context.getPrincipal().getName(), List.of()));
                }
            };
        }

        @Bean
        JWKSource<SecurityContext> keys() {
            try {
                var generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                var pair = generator.generateKeyPair();
                var key = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                        .privateKey((RSAPrivateKey) pair.getPrivate())
                        .keyID(UUID.randomUUID().toString())
                        .build();
                return new ImmutableJWKSet<>(new JWKSet(key));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Bean
        JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
            return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
        }

        @Bean
        AuthorizationServerSettings settings(PropertyResolver properties) {
            return AuthorizationServerSettings.builder()
                    .issuer("http://127.0.0.1:" + properties.getRequiredProperty("idp.port"))
                    .build();
        }
    }
}
