using Xunit.Abstractions;
using Xunit.Sdk;

namespace AdoptionBot.Tests.Support.Stores;

/// <summary>
/// A fact of a store suite (an abstract class run once per provider): in the suite's PostgreSQL subclass it is
/// skipped, naming <see cref="PostgreSqlStoreFixture.ServerVariable"/>, when no server is configured (and never on CI).
/// </summary>
[XunitTestCaseDiscoverer("AdoptionBot.Tests.Support.Stores.StoreFactDiscoverer", "AdoptionBot.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute;

/// <summary>A theory of a store suite; see <see cref="StoreFactAttribute"/>.</summary>
[XunitTestCaseDiscoverer("AdoptionBot.Tests.Support.Stores.StoreTheoryDiscoverer", "AdoptionBot.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreTheoryAttribute : TheoryAttribute;

internal static class StoreSuites
{
    /// <summary>The skip reason of a test in <paramref name="testClass"/>: only suites on PostgreSQL without a server skip.</summary>
    public static string? SkipReason(ITestClass testClass) =>
        UsesPostgreSql(testClass.Class.ToRuntimeType()) ? PostgreSqlStoreFixture.SkipReason : null;

    private static bool UsesPostgreSql(Type? type)
    {
        for (; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericArguments().Any(a => typeof(PostgreSqlStoreFixture).IsAssignableFrom(a)))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A test case skipped for want of a PostgreSQL server.</summary>
public sealed class SkippedStoreTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public SkippedStoreTestCase()
    {
    }

    public SkippedStoreTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod testMethod)
        : base(sink, display, options, testMethod)
    {
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute) =>
        StoreSuites.SkipReason(TestMethod.TestClass) ?? base.GetSkipReason(factAttribute);
}

public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        StoreSuites.SkipReason(testMethod.TestClass) is null
            ? base.Discover(discoveryOptions, testMethod, factAttribute)
            : [new SkippedStoreTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod)];
}

public sealed class StoreTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute) =>
        StoreSuites.SkipReason(testMethod.TestClass) is null
            ? base.Discover(discoveryOptions, testMethod, theoryAttribute)
            : [new SkippedStoreTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod)];
}
