using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using ConnectorGen.Analyzers.Secrets;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace ConnectorGen.Analyzers.Tests;

/// <summary>
/// Issue 21 item 4: <see cref="SecretClassifier.Classify"/> is the one place that answers "why was this not reported?",
/// for C# targets and configuration-file entries alike: each dismissal names its reason (and the value's shape where the
/// shape decided).
/// </summary>
public class WhyNotReportedTests
{
    private static readonly SecretClassifier Classifier = new(MappingSecrets.Empty);

    private static SecretAnalyzerOptions Options(params (string Key, string Value)[] values)
    {
        var options = new DictionaryOptions(values);
        return SecretAnalyzerOptions.Read(options, options);
    }

    [Theory]
    [InlineData("", "Blank", "Credential")]
    [InlineData("tok:{0}:{1}", "NotCredentialShaped", "Template")]
    [InlineData("pm-4812-trusted-device-token", "NotCredentialShaped", "Slug")]
    [InlineData("rotate-secrets.ps1", "NotCredentialShaped", "FileOrPath")]
    [InlineData("IDX10609", "NotCredentialShaped", "Code")]
    [InlineData("[hidden]", "NotCredentialShaped", "Marker")]
    [InlineData("EmergencyAccessInvite", "NotCredentialShaped", "Identifier")]
    [InlineData("Thumbnails", "NotCredentialShaped", "Word")]
    public void NameOnlyDismissalsNameTheShape(string value, string why, string shape)
    {
        foreach (var sink in new[] { Sink.ForUnboundName("sessionToken"), Sink.ForConfigurationEntry("SessionToken", "Auth:SessionToken", false) })
        {
            var finding = Classifier.Classify(value, sink, Options());
            Assert.True(finding.IsNone);
            Assert.Equal(why, finding.Why.ToString());
            if (finding.Why == Dismissal.NotCredentialShaped)
            {
                Assert.Equal(shape, finding.Shape.ToString());
            }
        }
    }

    [Fact]
    public void TestProjectsAndMissingEvidenceAreNamed()
    {
        var inTests = Options(("build_property.IsTestProject", "true"));
        Assert.Equal(Dismissal.TestProject, Classifier.Classify("k93jfu2Lq", Sink.ForUnboundName("password"), inTests).Why);
        Assert.Equal(Dismissal.NoEvidence, Classifier.Classify("k93jfu2Lq", Sink.ForUnboundName("value"), Options()).Why);

        // A configuration file holds no test code: the same entry is reported in a test project.
        Assert.Equal(FindingKind.SecretName, Classifier.Classify("k93jfu2Lq", Sink.ForConfigurationEntry("Password", "Smtp:Password", false), inTests).Kind);
    }

    private sealed class DictionaryOptions((string Key, string Value)[] values) : AnalyzerConfigOptions
    {
        private readonly Dictionary<string, string> _values = Build(values);

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);

        private static Dictionary<string, string> Build((string Key, string Value)[] values)
        {
            var result = new Dictionary<string, string>();
            foreach (var (key, value) in values)
            {
                result[key] = value;
            }

            return result;
        }
    }
}
