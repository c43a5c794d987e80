package dev.switchboard.sandbox;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Marks a test class that checks the sandbox against official vendor specs (files relative to the vendor-specs
 * directory, see {@link VendorSpecs}). Without them the class does not run, not even its sandbox, and every one of
 * its tests is reported as skipped (a class aborted by an assumption in {@code @BeforeAll} would be reported by
 * Surefire as zero tests run); with {@code -Dvendor.specs.required=true} the class fails instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresVendorSpecs.Condition.class)
public @interface RequiresVendorSpecs {

  /** The spec files the class reads, e.g. {@code stripe/spec3.2023-08-16.yaml}. */
  String[] value();

  /** Disables the annotated class when one of its spec files is absent (see {@link VendorSpecs#has}). */
  final class Condition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      Optional<RequiresVendorSpecs> required = context.getTestClass()
          .flatMap(c -> AnnotationSupport.findAnnotation(c, RequiresVendorSpecs.class));
      Optional<String> missing = required.stream().flatMap(r -> Arrays.stream(r.value())).filter(f -> !VendorSpecs.has(f)).findFirst();
      return missing.map(f -> ConditionEvaluationResult.disabled("vendor spec " + f + " not available"))
          .orElseGet(() -> ConditionEvaluationResult.enabled("vendor specs available"));
    }
  }
}
