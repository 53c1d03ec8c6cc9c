package dev.portcullis.operators;

import java.time.Instant;

/** An operator credential for /manage/v1, as stored: the {@code pc_op_} value itself never is. */
public record OperatorToken(String id, String name, Instant createdAt) {}
