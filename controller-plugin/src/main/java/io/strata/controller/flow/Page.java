package io.strata.controller.flow;

import java.util.List;

/** One page of a listing; {@code nextToken} is empty on the last. */
public record Page<T>(List<T> items, String nextToken) {}
