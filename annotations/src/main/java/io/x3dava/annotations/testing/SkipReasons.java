package io.x3dava.annotations.testing;

import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * A JUnit Platform listener for the project's test runs (registered in each module's test resources): Surefire's
 * summary gives only the count of skipped tests, so at the end of a module's tests this prints each reason once (the
 * assumption's message, e.g. which fixture is absent), with how many tests it skipped. Not used at run time (the
 * launcher API is a provided dependency).
 */
public final class SkipReasons implements TestExecutionListener {

    private final Map<String, Integer> reasons = new TreeMap<>();
    private final PrintStream out = System.out;

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        if (test.isTest() || test.isContainer() && test.getParentId().isPresent()) {
            reasons.merge(reason == null ? "disabled" : reason, 1, Integer::sum);
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            String why = result.getThrowable().map(Throwable::getMessage).orElse(null);
            reasons.merge(why == null || why.isBlank() ? "assumption not met" : why.strip(), 1, Integer::sum);
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (reasons.isEmpty()) {
            return;
        }
        out.println("Skipped tests, each reason once:");
        reasons.forEach((reason, n) -> out.println("  " + n + (n == 1 ? " test:  " : " tests: ") + reason));
    }
}
