package dev.leakpath.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.leakpath.alert.AlertView;
import dev.leakpath.attackpath.AttackPathView;

/**
 * One alert as {@code GET /api/v1/alerts/{id}} shows it: the alert's fields, the attack paths it is evidence
 * for (open ones first, riskiest first) and the steps that close them.
 */
record AlertDetail(@JsonUnwrapped AlertView alert, List<AttackPathView> attackPaths, List<String> remediation) {
}
