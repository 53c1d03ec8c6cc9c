package dev.portcullis.exchange;

import java.util.List;
import java.util.Map;

/** A trusted issuer as operators write it in the setup file and in /manage/v1 (snake_case JSON). */
public record TrustedIssuerFields(String id, String issuer, Map<String, Object> jwks, String jwksUri,
                                  List<String> allowedAudiences, List<String> allowedClientIds) {}
