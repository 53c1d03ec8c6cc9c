package dev.portcullis.examples.springapi;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.introspection.SpringOpaqueTokenIntrospector;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Which route needs which scope, and how a bearer token is checked. Portcullis's {@code scope}
 * (a JWT claim, or the introspection answer's field) becomes {@code SCOPE_x} authorities.
 */
@Configuration
public class ApiSecurity {

    @Bean
    SecurityFilterChain api(HttpSecurity http, PortcullisSettings settings) throws Exception {
        http.authorizeHttpRequests(routes -> routes
                        .requestMatchers("/healthz").permitAll()
                        .requestMatchers("/tasks/**").hasAuthority("SCOPE_task:read")
                        .anyRequest().authenticated())
                // RFC 6750: no session and no cookie, so no CSRF token either; every request carries its token.
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        switch (settings.tokenCheck()) {
            case JWT -> http.oauth2ResourceServer(rs -> rs.jwt(jwt -> jwt.decoder(AccessTokenDecoder.forIssuer(settings))));
            case INTROSPECTION -> http.oauth2ResourceServer(rs -> rs.opaqueToken(opaque -> opaque.introspector(
                    SpringOpaqueTokenIntrospector.withIntrospectionUri(settings.introspectionUri())
                            .clientId(settings.clientId())
                            .clientSecret(settings.clientSecret())
                            .build())));
        }
        return http.build();
    }
}
