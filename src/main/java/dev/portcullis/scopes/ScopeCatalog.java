package dev.portcullis.scopes;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.portcullis.config.ConfigException;
import dev.portcullis.config.Setting;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.scopes.Scope;
import dev.portcullis.scopes.ScopeImplications;
import dev.portcullis.scopes.ScopeSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The scopes this server knows: a built-in JSON resource, or the operator's file at
 * {@code PORTCULLIS_SCOPES_FILE} replacing it whole. Each scope has a plain-words description for
 * the consent page, the scopes it implies, and whether self-registered clients (RFC 7591) may
 * request it. {@code X:read-write} always implies {@code X:read} when both exist.
 */
public final class ScopeCatalog implements ScopeImplications {
    static final String BUILT_IN = "/scopes.json";
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** One scope of the catalogue. {@code implies} holds the direct implications only. */
    public record Entry(Scope scope, String description, Set<Scope> implies, boolean selfRegistration) {}

    private record FileEntry(@JsonProperty(value = "name", required = true) String name,
                             @JsonProperty(value = "description", required = true) String description,
                             @JsonProperty("implies") List<String> implies,
                             @JsonProperty(value = "self_registration", required = true) boolean selfRegistration) {}

    private record FileRoot(@JsonProperty(value = "scopes", required = true) List<FileEntry> scopes) {}

    private final Map<Scope, Entry> entries;

    private ScopeCatalog(Map<Scope, Entry> entries) {
        this.entries = entries;
    }

    /** The operator's file when configured, else the built-in catalogue. */
    public static ScopeCatalog load(Optional<Path> file) {
        return file.map(ScopeCatalog::fromFile).orElseGet(ScopeCatalog::builtIn);
    }

    public static ScopeCatalog builtIn() {
        try (InputStream in = ScopeCatalog.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) throw new IllegalStateException("built-in scope catalogue missing from the jar");
            return parse(in.readAllBytes(), "built-in scope catalogue");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in scope catalogue", e);
        }
    }

    static ScopeCatalog fromFile(Path path) {
        String source = Setting.SCOPES_FILE.env() + " " + path;
        try {
            return parse(Files.readAllBytes(path), source);
        } catch (IOException e) {
            throw new ConfigException(source + " cannot be read");
        }
    }

    static ScopeCatalog parse(byte[] json, String source) {
        FileRoot root;
        try {
            root = STRICT.readValue(json, FileRoot.class);
        } catch (JacksonException e) {
            throw new ConfigException(source + " is not a valid scope catalogue: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(source + " cannot be read");
        }
        if (root == null || root.scopes() == null || root.scopes().isEmpty()) {
            throw new ConfigException(source + " must list at least one scope under \"scopes\"");
        }
        Map<Scope, FileEntry> byName = new LinkedHashMap<>();
        for (FileEntry e : root.scopes()) {
            if (e == null || e.name() == null || !Scope.isValid(e.name())) {
                throw new ConfigException(source + ": invalid scope name " + (e == null ? null : "'" + e.name() + "'")
                        + " (RFC 6749 §3.3: printable ASCII without space, quote or backslash)");
            }
            if (e.description() == null || e.description().isBlank()) {
                throw new ConfigException(source + ": scope '" + e.name() + "' needs a description for the consent page");
            }
            if (byName.put(Scope.of(e.name()), e) != null) {
                throw new ConfigException(source + ": scope '" + e.name() + "' is listed twice");
            }
        }
        Map<Scope, Entry> entries = new LinkedHashMap<>();
        byName.forEach((scope, e) -> entries.put(scope, new Entry(scope, e.description().strip(),
                implications(scope, e, byName, source), e.selfRegistration())));
        return new ScopeCatalog(java.util.Collections.unmodifiableMap(entries));
    }

    private static Set<Scope> implications(Scope scope, FileEntry e, Map<Scope, FileEntry> known, String source) {
        Set<Scope> implied = new LinkedHashSet<>();
        for (String name : e.implies() == null ? List.<String>of() : e.implies()) {
            if (name == null || !Scope.isValid(name) || !known.containsKey(Scope.of(name))) {
                throw new ConfigException(source + ": scope '" + scope + "' implies unknown scope '" + name + "'");
            }
            if (name.equals(scope.name())) throw new ConfigException(source + ": scope '" + scope + "' implies itself");
            implied.add(Scope.of(name));
        }
        if (scope.name().endsWith(":read-write")) {
            String read = scope.name().substring(0, scope.name().length() - "-write".length());
            if (known.containsKey(Scope.of(read))) implied.add(Scope.of(read));
        }
        return Set.copyOf(implied);
    }

    /** Every scope, in catalogue order. */
    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    public Optional<Entry> find(Scope scope) {
        return Optional.ofNullable(entries.get(scope));
    }

    public boolean isKnown(Scope scope) {
        return entries.containsKey(scope);
    }

    /** A raw name: valid syntax and in the catalogue. */
    public boolean isKnown(String name) {
        return Scope.isValid(name) && isKnown(Scope.of(name));
    }

    @Override
    public Set<Scope> impliedBy(Scope scope) {
        Entry e = entries.get(scope);
        return e == null ? Set.of() : e.implies();
    }

    /**
     * A requested scope parameter: syntax (RFC 6749 §3.3) and catalogue membership both checked;
     * an unknown scope is invalid_scope naming it (RFC 6749 §5.2).
     */
    public ScopeSet parse(String raw) {
        ScopeSet set = ScopeSet.parse(raw, this);
        List<String> unknown = new ArrayList<>();
        for (Scope s : set) if (!isKnown(s)) unknown.add(s.name());
        if (!unknown.isEmpty()) {
            throw new OAuthException(new OAuthError.InvalidScope("Unknown scope: " + String.join(" ", unknown)));
        }
        return set;
    }

    /**
     * Scopes read back from storage: syntax checked, unknown ones kept as granted (they grant
     * nothing the catalogue does not require), so replacing the catalogue never breaks a credential.
     */
    public ScopeSet stored(String raw) {
        return ScopeSet.parse(raw, this);
    }

    /** The scopes a self-registered client (RFC 7591) may request, in catalogue order. */
    public ScopeSet selfRegistrable() {
        return ScopeSet.of(entries.values().stream().filter(Entry::selfRegistration).map(Entry::scope).toList(), this);
    }
}
