package dev.portcullis.bench;

import dev.portcullis.scopes.ScopeCatalog;
import dev.portcullis.scopes.ScopeSet;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** The scope check of a /v2 route: GET /v2/tasks needs four scopes, one of them through an implication. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ScopeBenchmark {
    private final ScopeCatalog catalog = ScopeCatalog.builtIn();
    private final ScopeSet granted = catalog.parse(
            "openid offline_access task:read-write object_configuration:read record_permission:read user_management:read");
    private final ScopeSet required = ScopeSet.of("task:read", "object_configuration:read", "record_permission:read",
            "user_management:read");
    private final ScopeSet notGranted = ScopeSet.of("task:read", "webhook:read-write");

    @Benchmark
    public boolean satisfied() {
        return granted.satisfies(required);
    }

    @Benchmark
    public boolean notSatisfied() {
        return granted.satisfies(notGranted);
    }

    @Benchmark
    public ScopeSet parseGranted() {
        return catalog.parse("task:read-write object_configuration:read record_permission:read user_management:read");
    }
}
