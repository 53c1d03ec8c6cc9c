package dev.portcullis;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.Arrays;

/**
 * The shape of the code, checked on the compiled main classes: no package imports itself in a
 * circle, domain packages do not know HTTP, and the foundation is layered one way
 * (error, then oauth and secrets, storage, config, http, then the capabilities on top).
 */
@AnalyzeClasses(packages = "dev.portcullis", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String ROOT = "dev.portcullis";

    /** Packages that hold rules and data, not endpoints: they must work without a web server. */
    static final String[] DOMAIN = {"oauth", "secrets", "error", "storage", "config", "scopes", "credentials", "apps", "apikeys",
            "connections", "identity", "keys", "resources", "clientauth", "ratelimit", "operators", "events", "mail",
            "accountsecurity", "mfa"};

    /** The foundation, lowest first: each may use only the ones before it. */
    static final String[][] FOUNDATION = {{"error"}, {"oauth", "secrets"}, {"storage"}, {"config"}, {"http"}};

    @ArchTest
    static final ArchRule noPackageCycles = slices().assignedFrom(new EachPackage()).should().beFreeOfCycles()
            .because("a package that imports itself in a circle cannot be read, tested or moved on its own");

    @ArchTest
    static final ArchRule domainPackagesDoNotKnowHttp = noClasses().that().resideInAnyPackage(packages(DOMAIN))
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".http..", "io.helidon..")
            .because("domain rules must not depend on the HTTP adapter; endpoints in capability packages translate requests");

    @ArchTest
    static final ArchRule foundationIsLayeredOneWay = layeredArchitecture()
            .consideringOnlyDependenciesInAnyPackage(ROOT + "..")
            .layer("error").definedBy(packages(FOUNDATION[0]))
            .layer("oauth/secrets").definedBy(packages(FOUNDATION[1]))
            .layer("storage").definedBy(packages(FOUNDATION[2]))
            .layer("config").definedBy(packages(FOUNDATION[3]))
            .layer("http").definedBy(packages(FOUNDATION[4]))
            .layer("capabilities").definedBy(capabilities())
            .whereLayer("error").mayNotAccessAnyLayer()
            .whereLayer("oauth/secrets").mayOnlyAccessLayers("error")
            .whereLayer("storage").mayOnlyAccessLayers("error", "oauth/secrets")
            .whereLayer("config").mayOnlyAccessLayers("error", "oauth/secrets", "storage")
            .whereLayer("http").mayOnlyAccessLayers("error", "oauth/secrets", "storage", "config")
            .because("a lower layer importing a higher one is how the foundation cycle began");

    /** One slice per package: {@code api} and {@code api.tasks} are two, so a cycle between them counts. */
    static final class EachPackage implements SliceAssignment {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            return name.equals(ROOT) || name.startsWith(ROOT + ".") ? SliceIdentifier.of(name) : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "each package of " + ROOT;
        }
    }

    /** Every class of ours outside the foundation: the composition root, the CLI and the capabilities. */
    private static DescribedPredicate<JavaClass> capabilities() {
        String[] foundation = packages(Arrays.stream(FOUNDATION).flatMap(Arrays::stream).toArray(String[]::new));
        return resideInAnyPackage(ROOT + "..").and(not(resideInAnyPackage(foundation))).as("the packages above http");
    }

    private static String[] packages(String... names) {
        return Arrays.stream(names).map(n -> ROOT + "." + n + "..").toArray(String[]::new);
    }
}
