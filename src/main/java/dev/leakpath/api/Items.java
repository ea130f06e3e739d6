package dev.leakpath.api;

import java.util.List;

/** A listing that is one page: every item, or up to the call's {@code limit}. */
record Items<T>(List<T> items) {
}
