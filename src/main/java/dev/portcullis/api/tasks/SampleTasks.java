package dev.portcullis.api.tasks;

import dev.portcullis.secrets.Ids;
import dev.portcullis.storage.Tx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A few tasks for the demo workspace, so the example app's first run has something to list. */
public final class SampleTasks {
    private record Sample(String content, Optional<Duration> dueIn, boolean completed) {}

    /** Oldest first; each is created a minute after the one before. */
    private static final List<Sample> SAMPLES = List.of(
            new Sample("Read the Portcullis README", Optional.empty(), true),
            new Sample("Connect Taskr to the demo workspace", Optional.empty(), true),
            new Sample("Create an API key for the nightly report", Optional.of(Duration.ofDays(7)), false),
            new Sample("Invite a teammate to the demo workspace", Optional.of(Duration.ofDays(3)), false),
            new Sample("Revoke Taskr on the account page, then connect it again", Optional.empty(), false));

    private SampleTasks() {}

    /** Adds the samples to {@code workspaceId}, assigned to {@code assigneeIds} (membership ids), the newest created at {@code now}. */
    public static void seed(Tx tx, String workspaceId, List<String> assigneeIds, Ids ids, Instant now) {
        TaskRepository tasks = new SqlTaskRepository();
        for (int i = 0; i < SAMPLES.size(); i++) {
            Sample s = SAMPLES.get(i);
            Instant created = now.minus(Duration.ofMinutes(SAMPLES.size() - 1 - i));
            var fields = new TaskFields(Optional.of(s.content()), Optional.of(s.dueIn().map(now::plus)),
                    Optional.of(s.completed()), Optional.of(assigneeIds));
            tasks.create(tx, workspaceId, ids.next(), fields, created);
        }
    }
}
