package dev.leakpath.target;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import org.springframework.lang.Nullable;

/**
 * A secret's target as the API shows it, with whether the inventory has it: {@code exists} is {@code true}
 * (then {@code assetId} names the asset), {@code false}, {@code unknown} (no assets of that cloud), or null
 * for targets that are not cloud resources.
 */
public record TargetView(@JsonUnwrapped SecretTarget resolved, @Nullable String exists, @Nullable Long assetId) {
}
