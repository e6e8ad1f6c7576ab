using System.Runtime.CompilerServices;

namespace ConnectorGen.Tests.Support;

/// <summary>
/// A small snapshot helper with Verify.SourceGenerators' file naming (Verify is not served by this project's package
/// feed): one file per generated source, <c>Snapshots/&lt;TestClass&gt;.&lt;TestMethod&gt;#&lt;HintName&gt;.verified.cs</c>.
/// On a mismatch it writes <c>.received.cs</c> beside it and fails with the first differing line. Accept new output by
/// running the tests with CONNECTORGEN_ACCEPT_SNAPSHOTS=1 (or by renaming .received to .verified).
/// </summary>
internal static class Snapshot
{
    public static void Verify(string testClass, string hintName, string actual, [CallerMemberName] string testMethod = "", [CallerFilePath] string callerFile = "")
    {
        var directory = Path.Combine(Path.GetDirectoryName(callerFile)!, "Snapshots");
        Directory.CreateDirectory(directory);
        var stem = Path.GetFileNameWithoutExtension(hintName);
        var extension = Path.GetExtension(hintName);
        var verified = Path.Combine(directory, $"{testClass}.{testMethod}#{stem}.verified{extension}");
        var received = Path.Combine(directory, $"{testClass}.{testMethod}#{stem}.received{extension}");
        var normalized = actual.Replace("\r\n", "\n").TrimStart('\uFEFF');
        var accept = Environment.GetEnvironmentVariable("CONNECTORGEN_ACCEPT_SNAPSHOTS") == "1";
        if (accept)
        {
            File.WriteAllText(verified, normalized);
            File.Delete(received);
            return;
        }

        if (!File.Exists(verified))
        {
            File.WriteAllText(received, normalized);
            Assert.Fail($"No snapshot {Path.GetFileName(verified)}; wrote {Path.GetFileName(received)}. Review it, then rename it to .verified{extension} or run with CONNECTORGEN_ACCEPT_SNAPSHOTS=1.");
        }

        var expected = File.ReadAllText(verified).Replace("\r\n", "\n");
        if (expected == normalized)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, normalized);
        var expectedLines = expected.Split('\n');
        var actualLines = normalized.Split('\n');
        var line = 0;
        while (line < expectedLines.Length && line < actualLines.Length && expectedLines[line] == actualLines[line])
        {
            line++;
        }

        Assert.Fail(
            $"{Path.GetFileName(verified)} differs at line {line + 1}:\n" +
            $"- {(line < expectedLines.Length ? expectedLines[line] : "<end of file>")}\n" +
            $"+ {(line < actualLines.Length ? actualLines[line] : "<end of file>")}\n" +
            $"The new output is in {Path.GetFileName(received)}; accept it with CONNECTORGEN_ACCEPT_SNAPSHOTS=1 if the change is intended.");
    }
}
