package dev.dlqconsole;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.stereotype.Repository;

/** The layout rules of STYLE.md, checked on every build. */
@AnalyzeClasses(packages = "dev.dlqconsole", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule views_never_touch_repositories_or_the_sqs_client = noClasses()
            .that()
            .resideInAPackage("..ui..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("software.amazon.awssdk..", "org.springframework.data..", "jakarta.persistence..")
            .orShould()
            .dependOnClassesThat()
            .haveSimpleNameEndingWith("Repository")
            .orShould()
            .dependOnClassesThat()
            .haveSimpleName("SqsGateway");

    @ArchTest
    static final ArchRule services_never_depend_on_views = noClasses()
            .that()
            .resideOutsideOfPackages("..ui..")
            .and()
            .doNotHaveSimpleName("Application")
            .and()
            .doNotHaveSimpleName("SecurityConfig")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("..ui..");

    @ArchTest
    static final ArchRule only_the_sqs_package_talks_to_sqs = noClasses()
            .that()
            .resideOutsideOfPackage("dev.dlqconsole.sqs..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("software.amazon.awssdk..");

    /** The audit trail records what services did, as the user they ran as; a view cannot write in it. */
    @ArchTest
    static final ArchRule views_never_write_the_audit_trail = noClasses()
            .that()
            .resideInAPackage("..ui..")
            .should()
            .callMethodWhere(DescribedPredicate.describe(
                    "a method of AuditLog that records",
                    (JavaMethodCall call) ->
                            call.getTargetOwner().getSimpleName().equals("AuditLog")
                                    && call.getName().startsWith("record")));

    /**
     * The REST API, like the views, goes through the features' services: never a repository, the
     * database or SQS, and it leaves the audit trail to the services, which record as the caller.
     */
    @ArchTest
    static final ArchRule the_api_goes_through_services_only = noClasses()
            .that()
            .resideInAPackage("dev.dlqconsole.api..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "software.amazon.awssdk..",
                    "org.springframework.data..",
                    "org.springframework.jdbc..",
                    "jakarta.persistence..")
            .orShould()
            .dependOnClassesThat()
            .areAnnotatedWith(Repository.class)
            .orShould()
            .dependOnClassesThat()
            .haveSimpleName("SqsGateway")
            .orShould()
            .callMethodWhere(DescribedPredicate.describe(
                    "a method of AuditLog that records",
                    (JavaMethodCall call) ->
                            call.getTargetOwner().getSimpleName().equals("AuditLog")
                                    && call.getName().startsWith("record")));

    @ArchTest
    static final ArchRule features_are_free_of_cycles =
            slices().matching("dev.dlqconsole.(*)..").should().beFreeOfCycles();
}
